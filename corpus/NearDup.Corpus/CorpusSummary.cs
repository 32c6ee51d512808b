namespace NearDup.Corpus;

/// <summary>What <see cref="CorpusGenerator.Write(string)"/> wrote.</summary>
/// <param name="Documents">Number of documents (lines in each file).</param>
/// <param name="Stories">Number of clusters (stories).</param>
/// <param name="DocsBytes">Size of <c>docs.jsonl</c> in bytes.</param>
/// <param name="LabelsBytes">Size of <c>labels.jsonl</c> in bytes.</param>
/// <param name="RoleCounts">Documents per role, keyed by <see cref="DocumentRoles"/> values, in <see cref="DocumentRoles.All"/> order.</param>
public sealed record CorpusSummary(int Documents, int Stories, long DocsBytes, long LabelsBytes, IReadOnlyDictionary<string, int> RoleCounts)
{
    /// <summary>With <see cref="StoryCopyGenerator"/>: stories made into follow-ups of another (its own cluster, role original).</summary>
    public int FollowUps { get; init; }

    /// <summary>With <see cref="StoryCopyGenerator"/>: stories made to carry one quoted sentence of another.</summary>
    public int QuoteCarriers { get; init; }

    /// <summary>With <see cref="StoryCopyGenerator"/>: base stories left out as copies of earlier ones.</summary>
    public int CopiesLeftOut { get; init; }
}
