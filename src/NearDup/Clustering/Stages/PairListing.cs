namespace NearDup.Clustering;

/// <summary>
/// Every verified pair, by ids, when a run asks for them (at ten million documents they are millions of objects, and
/// the strong ones are measured again here, without boilerplate).
/// </summary>
internal static class PairListing
{
    public static List<VerifiedPair> Build(DocumentTable docs, GroupLayout groups, List<(int A, int B)> strong, WeakLinks weak, Boilerplate boilerplate) =>
        Build(docs, groups, strong, weak, boilerplate, measureShared: null);

    /// <summary>
    /// Like <see cref="Build(DocumentTable, GroupLayout, List{ValueTuple{int, int}}, WeakLinks, Boilerplate)"/>; when
    /// <paramref name="measureShared"/> is given it counts each pair's shared fingerprints without boilerplate in place
    /// of the verifier here (the partitioned index's batch clustering counts them where the fingerprints are stored).
    /// </summary>
    public static List<VerifiedPair> Build(DocumentTable docs, GroupLayout groups, List<(int A, int B)> strong, WeakLinks weak, Boilerplate boilerplate,
        Func<(int A, int B)[], int[]>? measureShared)
    {
        var (verifier, sizes) = (boilerplate.Verifier, boilerplate.Sizes);
        var candidates = new List<(int A, int B)>(strong.Count + weak.Copies.Count + weak.Reuse.Count);
        candidates.AddRange(strong);
        var linkStarts = new List<int>(weak.Copies.Count + weak.Reuse.Count + 1);
        AddMemberPairs(candidates, linkStarts, groups, weak.Copies);
        AddMemberPairs(candidates, linkStarts, groups, weak.Reuse);
        linkStarts.Add(candidates.Count);
        var keys = candidates.ToArray();
        var shared = measureShared?.Invoke(keys)
            ?? Array.ConvertAll(keys, p => verifier.Measure(docs.Fingerprints(p.A), sizes[p.A], docs.Fingerprints(p.B), sizes[p.B]).Shared);
        var pairs = new List<VerifiedPair>(strong.Count + linkStarts.Count - 1);
        for (int k = 0; k < strong.Count; k++)
        {
            pairs.Add(MakePair(docs, keys[k], shared[k], sizes, verifier));
        }
        for (int link = 0; link + 1 < linkStarts.Count; link++)
        {
            int best = MostShared(shared, linkStarts[link], linkStarts[link + 1]);
            var relation = link < weak.Copies.Count ? PairRelation.Copy : PairRelation.Reuse;
            pairs.Add(MakePair(docs, keys[best], shared[best], sizes, verifier) with { Relation = relation });
        }
        pairs.Sort((x, y) =>
        {
            int byFirst = string.CompareOrdinal(x.First, y.First);
            return byFirst != 0 ? byFirst : string.CompareOrdinal(x.Second, y.Second);
        });
        return pairs;
    }

    /// <summary>
    /// The pairs of members that may stand for each link between groups, the representatives first: a link is given as
    /// the pair of its groups' members that share the most, with that pair's own scores. It was verified on the groups'
    /// cores, and a group of two's core holds both members' text, so the text the link shares may lie in the member that
    /// is not the representative (a wrapped copy's site frame shared with another site's page): listed on the
    /// representatives, such a link showed nothing shared. Groups larger than <see cref="StoryJudge.MaxJudgedMembers"/>
    /// (a story syndicated many times, its core the text most members hold) stand by their representative, as the judge
    /// reads them.
    /// </summary>
    private static void AddMemberPairs(List<(int A, int B)> candidates, List<int> linkStarts, GroupLayout groups, WeakEdges links)
    {
        for (int e = 0; e < links.Count; e++)
        {
            var (ga, gb) = PairKey.Unpack(links.Keys[e]);
            linkStarts.Add(candidates.Count);
            candidates.Add((groups.Rep[ga], groups.Rep[gb]));
            foreach (int a in Standing(groups, ga))
            {
                foreach (int b in Standing(groups, gb))
                {
                    if (a != groups.Rep[ga] || b != groups.Rep[gb])
                    {
                        candidates.Add((a, b));
                    }
                }
            }
        }
    }

    /// <summary>The members that may stand for group <paramref name="g"/> in a listed link (<see cref="AddMemberPairs"/>).</summary>
    private static ReadOnlySpan<int> Standing(GroupLayout groups, int g) =>
        groups.Size(g) <= StoryJudge.MaxJudgedMembers ? groups.MembersOf(g) : groups.Rep.AsSpan(g, 1);

    /// <summary>The index in [<paramref name="start"/>, <paramref name="end"/>) of the most shared fingerprints, the first on a tie.</summary>
    private static int MostShared(int[] shared, int start, int end)
    {
        int best = start;
        for (int k = start + 1; k < end; k++)
        {
            best = shared[k] > shared[best] ? k : best;
        }
        return best;
    }

    private static VerifiedPair MakePair(DocumentTable docs, (int A, int B) pair, int shared, int[] sizes, Verifier verifier)
    {
        var (a, b) = pair;
        var score = new Verifier.Score(shared, sizes[a], sizes[b]);
        bool inOrder = string.CompareOrdinal(docs.Id(a), docs.Id(b)) <= 0;
        var (first, second) = inOrder ? (docs.Id(a), docs.Id(b)) : (docs.Id(b), docs.Id(a));
        var (sizeFirst, sizeSecond) = inOrder ? (score.SizeA, score.SizeB) : (score.SizeB, score.SizeA);
        return new VerifiedPair(first, second, ScoreRounding.Round(score.Jaccard), ScoreRounding.Round(score.Containment), verifier.EstimatedShared(score))
        {
            ContainmentOfFirst = ScoreRounding.Round(Fraction(score.Shared, sizeFirst)),
            ContainmentOfSecond = ScoreRounding.Round(Fraction(score.Shared, sizeSecond)),
        };
    }

    private static double Fraction(int shared, int size) => size == 0 ? 0 : (double)shared / size;
}
