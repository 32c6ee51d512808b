using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// A query with its date (<see cref="DuplicateDetector.Query(string, DateTimeOffset?)"/>) is judged with the rules that
/// read two documents' dates, as the clusters are: a flash repeated days later, identical or not, is a reuse match, not
/// a copy; a release rewritten within days is a copy. Undated, or the same day, the answers are those of an undated query.
/// </summary>
public sealed class DatedQueryTests
{
    private static readonly DateTimeOffset s_day = new(1987, 3, 11, 0, 0, 0, TimeSpan.Zero);

    private static QueryMatch QueryOne(string indexed, DateTimeOffset? indexedDate, string query, DateTimeOffset? queryDate)
    {
        using var detector = new DuplicateDetector();
        detector.Add("indexed", indexed, indexedDate);
        detector.Cluster();
        return Assert.Single(detector.Query(query, queryDate));
    }

    [Theory]
    [InlineData(15.0, false)]
    [InlineData(2.0, false)]
    [InlineData(-3.0, false)]
    [InlineData(1.0, true)]
    [InlineData(null, true)]
    public void Query_IdenticalFlashDaysLater_IsExactReuse_WithinADayOrUndatedAnExactCopy(double? daysApart, bool exact)
    {
        // Reuters-21578's r3729 / r9972: the same nine words from the Fed a fortnight apart report two operations.
        string flash = string.Join(' ', StoryJudgeTests.Words(60, 40));
        var match = QueryOne(flash, s_day, flash, daysApart is { } days ? s_day.AddDays(days) : null);
        // The same words either way: the role says so, the relation says whether it is the same story.
        Assert.Equal(exact ? PairRelation.Copy : PairRelation.Reuse, match.Relation);
        Assert.Equal(CopyRole.Exact, match.Role);
        Assert.Equal(1.0, match.Containment);
    }

    [Fact]
    public void Query_IdenticalStoryDaysLater_IsAnExactCopy()
    {
        // Past FactRules.FlashShingles a text repeated is the story re-sent, whatever the dates.
        string story = string.Join(' ', StoryJudgeTests.Words(61, 200));
        var match = QueryOne(story, s_day, story, s_day.AddDays(15));
        Assert.Equal((PairRelation.Copy, CopyRole.Exact), (match.Relation, match.Role));
    }

    [Theory]
    [InlineData(4.0, false)]
    [InlineData(1.0, true)]
    [InlineData(null, true)]
    public void Query_FlashInTheSameWordsDaysLater_IsReuse(double? daysApart, bool copy)
    {
        // r7207 / r8344: one word changed, four days apart, a strong link by its counts.
        var words = StoryJudgeTests.Words(59, 50);
        var next = (string[])words.Clone();
        next[40] = "Korville";
        var match = QueryOne(string.Join(' ', words), s_day, string.Join(' ', next), daysApart is { } days ? s_day.AddDays(days) : null);
        Assert.Equal(copy ? PairRelation.Copy : PairRelation.Reuse, match.Relation);
    }

    [Theory]
    [InlineData(3.0, true)]
    [InlineData(8.0, false)]
    [InlineData(null, false)]
    public void Query_ReleaseRewrittenWithinDays_IsACopy(double? daysApart, bool copy)
    {
        // ReleaseRewrite needs both dates: an outlet's rewrite of a release, three days on, is the release's story.
        var (release, rewrite) = ReleaseRewriteTests.Texts(ReleaseRewriteTests.Twenty, 15, [.. ReleaseRewriteTests.Twenty.Take(16)], [500, 502],
            ReleaseRewriteTests.Starts, 18);
        var match = QueryOne(release, s_day, rewrite, daysApart is { } days ? s_day.AddDays(days) : null);
        Assert.Equal(copy ? PairRelation.Copy : PairRelation.Reuse, match.Relation);
    }

    [Fact]
    public void Query_DatedCorpus_AnswersAsTheClustersLinkEachPair()
    {
        // Each document queried with its date against the others gives each pair the clusterer lists (a group's
        // identical members are listed through one of them) the relation the clusterer gave it.
        string flash = string.Join(' ', StoryJudgeTests.Words(60, 40));
        var (release, rewrite) = ReleaseRewriteTests.Texts(ReleaseRewriteTests.Twenty, 15, [.. ReleaseRewriteTests.Twenty.Take(16)], [500, 502],
            ReleaseRewriteTests.Starts, 18);
        (string Id, string Text, DateTimeOffset? Date)[] docs =
        [
            ("flash-1", flash, s_day), ("flash-2", flash, s_day.AddDays(14)), ("flash-3", flash, s_day.AddHours(5)),
            ("release", release, s_day), ("rewrite", rewrite, s_day.AddDays(2)),
        ];
        var pairs = StoryJudgeTests.ClusterTexts(docs).Pairs.ToDictionary(p => string.CompareOrdinal(p.First, p.Second) < 0 ? (p.First, p.Second) : (p.Second, p.First));
        Assert.Equal(3, pairs.Count);
        Assert.Equal(1, pairs.Values.Count(p => p.Relation == PairRelation.Reuse));
        int checkedPairs = 0;
        foreach (var doc in docs)
        {
            using var detector = new DuplicateDetector();
            foreach (var other in docs.Where(d => d.Id != doc.Id))
            {
                detector.Add(other.Id, other.Text, other.Date);
            }
            detector.Cluster();
            foreach (var match in detector.Query(doc.Text, doc.Date))
            {
                var key = string.CompareOrdinal(doc.Id, match.Id) < 0 ? (doc.Id, match.Id) : (match.Id, doc.Id);
                if (pairs.TryGetValue(key, out var pair))
                {
                    Assert.Equal(pair.Relation, match.Relation);
                    checkedPairs++;
                }
            }
        }
        Assert.Equal(2 * pairs.Count, checkedPairs); // each pair from both ends
    }
}
