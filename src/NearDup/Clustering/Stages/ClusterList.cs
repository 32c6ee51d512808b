namespace NearDup.Clustering;

/// <summary>The clusters in output order, and where each document went (kept for queries).</summary>
/// <param name="Clusters">Largest first, then by canonical id.</param>
/// <param name="ClusterOf">Each document's cluster, an index into <paramref name="Clusters"/>.</param>
/// <param name="ClusterIds">Each cluster's id.</param>
internal sealed record ClusterList(List<DocumentCluster> Clusters, int[] ClusterOf, string[] ClusterIds);
