namespace NearDup.Clustering;

/// <summary>
/// Decides what <see cref="Deduplicator"/> keeps: in each cluster (within the bounds, holding only copies of the
/// kinds removed) one document by the <see cref="KeepRule"/>; then, for templates, one of the kept documents of each
/// set of clusters joined by template links.
/// </summary>
internal static class DedupPlanner
{
    /// <summary>A document that may be kept: its id, whether it is its cluster's canonical, and its cluster's size.</summary>
    private readonly record struct Candidate(string Id, bool IsCanonical, int ClusterSize);

    public static DedupResult Plan(ClusteringResult clustering, IReadOnlyDictionary<string, DocumentFacts> facts, DedupOptions options,
        IEnumerable<VerifiedPair>? templateLinks)
    {
        var filtered = clustering.Filter(options.Bounds with { Roles = options.Kinds & CopyKinds.Roles });
        var clusters = filtered.Clusters;
        var kept = new string[clusters.Count];
        var removed = new List<DedupDecision>();
        var removedOf = new List<int>?[clusters.Count];
        for (int c = 0; c < clusters.Count; c++)
        {
            var members = clusters[c].Members;
            var best = members[0];
            foreach (var member in members)
            {
                best = IsBetter(Of(member, members.Count), Of(best, members.Count), options.Keep, facts) ? member : best;
            }
            kept[c] = best.Id;
            foreach (var member in members)
            {
                if (member.Id != best.Id)
                {
                    var kind = OutputFilter.KindOf(member.Role == CopyRole.Canonical ? best.Role : member.Role);
                    (removedOf[c] ??= []).Add(removed.Count);
                    removed.Add(new DedupDecision(member.Id, clusters[c].Id, best.Id, kind, member.Role, member.Jaccard, member.Containment));
                }
            }
        }
        if ((options.Kinds & CopyKinds.Template) != 0 && templateLinks is not null)
        {
            RemoveTemplates(clusters, kept, removed, removedOf, templateLinks.Where(options.Bounds.Admits), options.Keep, facts);
        }
        removed.Sort((x, y) => string.CompareOrdinal(x.Id, y.Id));
        long bytes = removed.Sum(d => facts[d.Id].Bytes);
        return new DedupResult(filtered, facts, removed, bytes);
    }

    private static Candidate Of(ClusterMember member, int clusterSize) => new(member.Id, member.Role == CopyRole.Canonical, clusterSize);

    /// <summary>
    /// Joins the clusters that template links connect; in each set, the kept document chosen by the rule stays and the
    /// others' kept documents go as templates, the copies removed in their place now pointing at the one kept.
    /// </summary>
    private static void RemoveTemplates(IReadOnlyList<DocumentCluster> clusters, string[] kept, List<DedupDecision> removed, List<int>?[] removedOf,
        IEnumerable<VerifiedPair> links, KeepRule keep, IReadOnlyDictionary<string, DocumentFacts> facts)
    {
        var clusterOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < clusters.Count; c++)
        {
            foreach (var member in clusters[c].Members)
            {
                clusterOf[member.Id] = c;
            }
        }
        var sets = new UnionFind(clusters.Count);
        var strongest = new Dictionary<int, VerifiedPair>();
        foreach (var link in links)
        {
            if (!clusterOf.TryGetValue(link.First, out int a) || !clusterOf.TryGetValue(link.Second, out int b) || a == b)
            {
                continue;
            }
            sets.Union(a, b);
            KeepStrongest(strongest, a, link);
            KeepStrongest(strongest, b, link);
        }
        var winner = new Dictionary<int, int>();
        foreach (int c in strongest.Keys.Order())
        {
            int root = sets.Find(c);
            var candidate = new Candidate(kept[c], false, clusters[c].Members.Count);
            if (!winner.TryGetValue(root, out int w) || IsBetter(candidate, new Candidate(kept[w], false, clusters[w].Members.Count), keep, facts))
            {
                winner[root] = c;
            }
        }
        foreach (int c in strongest.Keys.Order())
        {
            int w = winner[sets.Find(c)];
            if (w == c)
            {
                continue;
            }
            foreach (int r in removedOf[c] ?? [])
            {
                removed[r] = removed[r] with { KeptId = kept[w] };
            }
            var role = clusters[c].Members.First(m => m.Id == kept[c]).Role;
            removed.Add(new DedupDecision(kept[c], clusters[c].Id, kept[w], CopyKinds.Template, role, strongest[c].Jaccard, strongest[c].Containment));
        }
    }

    private static void KeepStrongest(Dictionary<int, VerifiedPair> strongest, int cluster, VerifiedPair link)
    {
        if (!strongest.TryGetValue(cluster, out var known) || (link.Containment, link.Jaccard).CompareTo((known.Containment, known.Jaccard)) > 0)
        {
            strongest[cluster] = link;
        }
    }

    /// <summary>Whether <paramref name="a"/> is kept before <paramref name="b"/>; every rule ends on the ordinal id, so the choice never depends on order of evaluation.</summary>
    private static bool IsBetter(Candidate a, Candidate b, KeepRule keep, IReadOnlyDictionary<string, DocumentFacts> facts)
    {
        var (fa, fb) = (facts[a.Id], facts[b.Id]);
        int order = keep switch
        {
            KeepRule.First => fa.Order.CompareTo(fb.Order),
            KeepRule.Earliest => Then(CompareDates(fa.Date, fb.Date), b.IsCanonical.CompareTo(a.IsCanonical)),
            KeepRule.Longest => Then(fb.Bytes.CompareTo(fa.Bytes), b.IsCanonical.CompareTo(a.IsCanonical)),
            _ => Then(Then(b.IsCanonical.CompareTo(a.IsCanonical), b.ClusterSize.CompareTo(a.ClusterSize)), CompareDates(fa.Date, fb.Date)),
        };
        return (order != 0 ? order : string.CompareOrdinal(a.Id, b.Id)) < 0;
    }

    private static int Then(int first, int second) => first != 0 ? first : second;

    /// <summary>Earlier dates first; an undated document after every dated one.</summary>
    private static int CompareDates(DateTimeOffset? a, DateTimeOffset? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => a.Value.CompareTo(b.Value),
    };
}
