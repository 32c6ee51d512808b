namespace NearDup.Clustering;

internal static partial class CanonicalStage
{
    /// <summary>
    /// What <see cref="Clusters"/> gives, for documents spilled to a file larger than the page cache: every member is
    /// measured against its canonical as a pair (canonical, member), and the pairs go in <see cref="SpillOrder.Of"/> by
    /// <see cref="SpillSweep"/>'s fixed set of <paramref name="workers"/>. Centers in parallel read each cluster's
    /// members at random, a fault reading the disk's read-ahead around each. A cluster of two is built whole in its
    /// pair's turn (its canonical may be either member: <see cref="OriginalOfRewritePair"/> reads only the two); a
    /// larger one's canonical is its center's representative, so its members are placed as <see cref="Cluster"/> places them.
    /// </summary>
    private static (int Canonical, ClusterMember[] Members, int[] Docs)?[] ClustersInOrder(DocumentTable docs, NearDupOptions options,
        int[] groupRep, int[] starts, int[] members, Boilerplate boilerplate, StoryJudge judge, long blockBytes, int workers,
        CancellationToken cancellationToken)
    {
        var slots = new (int Canonical, ClusterMember[] Members, int[] Docs)?[groupRep.Length];
        var pairs = new List<(int A, int B)>();
        var places = new List<(int Center, int At)>();
        for (int center = 0; center < groupRep.Length; center++)
        {
            var own = members.AsSpan(starts[center], starts[center + 1] - starts[center]);
            if (own.Length == 1)
            {
                slots[center] = Cluster(docs, options, groupRep[center], own, boilerplate, judge);
            }
            else if (own.Length > 1)
            {
                slots[center] = Placed(docs, groupRep[center], own, pairs, places, center);
            }
        }
        SpillSweep.Run(docs.Store.Spill, SpillOrder.Of(docs, [.. pairs], blockBytes), workers, cancellationToken,
            k =>
            {
                SpillSweep.AskFor(docs, pairs[k].A, positions: true);
                SpillSweep.AskFor(docs, pairs[k].B, positions: true);
            },
            k =>
            {
                var (center, at) = places[k];
                var own = members.AsSpan(starts[center], starts[center + 1] - starts[center]);
                if (own.Length == 2)
                {
                    slots[center] = Cluster(docs, options, groupRep[center], own, boilerplate, judge);
                }
                else
                {
                    slots[center]!.Value.Members[at] = Member(docs, options, pairs[k].A, pairs[k].B, boilerplate, judge);
                }
            });
        return slots;
    }

    /// <summary>
    /// A cluster of <paramref name="own"/> with its canonical <paramref name="canonical"/> first and the other members in
    /// document order, their entries still to be measured: each added to <paramref name="pairs"/> as (canonical, member)
    /// with its place. A cluster of two is one pair, built whole later.
    /// </summary>
    private static (int Canonical, ClusterMember[] Members, int[] Docs)? Placed(DocumentTable docs, int canonical, ReadOnlySpan<int> own,
        List<(int A, int B)> pairs, List<(int Center, int At)> places, int center)
    {
        if (own.Length == 2)
        {
            pairs.Add((canonical, own[0] == canonical ? own[1] : own[0]));
            places.Add((center, 0));
            return null;
        }
        var result = new ClusterMember[own.Length];
        var docIndexes = new int[own.Length];
        result[0] = new ClusterMember(docs.Id(canonical), CopyRole.Canonical, 1, 1);
        docIndexes[0] = canonical;
        int w = 1;
        foreach (int m in own)
        {
            if (m != canonical)
            {
                pairs.Add((canonical, m));
                places.Add((center, w));
                docIndexes[w++] = m;
            }
        }
        return (canonical, result, docIndexes);
    }
}
