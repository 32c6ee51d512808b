using System.Globalization;

namespace NearDup.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Culture_IsInvariantForTheRun() => Assert.Equal(CultureInfo.InvariantCulture, CultureInfo.CurrentCulture);
}
