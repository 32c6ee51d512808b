using System.IO.Compression;
using NearDup.Cli.Input;
using ZstdSharp;

namespace NearDup.Cli.Dedup;

/// <summary>
/// The stream kept records are written to, inside the one atomic writer's stream: gzip when <c>--out</c> ends in
/// <c>.gz</c>, zstd when it ends in <c>.zst</c>, else the file itself. The layer leaves the writer's stream open and
/// ends its frame when disposed.
/// </summary>
internal static class KeptStream
{
    /// <summary>Whether <paramref name="path"/> names a compressed output.</summary>
    public static bool IsCompressed(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes through the layer <paramref name="path"/> names, then closes the layer.</summary>
    public static T Write<T>(Stream file, string path, Func<Stream, T> write)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            return write(gzip);
        }
        if (path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase))
        {
            using var zstd = new CompressionStream(file, 3, leaveOpen: true);
            return write(zstd);
        }
        return write(file);
    }

    /// <summary>The format a name like <c>jsonl</c> stands for, as <c>--output-format</c> takes it.</summary>
    public static DedupFormat Parse(string name) => name switch
    {
        "jsonl" => DedupFormat.Jsonl,
        "json" => DedupFormat.Json,
        "csv" => DedupFormat.Csv,
        "tsv" => DedupFormat.Tsv,
        "parquet" => DedupFormat.Parquet,
        _ => throw new InputException($"--output-format {name}: not a format dedup writes; give jsonl, json, csv, tsv or parquet."),
    };

    /// <summary>A format as <c>--output-format</c> names it.</summary>
    public static string Name(DedupFormat format) => format.ToString().ToLowerInvariant();
}
