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
        var measured = new List<(int A, int B)>(strong.Count + weak.Copies.Count + weak.Reuse.Count);
        measured.AddRange(strong);
        // Links between groups are given as the pair of their representatives with the representatives' own scores (the
        // link was verified on the groups' cores, which for a group of two hold both members' text).
        AddRepresentatives(measured, groups, weak.Copies);
        AddRepresentatives(measured, groups, weak.Reuse);
        var keys = measured.ToArray();
        var shared = measureShared?.Invoke(keys)
            ?? Array.ConvertAll(keys, p => verifier.Measure(docs.Fingerprints(p.A), sizes[p.A], docs.Fingerprints(p.B), sizes[p.B]).Shared);
        var pairs = new List<VerifiedPair>(keys.Length);
        for (int k = 0; k < keys.Length; k++)
        {
            var (a, b) = keys[k];
            var pair = MakePair(docs, a, b, new Verifier.Score(shared[k], sizes[a], sizes[b]), verifier);
            pairs.Add(k < strong.Count ? pair : pair with { Relation = k < strong.Count + weak.Copies.Count ? PairRelation.Copy : PairRelation.Reuse });
        }
        pairs.Sort((x, y) =>
        {
            int byFirst = string.CompareOrdinal(x.First, y.First);
            return byFirst != 0 ? byFirst : string.CompareOrdinal(x.Second, y.Second);
        });
        return pairs;
    }

    private static void AddRepresentatives(List<(int A, int B)> measured, GroupLayout groups, WeakEdges links)
    {
        for (int e = 0; e < links.Count; e++)
        {
            var (ga, gb) = PairKey.Unpack(links.Keys[e]);
            measured.Add((groups.Rep[ga], groups.Rep[gb]));
        }
    }

    private static VerifiedPair MakePair(DocumentTable docs, int a, int b, Verifier.Score score, Verifier verifier)
    {
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
