namespace NearDup.Clustering;

/// <summary>
/// Every verified pair, by ids, when a run asks for them (at ten million documents they are millions of objects, and
/// the strong ones are measured again here, without boilerplate).
/// </summary>
internal static class PairListing
{
    public static List<VerifiedPair> Build(DocumentTable docs, GroupLayout groups, List<(int A, int B)> strong, WeakLinks weak, Boilerplate boilerplate)
    {
        var (verifier, sizes) = (boilerplate.Verifier, boilerplate.Sizes);
        var pairs = new List<VerifiedPair>(strong.Count + weak.Copies.Count + weak.Reuse.Count);
        foreach (var (a, b) in strong)
        {
            var score = verifier.Measure(docs.Fingerprints(a), sizes[a], docs.Fingerprints(b), sizes[b]);
            pairs.Add(MakePair(docs, a, b, score, verifier));
        }
        AddGroupLinks(pairs, docs, groups, weak.Copies, boilerplate, PairRelation.Copy);
        AddGroupLinks(pairs, docs, groups, weak.Reuse, boilerplate, PairRelation.Reuse);
        pairs.Sort((x, y) =>
        {
            int byFirst = string.CompareOrdinal(x.First, y.First);
            return byFirst != 0 ? byFirst : string.CompareOrdinal(x.Second, y.Second);
        });
        return pairs;
    }

    /// <summary>
    /// Links between groups, each given as the pair of their representatives with the representatives' own scores (the
    /// link was verified on the groups' cores, which for a group of two hold both members' text).
    /// </summary>
    private static void AddGroupLinks(List<VerifiedPair> pairs, DocumentTable docs, GroupLayout groups, WeakEdges links, Boilerplate boilerplate,
        PairRelation relation)
    {
        var (verifier, sizes) = (boilerplate.Verifier, boilerplate.Sizes);
        for (int e = 0; e < links.Count; e++)
        {
            var (ga, gb) = PairKey.Unpack(links.Keys[e]);
            var (a, b) = (groups.Rep[ga], groups.Rep[gb]);
            var score = verifier.Measure(docs.Fingerprints(a), sizes[a], docs.Fingerprints(b), sizes[b]);
            pairs.Add(MakePair(docs, a, b, score, verifier) with { Relation = relation });
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
