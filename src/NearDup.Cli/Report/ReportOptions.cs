namespace NearDup.Cli.Report;

/// <summary>
/// Settings of the HTML cluster report (<c>neardup report</c>). Validated once by <see cref="ReportWriter"/>.
/// </summary>
internal sealed record ReportOptions
{
    /// <summary>The defaults below.</summary>
    public static ReportOptions Default { get; } = new();

    /// <summary>
    /// Shortest shared passage, in consecutive normalized words, that the aligner highlights. Default 4:
    /// three-word runs ("one of the") match between unrelated texts too often to mean copying.
    /// </summary>
    public int MinRunWords { get; init; } = 4;

    /// <summary>
    /// Longest text, in UTF-16 chars, embedded per document; longer texts are cut at a word boundary
    /// and flagged as truncated, and alignment uses only the embedded part. Default 20,000 chars
    /// (about 3,000 words, a long article), which keeps a copy's side-by-side view readable and bounds
    /// the aligner's work per pair.
    /// </summary>
    public int MaxTextChars { get; init; } = 20_000;

    /// <summary>
    /// Budget, in UTF-16 chars, for all embedded texts together. Clusters are filled largest first;
    /// once the budget is spent, later clusters list their members by id only. Default 64M chars,
    /// so the worst case of a 100,000-document corpus stays a file a browser parses in a few seconds.
    /// </summary>
    public long MaxTotalTextChars { get; init; } = 64L * 1024 * 1024;

    /// <summary>Clusters per page of the cluster list. Default 20.</summary>
    public int PageSize { get; init; } = 20;

    /// <summary>Page title and heading. Default "NearDup report".</summary>
    public string Title { get; init; } = "NearDup report";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinRunWords, 1, nameof(MinRunWords));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextChars, 1, nameof(MaxTextChars));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTotalTextChars, nameof(MaxTotalTextChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentNullException.ThrowIfNull(Title, nameof(Title));
    }
}
