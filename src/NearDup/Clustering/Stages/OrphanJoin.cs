namespace NearDup.Clustering;

/// <summary>
/// After star clustering, a group left a center of nobody (an orphan) joins the cluster of a member it copies, when
/// that member is mostly the cluster center's own text (or the orphan copies <see cref="MinCopiedMembers"/> of the
/// cluster's members) and the orphan shares verified text with the center itself: a copy of an excerpt, or of a
/// cut-and-paste answer, which shares too little with the full original for the judge to call it a copy of that.
/// Anti-chaining stays: the orphan must share verified text with the center, and a large share the judge still
/// called reuse (a fill-in template, a series item) keeps it apart.
/// </summary>
internal static class OrphanJoin
{
    /// <summary>
    /// Least containment between the member the orphan copies and its center: the member must be mostly the center's
    /// text (an excerpt, a near copy or a close rewrite), so that what the orphan copies from it is the center's story.
    /// A rewrite of a rewrite (0.25-0.32 on generated copies) would let an unrelated story's copy in: measured
    /// 0.14-0.20 on one. Two outlets' rewrites of one release hold 0.43 of each other (story-chains' Heimdal pieces).
    /// </summary>
    public const double MemberHoldsCenter = 0.4;

    /// <summary>
    /// Most containment of the orphan's reuse link with the center: the judge said "not a copy" for lack of shared
    /// text below this; above it (0.25-0.53 on Reuters' series items and price notices) it said so on the evidence.
    /// </summary>
    public const double MaxCenterShare = 0.25;

    /// <summary>
    /// Fewest shingles of the orphan and of the member it copies (at sample rate 1): a judgement between two flashes
    /// of 20-odd words rests on a sentence, which fill-in flashes share.
    /// </summary>
    public const int MinShingles = 40;

    /// <summary>
    /// Members of one cluster the orphan copies that stand in for a member holding <see cref="MemberHoldsCenter"/> of
    /// the center: one rewrite of a rewrite may be another story's, but a text that copies two of a cluster's rewrites
    /// and shares verified text with its center is a rewrite of that story (Clough and Stevenson's ans-39, from the same
    /// source as ans-70 and ans-81, which hold 0.29 and 0.15 of the center, and were left alone for it: 12 true pairs
    /// there, 6 on wiki-versions, no false one, and no other set changed).
    /// </summary>
    public const int MinCopiedMembers = 2;

    /// <summary>Moves each orphan in <paramref name="centerOf"/> to the cluster it joins; returns how many moved.</summary>
    public static int Apply(int[] centerOf, Adjacency copyNeighbours, WeakEdges copies, WeakEdges reuse, double sampleRate)
    {
        var hasMembers = new bool[centerOf.Length];
        for (int g = 0; g < centerOf.Length; g++)
        {
            if (centerOf[g] != g)
            {
                hasMembers[centerOf[g]] = true;
            }
        }
        var joined = new List<(int Orphan, int Center)>();
        for (int g = 0; g < centerOf.Length; g++)
        {
            if (centerOf[g] == g && !hasMembers[g] && Target(g, centerOf, copyNeighbours.Of(g), copies, reuse, sampleRate) is int center and >= 0)
            {
                joined.Add((g, center));
            }
        }
        // Moved after the search, so that no orphan's move depends on the order orphans are visited in.
        foreach (var (orphan, center) in joined)
        {
            centerOf[orphan] = center;
        }
        return joined.Count;
    }

    /// <summary>The center the orphan joins (the smallest if several qualify), or -1.</summary>
    private static int Target(int g, int[] centerOf, ReadOnlySpan<int> neighbours, WeakEdges copies, WeakEdges reuse, double sampleRate)
    {
        int best = -1;
        double minSize = MinShingles * sampleRate;
        foreach (int m in neighbours)
        {
            int center = centerOf[m];
            if (center == m || (best >= 0 && center >= best))
            {
                continue;
            }
            int r = Array.BinarySearch(reuse.Keys, PairKey.Ordered(g, center));
            if (r >= 0 && Copies(g, m, copies, minSize) && reuse.Scores[r].Containment <= MaxCenterShare
                && (copies.Find(PairKey.Ordered(m, center)).Containment >= MemberHoldsCenter
                    || CopiedMembers(g, neighbours, centerOf, center, copies, minSize) >= MinCopiedMembers))
            {
                best = center;
            }
        }
        return best;
    }

    /// <summary>Whether the copy link of <paramref name="g"/> and <paramref name="m"/> joins texts of <paramref name="minSize"/> shingles or more.</summary>
    private static bool Copies(int g, int m, WeakEdges copies, double minSize)
    {
        var link = copies.Find(PairKey.Ordered(g, m));
        return Math.Min(link.SizeA, link.SizeB) >= minSize;
    }

    /// <summary>
    /// How many members of <paramref name="center"/>'s cluster (not the center) the orphan copies, each link between
    /// texts of <paramref name="minSize"/> shingles or more.
    /// </summary>
    private static int CopiedMembers(int g, ReadOnlySpan<int> neighbours, int[] centerOf, int center, WeakEdges copies, double minSize)
    {
        int count = 0;
        foreach (int m in neighbours)
        {
            count += m != center && centerOf[m] == center && Copies(g, m, copies, minSize) ? 1 : 0;
        }
        return count;
    }
}
