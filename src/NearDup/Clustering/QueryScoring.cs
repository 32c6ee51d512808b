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
        Verifier verifier, StoryJudge judge, NearDupOptions options)
    {
        var score = verifier.Measure(query.Fingerprints, querySize, doc.Fingerprints, doc.Size);
        if (!verifier.IsCopy(score) && !sameContent)
        {
            return null;
        }
        var side = new StorySide(query.Fingerprints, query.Positions, query.ShingleCount, querySize,
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
