namespace NearDup.Cli.Input;

/// <summary>How <see cref="DocumentReader"/> reads a corpus.</summary>
internal sealed record InputOptions
{
    /// <summary>Field or column holding the document id; dots make a path into nested objects (<see cref="FieldPaths"/>).</summary>
    public string IdField { get; init; } = "id";

    /// <summary>Field or column holding the text; dots make a path into nested objects (<see cref="FieldPaths"/>).</summary>
    public string TextField { get; init; } = "text";

    /// <summary>Optional JSON field holding a date (ISO 8601); the earliest dated copy of a story is its canonical.</summary>
    public string DateField { get; init; } = "date";

    /// <summary>How to read a file or stdin: from its content (which must agree with its name), or as the format given.</summary>
    public InputFormat Format { get; init; } = InputFormat.Auto;

    /// <summary>Skip bad documents (counted, first reasons kept) instead of stopping at the first.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Glob patterns (relative paths, <c>*</c>, <c>**</c>, <c>?</c>) a file in a folder must match; empty for the default (<see cref="DocumentReader.DefaultInclude"/>, files with no extension, not <c>labels.jsonl</c>).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Glob patterns of files in a folder to leave out.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Largest document accepted, in bytes. Default 256 MiB.</summary>
    public long MaxDocumentBytes { get; init; } = 256L << 20;

    /// <summary>
    /// Threads that parse and check documents (JSON lines, or files of a folder) while the next batch is read; -1 for
    /// all cores, 1 for the sequential reference path. The documents, their order, the error that stops a read and
    /// the skips are the same for any value.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Say nothing on stderr but errors (<c>-q</c>): a folder's skipped entries are then not reported.</summary>
    public bool Quiet { get; init; }
}
