namespace NearDup.Cli.Report;

/// <summary>
/// A verified link between documents of two clusters: a reuse link (different stories that share a passage, a quote
/// or a template), or a copy link that the clustering kept apart, because joining the two clusters would put texts
/// together that the judge calls different stories (anti-chaining): one version of an article copying a member of
/// another version's cluster, a post excerpting two stories.
/// </summary>
/// <param name="A">One document.</param>
/// <param name="ClusterA">Its cluster.</param>
/// <param name="B">The other document.</param>
/// <param name="ClusterB">Its cluster.</param>
/// <param name="Relation">reuse or copy, as <c>cluster --pairs</c> writes it.</param>
/// <param name="Kind">passage, quote or template; null for a copy link, or when the texts were not read.</param>
/// <param name="Shared">Shared shingles.</param>
/// <param name="Containment">Shared shingles over the smaller document's.</param>
internal sealed record ReportLink(string A, string ClusterA, string B, string ClusterB, string Relation, string? Kind, int Shared, double Containment)
{
    /// <summary>
    /// The links among <paramref name="pairs"/> (JSON objects as <c>cluster --pairs</c> writes them) whose documents
    /// sit in different clusters, with each side's cluster: reuse links, and copy links the clustering kept apart, so
    /// that no verified copy link goes unreported. Links inside one cluster are left out: the cluster shows them.
    /// </summary>
    public static IReadOnlyList<ReportLink> FromPairs(IEnumerable<(string A, string B, string Relation, string? Kind, int Shared, double Containment)> pairs,
        IReadOnlyList<ReportCluster> clusters)
    {
        var clusterOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            foreach (var member in cluster.Members)
            {
                clusterOf[member.Id] = cluster.Id;
            }
        }
        return [.. pairs
            .Where(p => p.Relation is "reuse" or "copy"
                && clusterOf.TryGetValue(p.A, out var a) && clusterOf.TryGetValue(p.B, out var b) && a != b)
            .Select(p => new ReportLink(p.A, clusterOf[p.A], p.B, clusterOf[p.B], p.Relation, p.Kind, p.Shared, p.Containment))
            .OrderByDescending(l => l.Shared).ThenBy(l => l.A, StringComparer.Ordinal).ThenBy(l => l.B, StringComparer.Ordinal)];
    }
}
