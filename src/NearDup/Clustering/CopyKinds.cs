namespace NearDup.Clustering;

/// <summary>
/// Kinds of copy, as flags: the roles a cluster may report (<see cref="OutputFilter.Roles"/>) and the copies
/// <see cref="Deduplicator"/> removes (<see cref="DedupOptions.Kinds"/>).
/// </summary>
[Flags]
public enum CopyKinds
{
    /// <summary>No kind.</summary>
    None = 0,

    /// <summary>Identical after normalization (<see cref="CopyRole.Exact"/>).</summary>
    Exact = 1,

    /// <summary>The same text inside other boilerplate (<see cref="CopyRole.Syndicated"/>).</summary>
    Syndicated = 2,

    /// <summary>An edited or paraphrased copy (<see cref="CopyRole.Rewritten"/>).</summary>
    Rewritten = 4,

    /// <summary>A shorter piece quoting part of the story (<see cref="CopyRole.Excerpt"/>).</summary>
    Excerpt = 8,

    /// <summary>
    /// A different story in the same wording around other names or figures: documents joined by reuse links that
    /// the caller judged templates (the CLI reads the texts again to judge them). Never a cluster role.
    /// </summary>
    Template = 16,

    /// <summary>The four roles a cluster member can have besides canonical.</summary>
    Roles = Exact | Syndicated | Rewritten | Excerpt,

    /// <summary>Every kind.</summary>
    All = Roles | Template,
}
