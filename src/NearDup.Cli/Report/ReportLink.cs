namespace NearDup.Cli.Report;

/// <summary>
/// A reuse link between documents of two clusters: different stories that share a passage, a quote or a template.
/// </summary>
/// <param name="A">One document.</param>
/// <param name="ClusterA">Its cluster.</param>
/// <param name="B">The other document.</param>
/// <param name="ClusterB">Its cluster.</param>
/// <param name="Kind">passage, quote or template; null when the texts were not read.</param>
/// <param name="Shared">Shared shingles.</param>
/// <param name="Containment">Shared shingles over the smaller document's.</param>
internal sealed record ReportLink(string A, string ClusterA, string B, string ClusterB, string? Kind, int Shared, double Containment)
{
    /// <summary>The reuse links among <paramref name="pairs"/> (JSON objects as <c>cluster --pairs</c> writes them), with each side's cluster.</summary>
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
        return [.. pairs.Where(p => p.Relation == "reuse" && clusterOf.ContainsKey(p.A) && clusterOf.ContainsKey(p.B))
            .Select(p => new ReportLink(p.A, clusterOf[p.A], p.B, clusterOf[p.B], p.Kind, p.Shared, p.Containment))
            .OrderByDescending(l => l.Shared).ThenBy(l => l.A, StringComparer.Ordinal).ThenBy(l => l.B, StringComparer.Ordinal)];
    }
}
