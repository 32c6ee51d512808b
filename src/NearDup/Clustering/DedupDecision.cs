namespace NearDup.Clustering;

/// <summary>A document <see cref="Deduplicator"/> removes, and why.</summary>
/// <param name="Id">The removed document.</param>
/// <param name="Cluster">Its cluster (<see cref="DocumentCluster.Id"/>).</param>
/// <param name="KeptId">The document kept in its place.</param>
/// <param name="Kind">The kind of copy that removed it: its role, or the kept document's when it is the canonical; <see cref="CopyKinds.Template"/> for a template.</param>
/// <param name="Role">Its role in its cluster.</param>
/// <param name="Jaccard">Its Jaccard against its cluster's canonical (1 for the canonical); for a template, that of the strongest template link of its cluster.</param>
/// <param name="Containment">Likewise, its containment.</param>
public readonly record struct DedupDecision(string Id, string Cluster, string KeptId, CopyKinds Kind, CopyRole Role, double Jaccard, double Containment);
