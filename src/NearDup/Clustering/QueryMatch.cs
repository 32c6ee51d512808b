namespace NearDup.Clustering;

/// <summary>A document already added that a queried text copies (or is copied by).</summary>
/// <param name="Id">The matched document.</param>
/// <param name="Cluster">The cluster of the matched document in the last clustering.</param>
/// <param name="Role">What the queried text is to the matched document (for a copy).</param>
/// <param name="Jaccard">Jaccard similarity, boilerplate excluded.</param>
/// <param name="Containment">Shared shingles over the smaller document's shingles, boilerplate excluded.</param>
public readonly record struct QueryMatch(string Id, string Cluster, CopyRole Role, double Jaccard, double Containment)
{
    /// <summary>A copy of the matched document's story, or a different story that shares text with it (as in the clusters).</summary>
    public PairRelation Relation { get; init; }
}
