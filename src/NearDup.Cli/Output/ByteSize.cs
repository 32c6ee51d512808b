using System.Globalization;

namespace NearDup.Cli.Output;

/// <summary>Sizes of memory and files as a message states them.</summary>
internal static class ByteSize
{
    /// <summary>Megabytes under a gigabyte, so that a small limit does not read as 0.0 GB; gigabytes to one decimal above.</summary>
    public static string Format(long bytes) => bytes < 1_000_000_000
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:N0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.0} GB");
}
