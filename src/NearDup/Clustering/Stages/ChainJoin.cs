namespace NearDup.Clustering;

/// <summary>
/// After star clustering, two clusters joined by a copy link that holds half of each side's text become one, with
/// the center that comes first in center order. A document revised step by step (an article's versions, a story
/// updated through the day) is a chain whose ends may share little, while each step keeps half of both texts or more;
/// star clustering cuts such a chain wherever a version copies a member but not the center. The one exception to
/// anti-chaining, and a narrow one: a rewrite, an excerpt or a short text inside two stories never joins two clusters;
/// nor do two flashes of a few lines (<see cref="OrphanJoin.MinShingles"/>: a dividend notice's frame is half of it),
/// or two texts or two centers dated <see cref="FactRules.FactDays"/> or more apart (a weekly table's next item keeps
/// its frame).
/// </summary>
/// <remarks>
/// Members keep their scores and roles against the cluster's canonical, so a version at the far end of a chain may
/// show little shared with it; <c>--min-containment</c> and <c>--min-jaccard</c> then leave it out, as any member.
/// The dates are checked per link and per pair of centers, not over a whole chain: undated texts, or texts a day apart
/// step by step, can chain further. The centers may have been judged reuse on much shared text: versions far apart
/// share passages that the judge cannot tell from a follow-up's background, and refusing those joins (as
/// <see cref="OrphanJoin"/> refuses an orphan) undid most of what joining gained on real revisions (docs/copy-evidence.md).
/// </remarks>
internal static class ChainJoin
{
    /// <summary>Least share of each side's core that a copy link holds to join two clusters (both directions).</summary>
    public const double MutualContainment = 0.5;

    /// <summary>Joins the clusters in <paramref name="centerOf"/> that such links connect; returns how many centers gave way.</summary>
    /// <param name="centerOf">Each group's center, updated in place.</param>
    /// <param name="copies">The copy links.</param>
    /// <param name="order">The groups in center order.</param>
    /// <param name="dateOf">Each group's date in ticks (<see cref="long.MaxValue"/> when it has none).</param>
    /// <param name="sampleRate">The sample rate the link's sizes are counted at.</param>
    public static int Apply(int[] centerOf, WeakEdges copies, int[] order, Func<int, long> dateOf, double sampleRate)
    {
        var rank = new int[order.Length];
        for (int r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }
        var sets = new UnionFind(centerOf.Length);
        int joined = 0;
        double minSize = OrphanJoin.MinShingles * sampleRate;
        for (int e = 0; e < copies.Count; e++)
        {
            var (a, b) = PairKey.Unpack(copies.Keys[e]);
            int centerA = centerOf[a], centerB = centerOf[b];
            if (centerA != centerB && Joins(copies.Scores[e], minSize) && !Apart(a, b, dateOf) && !Apart(centerA, centerB, dateOf)
                && sets.Union(rank[centerA], rank[centerB]))
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

    /// <summary>Whether the link holds <see cref="MutualContainment"/> of both sides, each of <paramref name="minSize"/> or more.</summary>
    private static bool Joins(Verifier.Score score, double minSize) =>
        score.Shared >= MutualContainment * Math.Max(score.SizeA, score.SizeB) && Math.Min(score.SizeA, score.SizeB) >= minSize;

    private static bool Apart(int a, int b, Func<int, long> dateOf) => FactRules.DaysApart(dateOf(a), dateOf(b)) >= FactRules.FactDays;
}
