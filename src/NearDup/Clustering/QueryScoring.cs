namespace NearDup.Clustering;

/// <summary>
/// How a query scores one candidate, and in what order the matches come: shared by <see cref="ClusterIndex.Query"/>
/// and the partitioned index of NearDup.Distributed, so that both answer a query alike.
/// </summary>
internal static class QueryScoring
{
    /// <summary>
    /// The match of the queried text with candidate <paramref name="doc"/>, or null when the pair is neither verified
    /// nor the same text. What the text is to the document follows the clusterer's rules: exact, syndicated, else
    /// judged by <see cref="StoryJudge"/> (a copy made of verbatim passages of the document is an excerpt, a different
    /// story sharing text is a reuse match).
    /// </summary>
    public static QueryMatch? Match(DocumentSketch query, int querySize, StorySide doc, bool sameContent, string id, string cluster,
        Verifier verifier, StoryJudge judge, NearDupOptions options) =>
        Judge(query, verifier.Measure(query.Fingerprints, querySize, doc.Fingerprints, doc.Size), doc, sameContent, id, cluster, verifier, judge, options);

    /// <summary>
    /// <see cref="Match(DocumentSketch, int, StorySide, bool, string, string, Verifier, StoryJudge, NearDupOptions)"/>
    /// with the query's fingerprints that are not boilerplate, <paramref name="queryKept"/>, taken once for all its
    /// candidates: the pair's shared count is then their intersection with the document's, with no boilerplate test in
    /// the merge (a shared fingerprint that is boilerplate is not among them), the same count.
    /// </summary>
    public static QueryMatch? Match(DocumentSketch query, ReadOnlySpan<uint> queryKept, StorySide doc, bool sameContent, string id, string cluster,
        Verifier verifier, StoryJudge judge, NearDupOptions options) =>
        Judge(query, new Verifier.Score(CountShared(queryKept, doc.Fingerprints), queryKept.Length, doc.Size), doc, sameContent, id, cluster, verifier, judge,
            options);

    /// <summary>Number of values two sorted, distinct sets share: a merge whose steps are computed, not branched on, since
    /// whether the next value is shared is as good as random.</summary>
    public static int CountShared(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            uint x = a[i], y = b[j];
            shared += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return shared;
    }

    /// <summary>The match for a measured <paramref name="score"/> (query first), or null.</summary>
    private static QueryMatch? Judge(DocumentSketch query, Verifier.Score score, StorySide doc, bool sameContent, string id, string cluster,
        Verifier verifier, StoryJudge judge, NearDupOptions options)
    {
        if (!verifier.IsCopy(score) && !sameContent)
        {
            return null;
        }
        var side = new StorySide(query.Fingerprints, query.Positions, query.ShingleCount, score.SizeA,
            query.Positions.Length == query.Fingerprints.Length, query.Facts, query.DateTicks);
        // The role, and the same-story verdict a copy by counts needs, from one merge of the pair.
        var (role, copy) = judge.RoleAndStory(doc, side, sameContent, new Verifier.Score(score.Shared, score.SizeB, score.SizeA), verifier, options,
            judgeStory: verifier.IsCopyByCounts(score));
        return new QueryMatch(id, cluster, role, ScoreRounding.Round(score.Jaccard), ScoreRounding.Round(score.Containment))
        {
            Relation = copy ? PairRelation.Copy : PairRelation.Reuse,
        };
    }

    /// <summary>Best first: highest containment, then id in ordinal order.</summary>
    public static void Sort(List<QueryMatch> matches) =>
        matches.Sort((x, y) =>
        {
            int byContainment = y.Containment.CompareTo(x.Containment);
            return byContainment != 0 ? byContainment : string.CompareOrdinal(x.Id, y.Id);
        });
}
