namespace NearDup.Corpus;

/// <summary>The role of a document within its cluster (story), as written to <c>labels.jsonl</c>.</summary>
public static class DocumentRoles
{
    /// <summary>The story as first published. Hard negatives are originals of their own clusters.</summary>
    public const string Original = "original";

    /// <summary>Identical to the original after case, whitespace and quote normalization.</summary>
    public const string Exact = "exact";

    /// <summary>The full story republished inside another site's header, byline, footer and related posts.</summary>
    public const string Syndicated = "syndicated";

    /// <summary>A spun copy: synonyms, reordered, inserted and deleted sentences, from light to heavy.</summary>
    public const string Rewritten = "rewritten";

    /// <summary>A post quoting one or more paragraphs of the story inside its own text.</summary>
    public const string Excerpt = "excerpt";

    /// <summary>All roles, original first.</summary>
    public static IReadOnlyList<string> All { get; } = [Original, Exact, Syndicated, Rewritten, Excerpt];
}
