using NearDup.Cli.Input;
using NearDup.Internal;

namespace NearDup.Cli.Pipeline;

/// <summary>
/// What an input holds before it is read, estimated from its files: bytes of text and documents. Known for files and
/// folders; unknown for stdin, pipes and devices, whose size is not known until they end.
/// </summary>
/// <param name="TextBytes">Bytes of text once decompressed (a compressed file counted at <see cref="CompressedRatio"/> times its size).</param>
/// <param name="Documents">Documents, from the lines of a plain file's first mebibyte, or counted as files in a folder.</param>
internal readonly record struct InputSize(long TextBytes, long Documents)
{
    /// <summary>Text per byte of a compressed file (gzip, zstd, LZ4, Parquet): news JSONL compresses about 3 to 4 times.</summary>
    public const int CompressedRatio = 4;

    /// <summary>Bytes per document where no line can be counted (a compressed file): shorter than a news article, so that documents are not undercounted.</summary>
    public const int AssumedDocumentBytes = 2000;

    /// <summary>Bytes read from the start of a plain file to count its lines.</summary>
    private const int SampleBytes = 1 << 20;

    /// <summary>The size of an input nothing can be told of (stdin, a pipe, a device).</summary>
    public static InputSize Unknown { get; } = new(-1, -1);

    public bool IsKnown => TextBytes >= 0;

    /// <summary>
    /// The estimate for <paramref name="input"/>: a file, a folder (the files the reader will read, selected by
    /// <paramref name="options"/>' globs), or <c>-</c> (unknown). A folder that cannot be listed is unknown: the
    /// reader says why when it lists it.
    /// </summary>
    public static InputSize Of(string input, InputOptions options)
    {
        try
        {
            return FileProbe.Kind(input) switch
            {
                _ when input == "-" => Unknown,
                // A file given as the input is sniffed for its format whatever its name: its lines are counted.
                FileKind.Regular => OfFile(input, new FileInfo(input).Length, dataFile: true),
                FileKind.Directory => OfFolder(FolderListing.List(input, options.Include, options.Exclude)),
                _ => Unknown,
            };
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException)
        {
            return Unknown;
        }
    }

    private static InputSize OfFolder(FolderListing listing)
    {
        long bytes = 0, documents = 0;
        foreach (var (path, relative) in listing.Files)
        {
            // In a folder, a file is read as data by its name; any other is a text file.
            var size = OfFile(path, new FileInfo(path).Length, FolderFiles.IsData(relative));
            bytes += size.TextBytes;
            documents += size.Documents;
        }
        return new InputSize(bytes, documents);
    }

    /// <summary>A text file is one document; a data file holds a document a line, or one per <see cref="AssumedDocumentBytes"/> where lines cannot be counted.</summary>
    private static InputSize OfFile(string path, long length, bool dataFile)
    {
        bool compressed = IsCompressed(path);
        long text = compressed ? length * CompressedRatio : length;
        if (!dataFile)
        {
            return new InputSize(text, 1);
        }
        long assumed = Math.Max(1, text / AssumedDocumentBytes);
        // A JSON array may be one line.
        return new InputSize(text, compressed ? assumed : Math.Max(length / BytesPerLine(path, length), path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? assumed : 1));
    }

    /// <summary>Average bytes per line of the file's first mebibyte (the whole file when shorter).</summary>
    private static long BytesPerLine(string path, long length)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var sample = new byte[(int)Math.Min(length, SampleBytes)];
            int read = file.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
            int lines = sample.AsSpan(0, read).Count((byte)'\n');
            return lines == 0 ? Math.Max(1, length) : Math.Max(1, read / lines);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The reader says what is wrong with the file when it opens it; the estimate only guesses.
            return AssumedDocumentBytes;
        }
    }

    private static bool IsCompressed(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".lz4", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
}
