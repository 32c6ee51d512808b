namespace NearDup.Distributed.Grains;

/// <summary>
/// What one result partition holds of one batch run: for its documents (by <see cref="Partitions.PartitionMap.OfDocument"/>
/// of the id), their cluster's id and strong group; and the clusters and groups whose id falls in it. Both sorted by ordinal order of id and searched
/// by bisection.
/// </summary>
/// <param name="Run">The run's number (<see cref="IClusterRunGrain"/>).</param>
/// <param name="Documents">Document ids, sorted.</param>
/// <param name="DocumentClusters">The cluster id of each of <paramref name="Documents"/>.</param>
/// <param name="Clusters">Clusters, sorted by id.</param>
[GenerateSerializer, Immutable, Alias("NearDup.ClusterRunPart")]
public sealed record ClusterRunPart([property: Id(0)] long Run, [property: Id(1)] string[] Documents, [property: Id(2)] string[] DocumentClusters,
    [property: Id(3)] StoredCluster[] Clusters)
{
    /// <summary>
    /// The key (<see cref="StoredGroup.Key"/>) of each of <see cref="Documents"/>' strong group, empty for a group of one;
    /// null in a part stored by a build that kept no groups, whose documents then read as groups of one.
    /// </summary>
    [Id(4)] public string[]? DocumentGroups { get; init; }

    /// <summary>The groups of several whose key falls in this partition, sorted by key; null as <see cref="DocumentGroups"/>.</summary>
    [Id(5)] public StoredGroup[]? Groups { get; init; }

    /// <summary>The key of document <paramref name="id"/>'s group of several, or null (a group of one, or not clustered by this run).</summary>
    public string? GroupOf(string id)
    {
        if (DocumentGroups is null)
        {
            return null;
        }
        int at = Array.BinarySearch(Documents, id, StringComparer.Ordinal);
        return at >= 0 && DocumentGroups[at].Length > 0 ? DocumentGroups[at] : null;
    }

    /// <summary>The group of key <paramref name="key"/>, or null.</summary>
    public StoredGroup? Group(string key) => Groups is null ? null : Find(Groups, g => g.Key, key);

    /// <summary>The cluster id of document <paramref name="id"/>, or null if this run did not cluster it.</summary>
    public string? ClusterOf(string id)
    {
        int at = Array.BinarySearch(Documents, id, StringComparer.Ordinal);
        return at >= 0 ? DocumentClusters[at] : null;
    }

    /// <summary>Cluster <paramref name="clusterId"/>, or null.</summary>
    public StoredCluster? Cluster(string clusterId) => Find(Clusters, c => c.Id, clusterId);

    /// <summary>The item of <paramref name="sorted"/> (by ordinal order of <paramref name="keyOf"/>) whose key is <paramref name="key"/>, or null.</summary>
    private static T? Find<T>(T[] sorted, Func<T, string> keyOf, string key)
        where T : class
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int order = string.CompareOrdinal(keyOf(sorted[mid]), key);
            if (order == 0)
            {
                return sorted[mid];
            }
            (lo, hi) = order < 0 ? (mid + 1, hi) : (lo, mid - 1);
        }
        return null;
    }
}
