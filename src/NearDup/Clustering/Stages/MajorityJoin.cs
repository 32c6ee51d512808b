namespace NearDup.Clustering;

/// <summary>
/// After star clustering, a cluster at least half of whose groups are copies of another cluster's groups (each with a
/// copy link to one of them) joins that cluster, when its center comes first in center order. Heavy spins of one story
/// share more with each other than with their original (the words a spinner leaves alone), and the judge can call the
/// heaviest one's link with the original reuse: that spin becomes a center of its own, the other spins, copies of
/// both, join the star holding most of their links, and the story is cut in two; an article's versions split so too.
/// Anti-chaining stays: a cluster joins on direct copy links of half its groups (<see cref="MinCopies"/> at least),
/// not on one member's link, and a cluster that takes others in does not move.
/// </summary>
internal static class MajorityJoin
{
    /// <summary>Fewest groups of the joining cluster with a copy link into the other cluster: one is a single member's say.</summary>
    public const int MinCopies = 2;

    /// <summary>Moves each cluster in <paramref name="centerOf"/> that joins another; returns how many clusters moved.</summary>
    /// <param name="centerOf">Each group's center, updated in place.</param>
    /// <param name="copies">The copy links.</param>
    /// <param name="order">The groups in center order.</param>
    public static int Apply(int[] centerOf, WeakEdges copies, int[] order)
    {
        var rank = new int[order.Length];
        for (int r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }
        var target = Targets(centerOf, copies, rank);
        var moves = new List<(int From, int To)>();
        for (int c = 0; c < target.Length; c++)
        {
            // A cluster taking others in stays where it is, and one that moves takes none in: no chain of joins.
            if (target[c] >= 0 && target[target[c]] < 0)
            {
                moves.Add((c, target[c]));
            }
        }
        if (moves.Count == 0)
        {
            return 0;
        }
        var moveTo = new int[centerOf.Length];
        Array.Fill(moveTo, -1);
        foreach (var (from, to) in moves)
        {
            moveTo[from] = to;
        }
        for (int g = 0; g < centerOf.Length; g++)
        {
            centerOf[g] = moveTo[centerOf[g]] >= 0 ? moveTo[centerOf[g]] : centerOf[g];
        }
        return moves.Count;
    }

    /// <summary>For each center, the center of the cluster its cluster joins (the first in center order that qualifies), else -1.</summary>
    private static int[] Targets(int[] centerOf, WeakEdges copies, int[] rank)
    {
        var size = new int[centerOf.Length];
        foreach (int center in centerOf)
        {
            size[center]++;
        }
        var target = new int[centerOf.Length];
        Array.Fill(target, -1);
        var pairs = CrossLinks(centerOf, copies, rank);
        for (int start = 0, end; start < pairs.Length; start = end)
        {
            int count = 1;
            for (end = start + 1; end < pairs.Length && pairs[end].Key == pairs[start].Key; end++)
            {
                count += pairs[end].Member != pairs[end - 1].Member ? 1 : 0;
            }
            var (cluster, center) = PairKey.Unpack(pairs[start].Key);
            if (count >= MinCopies && 2 * count >= size[cluster] && (target[cluster] < 0 || rank[center] < rank[target[cluster]]))
            {
                target[cluster] = center;
            }
        }
        return target;
    }

    /// <summary>
    /// One (cluster, other center) key and the linked group for each copy link from a group of the cluster to a group
    /// of another cluster whose center comes before the cluster's own in center order, sorted: equal keys are runs,
    /// their distinct groups the cluster's groups linked.
    /// </summary>
    private static (long Key, int Member)[] CrossLinks(int[] centerOf, WeakEdges copies, int[] rank)
    {
        var pairs = new List<(long Key, int Member)>();
        foreach (long key in copies.Keys)
        {
            var (a, b) = PairKey.Unpack(key);
            Add(a, b);
            Add(b, a);
        }
        var sorted = pairs.ToArray();
        Array.Sort(sorted);
        return sorted;

        void Add(int member, int other)
        {
            int own = centerOf[member], center = centerOf[other];
            if (own != center && rank[center] < rank[own])
            {
                pairs.Add((PairKey.Pack(own, center), member));
            }
        }
    }
}
