namespace NearDup.Clustering;

/// <summary>Applies an <see cref="OutputFilter"/> to a clustering (<see cref="ClusteringResult.Filter"/>).</summary>
internal static class ResultFilter
{
    public static ClusteringResult Apply(ClusteringResult result, OutputFilter filter)
    {
        var clusters = new List<(string Canonical, ClusterMember[] Members)>(result.Clusters.Count);
        foreach (var cluster in result.Clusters)
        {
            var kept = new List<ClusterMember>(cluster.Members.Count);
            foreach (var member in cluster.Members)
            {
                if (filter.Admits(member))
                {
                    kept.Add(member);
                }
                else
                {
                    clusters.Add((member.Id, [new ClusterMember(member.Id, CopyRole.Canonical, 1, 1)]));
                }
            }
            clusters.Add((cluster.Canonical, kept.ToArray()));
        }
        // The clusterer's order: largest first, then by canonical id; so a split-off singleton sorts among the others.
        clusters.Sort((x, y) =>
        {
            int bySize = y.Members.Length.CompareTo(x.Members.Length);
            return bySize != 0 ? bySize : string.CompareOrdinal(x.Canonical, y.Canonical);
        });
        var numbered = new DocumentCluster[clusters.Count];
        for (int c = 0; c < clusters.Count; c++)
        {
            numbered[c] = new DocumentCluster(CanonicalStage.ClusterId(c, clusters.Count), clusters[c].Canonical, clusters[c].Members);
        }
        var pairs = result.Pairs.Where(filter.Admits).ToArray();
        return result with { Clusters = numbered, Pairs = pairs };
    }
}
