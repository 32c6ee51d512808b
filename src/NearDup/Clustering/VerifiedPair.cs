namespace NearDup.Clustering;

/// <summary>A verified pair of documents: copies of one story, or different stories that share a passage (see <see cref="Relation"/>).</summary>
/// <param name="First">The id that sorts first.</param>
/// <param name="Second">The other id.</param>
/// <param name="Jaccard">Jaccard similarity, boilerplate excluded.</param>
/// <param name="Containment">Shared shingles over the smaller document's shingles, boilerplate excluded.</param>
/// <param name="SharedShingles">Estimated number of shared shingles (exact at sample rate 1).</param>
public readonly record struct VerifiedPair(string First, string Second, double Jaccard, double Containment, int SharedShingles)
{
    /// <summary>Whether the two tell the same story (<see cref="PairRelation.Copy"/>) or different stories that share text.</summary>
    public PairRelation Relation { get; init; }

    /// <summary>Shared shingles over <see cref="First"/>'s, boilerplate excluded: how much of the first the second holds.</summary>
    public double ContainmentOfFirst { get; init; }

    /// <summary>Shared shingles over <see cref="Second"/>'s, boilerplate excluded: how much of the second the first holds.</summary>
    public double ContainmentOfSecond { get; init; }
}
