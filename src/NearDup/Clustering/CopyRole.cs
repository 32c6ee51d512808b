namespace NearDup.Clustering;

/// <summary>What a member of a cluster is to the cluster's canonical document.</summary>
public enum CopyRole
{
    /// <summary>The canonical document itself: the one the others copy.</summary>
    Canonical,

    /// <summary>Identical to the canonical after normalization.</summary>
    Exact,

    /// <summary>The same text with other boilerplate around it (site header, footer, related links, proxy junk).</summary>
    Syndicated,

    /// <summary>An edited or machine-paraphrased copy: shares a clear but minor part of its shingles with the canonical.</summary>
    Rewritten,

    /// <summary>A shorter piece that quotes part of the canonical inside text of its own.</summary>
    Excerpt,
}
