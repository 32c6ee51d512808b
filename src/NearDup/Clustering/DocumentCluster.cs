namespace NearDup.Clustering;

/// <summary>A story and its copies. Singletons are clusters of one.</summary>
/// <param name="Id">Cluster id, <c>c</c> and a number: clusters are numbered largest first, then by canonical id.</param>
/// <param name="Canonical">Id of the canonical document.</param>
/// <param name="Members">The canonical first, then the copies by id.</param>
public sealed record DocumentCluster(string Id, string Canonical, IReadOnlyList<ClusterMember> Members);
