namespace NearDup.Corpus;

/// <summary>What <see cref="CorpusGenerator.Write(string)"/> wrote.</summary>
/// <param name="Documents">Number of documents (lines in each file).</param>
/// <param name="Stories">Number of clusters (stories).</param>
/// <param name="DocsBytes">Size of <c>docs.jsonl</c> in bytes.</param>
/// <param name="LabelsBytes">Size of <c>labels.jsonl</c> in bytes.</param>
/// <param name="RoleCounts">Documents per role, keyed by <see cref="DocumentRoles"/> values, in <see cref="DocumentRoles.All"/> order.</param>
public sealed record CorpusSummary(int Documents, int Stories, long DocsBytes, long LabelsBytes, IReadOnlyDictionary<string, int> RoleCounts);
