namespace NearDup.Clustering;

/// <summary>
/// Star clustering over groups: in center order, a group no center covers yet becomes a center and covers its
/// neighbours; then each covered group joins a neighbouring center on <see cref="CenterChoice"/>'s terms (the one
/// whose star holds most of its copy links, then the one it shares most with), not merely the first to reach it. Weak
/// links do not chain, so A~B~C~D with A and D unrelated does not put A with D; a cluster joins another only on
/// <see cref="MajorityJoin"/>'s terms (half its groups copies of the other's groups) or <see cref="ChainJoin"/>'s (a copy
/// link holding half of both sides: an article's versions, step by step), and a center left with no members joins a
/// cluster only on <see cref="OrphanJoin"/>'s terms.
/// </summary>
internal static class AssignmentStage
{
    /// <summary>Each group's center (a center is its own).</summary>
    public static int[] Assign(DocumentTable docs, GroupLayout groups, WeakLinks weak, double sampleRate)
    {
        var links = weak.Copies;
        var neighbours = Neighbours(groups.Count, links);
        var isCenter = new bool[groups.Count];
        var covered = new bool[groups.Count];
        var order = CenterOrder(docs, groups, links, weak.SourceVotes);
        foreach (int g in order)
        {
            if (covered[g])
            {
                continue;
            }
            isCenter[g] = true;
            covered[g] = true;
            foreach (int other in neighbours.Of(g))
            {
                covered[other] = true;
            }
        }
        var centerOf = new int[groups.Count];
        for (int g = 0; g < centerOf.Length; g++)
        {
            centerOf[g] = isCenter[g] ? g : CenterChoice.Of(g, neighbours, isCenter, links);
        }
        MajorityJoin.Apply(centerOf, links, order);
        OrphanJoin.Apply(centerOf, neighbours, links, weak.Reuse, sampleRate);
        ChainJoin.Apply(centerOf, links, order, g => docs.DateTicks(groups.Rep[g]), sampleRate);
        return centerOf;
    }

    /// <summary>
    /// Neighbours of each group, contiguous (CSR; not a list per group: millions of objects at ten million documents),
    /// each group's ascending: the keys are sorted by smaller group, then larger.
    /// </summary>
    internal static Adjacency Neighbours(int groups, WeakEdges links)
    {
        var starts = new int[groups + 1];
        foreach (long key in links.Keys)
        {
            var (a, b) = PairKey.Unpack(key);
            starts[a + 1]++;
            starts[b + 1]++;
        }
        for (int g = 0; g < groups; g++)
        {
            starts[g + 1] += starts[g];
        }
        var list = new int[starts[groups]];
        var cursor = (int[])starts.Clone();
        foreach (long key in links.Keys)
        {
            var (a, b) = PairKey.Unpack(key);
            list[cursor[a]++] = b;
            list[cursor[b]++] = a;
        }
        return new Adjacency(starts, list);
    }

    /// <summary>
    /// Center order: the earliest dated group first (the story the others copy was published first); then the group
    /// with the most exact and syndicated copies (a wire story reprinted is the one others draw on); then the one whose
    /// weak links are strongest in sum (the original shares more with each copy than the copies share with each
    /// other); then the one its copies quote from its opening (<see cref="StoryJudge.SourceVotes"/>); then the
    /// canonical rule.
    /// </summary>
    private static int[] CenterOrder(DocumentTable docs, GroupLayout groups, WeakEdges links, int[] sourceVotes)
    {
        var strength = new double[groups.Count];
        for (int e = 0; e < links.Count; e++)
        {
            var (a, b) = PairKey.Unpack(links.Keys[e]);
            var score = links.Scores[e];
            strength[a] += score.Containment;
            strength[b] += score.Containment;
        }
        var keys = new CenterKey[groups.Count];
        for (int g = 0; g < keys.Length; g++)
        {
            int rep = groups.Rep[g];
            keys[g] = new CenterKey(docs.DateTicks(rep), groups.Size(g), strength[g], sourceVotes[g], docs.FingerprintCount(rep), rep, g);
        }
        Array.Sort(keys);
        var order = new int[keys.Length];
        for (int k = 0; k < keys.Length; k++)
        {
            order[k] = keys[k].Group;
        }
        return order;
    }
}
