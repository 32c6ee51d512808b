namespace NearDup.Clustering;

/// <summary>What a verified pair is.</summary>
public enum PairRelation
{
    /// <summary>Copies of the same story: they may share a cluster.</summary>
    Copy,

    /// <summary>
    /// Different stories that share text (a reused background paragraph, a shared quote, a passage a long document
    /// quotes): reported, never merged into one cluster.
    /// </summary>
    Reuse,
}
