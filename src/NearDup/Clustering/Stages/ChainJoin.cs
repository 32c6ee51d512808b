namespace NearDup.Clustering;

/// <summary>
/// After star clustering, two clusters joined by a copy link that holds half of each side's text become one, with
/// the center that comes first in center order. A document revised step by step (an article's versions, a story
/// updated through the day) is a chain whose ends may share little, while each step keeps half of both texts or more;
/// star clustering cuts such a chain wherever a version copies a member but not the center. Anti-chaining stays for
/// everything weaker: a rewrite, an excerpt or a short text inside two stories never joins two clusters; nor do two
/// flashes of a few lines (<see cref="OrphanJoin.MinShingles"/>: a dividend notice's frame is half of it) or two
/// texts dated <see cref="FactRules.FactDays"/> or more apart (a weekly table's next item keeps its frame).
/// </summary>
internal static class ChainJoin
{
    /// <summary>Least share of each side's core that a copy link holds to join two clusters (both directions).</summary>
    public const double MutualContainment = 0.5;

    /// <summary>Joins the clusters in <paramref name="centerOf"/> that such links connect; returns how many centers gave way.</summary>
    /// <param name="centerOf">Each group's center, updated in place.</param>
    /// <param name="copies">The copy links.</param>
    /// <param name="rank">Each group's place in center order (lower first).</param>
    /// <param name="order">The groups in center order (<c>order[rank[g]] == g</c>).</param>
    /// <param name="dateOf">Each group's date in ticks (<see cref="long.MaxValue"/> when it has none).</param>
    /// <param name="sampleRate">The sample rate the link's sizes are counted at.</param>
    public static int Apply(int[] centerOf, WeakEdges copies, int[] rank, int[] order, Func<int, long> dateOf, double sampleRate)
    {
        var sets = new UnionFind(centerOf.Length);
        int joined = 0;
        double minSize = OrphanJoin.MinShingles * sampleRate;
        for (int e = 0; e < copies.Count; e++)
        {
            var score = copies.Scores[e];
            if (score.Shared < MutualContainment * Math.Max(score.SizeA, score.SizeB) || Math.Min(score.SizeA, score.SizeB) < minSize)
            {
                continue;
            }
            var (a, b) = PairKey.Unpack(copies.Keys[e]);
            if (FactRules.DaysApart(dateOf(a), dateOf(b)) >= FactRules.FactDays)
            {
                continue;
            }
            if (sets.Union(rank[centerOf[a]], rank[centerOf[b]]))
            {
                joined++;
            }
        }
        if (joined > 0)
        {
            for (int g = 0; g < centerOf.Length; g++)
            {
                centerOf[g] = order[sets.Find(rank[centerOf[g]])];
            }
        }
        return joined;
    }
}
