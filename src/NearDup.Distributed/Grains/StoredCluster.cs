using NearDup.Clustering;

namespace NearDup.Distributed.Grains;

/// <summary>A cluster of a batch run as a result partition keeps it: <see cref="DocumentCluster"/> in columns.</summary>
/// <param name="Id">The cluster id.</param>
/// <param name="Canonical">The canonical member's id.</param>
/// <param name="Members">Member ids, in the cluster's order.</param>
/// <param name="Roles">Each member's <see cref="CopyRole"/>.</param>
/// <param name="Jaccard">Each member's Jaccard similarity with the canonical.</param>
/// <param name="Containment">Each member's containment.</param>
[GenerateSerializer, Immutable, Alias("NearDup.StoredCluster")]
public sealed record StoredCluster([property: Id(0)] string Id, [property: Id(1)] string Canonical, [property: Id(2)] string[] Members,
    [property: Id(3)] byte[] Roles, [property: Id(4)] double[] Jaccard, [property: Id(5)] double[] Containment)
{
    /// <summary>The columns of <paramref name="cluster"/>.</summary>
    public static StoredCluster From(DocumentCluster cluster) => new(cluster.Id, cluster.Canonical,
        [.. cluster.Members.Select(m => m.Id)], [.. cluster.Members.Select(m => (byte)m.Role)],
        [.. cluster.Members.Select(m => m.Jaccard)], [.. cluster.Members.Select(m => m.Containment)]);

    /// <summary>The cluster as the library returns it.</summary>
    public DocumentCluster ToCluster() => new(Id, Canonical,
        [.. Members.Select((id, i) => new NearDup.Clustering.ClusterMember(id, (CopyRole)Roles[i], Jaccard[i], Containment[i]))]);
}
