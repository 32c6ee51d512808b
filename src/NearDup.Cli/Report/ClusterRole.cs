namespace NearDup.Cli.Report;

/// <summary>
/// Role of a cluster member as written by <c>neardup cluster</c>. The numeric values are the indexes
/// of <see cref="ClusterRoles.Names"/> and are what the report's embedded data uses.
/// </summary>
internal enum ClusterRole
{
    /// <summary>The document the cluster is named after; every copy is compared with it.</summary>
    Canonical = 0,

    /// <summary>Same text after normalization.</summary>
    Exact = 1,

    /// <summary>The story republished with its own header, footer or small edits.</summary>
    Syndicated = 2,

    /// <summary>The story reworded (spun) sentence by sentence.</summary>
    Rewritten = 3,

    /// <summary>Part of the story, usually with the site's own boilerplate around it.</summary>
    Excerpt = 4,
}
