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
    /// Budget, in UTF-16 chars, for all embedded texts together. When the texts (each cut to <see cref="MaxTextChars"/>)
    /// are over it, every text is trimmed to one shorter length, the longest that fits, but not below
    /// <see cref="MinTextChars"/>; each trimmed text says how many characters were left out. Only if even that is over
    /// the budget, clusters are filled largest first and later ones list their members by id only. Default 16M chars:
    /// the report of 20,000 generated documents is then about 18 MB, a page a browser opens in a few seconds.
    /// </summary>
    public long MaxTotalTextChars { get; init; } = 16_000_000;

    /// <summary>The shortest length texts are trimmed to under <see cref="MaxTotalTextChars"/>. Default 1,000 chars (a headline and a paragraph or two).</summary>
    public int MinTextChars { get; init; } = 1_000;

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
        ArgumentOutOfRangeException.ThrowIfLessThan(MinTextChars, 1, nameof(MinTextChars));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentNullException.ThrowIfNull(Title, nameof(Title));
    }
}
