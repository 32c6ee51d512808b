namespace NearDup.Clustering;

/// <summary>A member of a cluster, with its scores against the cluster's canonical document.</summary>
/// <param name="Id">The document's id.</param>
/// <param name="Role">What the member is to the canonical.</param>
/// <param name="Jaccard">Jaccard similarity of the two shingle sets, boilerplate excluded.</param>
/// <param name="Containment">Shared shingles over the shingles of the smaller of the two, boilerplate excluded.</param>
public readonly record struct ClusterMember(string Id, CopyRole Role, double Jaccard, double Containment);
