using NearDup.Clustering;

namespace NearDup.Cli.Report;

/// <summary>One cluster, with the canonical member first.</summary>
/// <param name="Id">Cluster id, e.g. <c>c000001</c>.</param>
/// <param name="Members">Members, canonical first, then in file order.</param>
internal sealed record ReportCluster(string Id, IReadOnlyList<ClusterMember> Members)
{
    /// <summary>The canonical member (always the first).</summary>
    public ClusterMember Canonical => Members[0];

    /// <summary>True for a cluster of one document.</summary>
    public bool IsSingleton => Members.Count == 1;

    /// <summary>A cluster of the library's result, as the clusters JSONL would give it back: canonical first, then the others in order.</summary>
    public static ReportCluster From(DocumentCluster cluster)
    {
        var members = new List<ClusterMember>(cluster.Members.Count);
        members.AddRange(cluster.Members.Where(m => m.Id == cluster.Canonical).Take(1));
        members.AddRange(cluster.Members.Where(m => m.Id != cluster.Canonical));
        return new ReportCluster(cluster.Id, members);
    }
}
