using System.Globalization;
using System.Runtime.CompilerServices;

namespace NearDup.Tests;

/// <summary>
/// Runs every test under the invariant culture whatever the machine's locale (STYLE T8): the library must not
/// depend on the culture, and tests that want another one (tr-TR in <c>TokenizerTests</c>) set it themselves.
/// </summary>
internal static class InvariantCultureForTheRun
{
    [ModuleInitializer]
    internal static void Set()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}

public sealed class SmokeTests
{
    [Fact]
    public async Task Culture_IsInvariantOnEveryThreadOfTheRun()
    {
        Assert.Equal(CultureInfo.InvariantCulture, CultureInfo.CurrentCulture);
        // A new thread picks up the default, not the machine's locale.
        var onOtherThread = await Task.Factory.StartNew(() => CultureInfo.CurrentCulture, TaskCreationOptions.LongRunning);
        Assert.Equal(CultureInfo.InvariantCulture, onOtherThread);
    }
}
