namespace NearDup.Distributed.Grains;

/// <summary>
/// One partition of the result of an index's batch clustering runs (grain key <c>INDEX/Result/p</c>): which cluster each
/// of its documents is in, and the clusters whose id falls in it. A lookup is two calls, document then cluster, so no
/// grain holds the whole result and a large cluster is stored once.
/// </summary>
[Alias("NearDup.IClusterResultGrain")]
public interface IClusterResultGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="part"/>, dropping parts of runs before <paramref name="keepFrom"/> (the published run when this one began).</summary>
    [Alias("Put")]
    public Task Put(ClusterRunPart part, long keepFrom);

    /// <summary>The cluster id of document <paramref name="id"/> in run <paramref name="run"/>, or null.</summary>
    [Alias("ClusterOf"), Orleans.Concurrency.ReadOnly]
    public Task<string?> ClusterOf(long run, string id);

    /// <summary>The cluster ids of documents <paramref name="ids"/> in run <paramref name="run"/>, each null if that run did not cluster it or is not held.</summary>
    [Alias("ClustersOf"), Orleans.Concurrency.ReadOnly]
    public Task<string?[]> ClustersOf(long run, string[] ids);

    /// <summary>
    /// The key of the strong group of several of each of documents <paramref name="ids"/> in run <paramref name="run"/>,
    /// each null for a group of one, a document that run did not cluster, or a run not held.
    /// </summary>
    [Alias("GroupsOf"), Orleans.Concurrency.ReadOnly]
    public Task<string?[]> GroupsOf(long run, string[] ids);

    /// <summary>The groups of keys <paramref name="keys"/> in run <paramref name="run"/>, each null if not held.</summary>
    [Alias("Groups"), Orleans.Concurrency.ReadOnly]
    public Task<StoredGroup?[]> Groups(long run, string[] keys);

    /// <summary>Cluster <paramref name="clusterId"/> of run <paramref name="run"/>, or null.</summary>
    [Alias("Cluster"), Orleans.Concurrency.ReadOnly]
    public Task<StoredCluster?> Cluster(long run, string clusterId);
}
