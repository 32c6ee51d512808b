namespace NearDup.Cli.Report;

/// <summary>One cluster, with the canonical member first.</summary>
/// <param name="Id">Cluster id, e.g. <c>c000001</c>.</param>
/// <param name="Members">Members, canonical first, then in file order.</param>
internal sealed record ReportCluster(string Id, IReadOnlyList<ReportMember> Members)
{
    /// <summary>The canonical member (always the first).</summary>
    public ReportMember Canonical => Members[0];

    /// <summary>True for a cluster of one document.</summary>
    public bool IsSingleton => Members.Count == 1;
}
