using System.Globalization;

namespace NearDup.Cli.Report;

/// <summary>
/// The time a report says it was generated: <c>SOURCE_DATE_EPOCH</c> (seconds since 1970, the reproducible-builds
/// convention) when set, so that the same inputs give a byte-identical report; otherwise now.
/// </summary>
internal static class ReportClock
{
    public static DateTimeOffset Now() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UtcNow;
}
