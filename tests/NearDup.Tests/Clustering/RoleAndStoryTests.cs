using NearDup.Clustering;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="StoryJudge.RoleAndStory"/>, which a query calls, answers what <see cref="StoryJudge.RoleOf"/> and
/// <see cref="StoryJudge.IsSameStory(StorySide, StorySide)"/> (in the opposite orientation) answered one by one, on every
/// verified pair of the persistence tests' corpus (copies of every kind), both ways round; and the same role for a
/// pair dated apart as a series' items.
/// </summary>
public sealed class RoleAndStoryTests
{
    [Fact]
    public void RoleAndStory_EveryVerifiedPair_SameAsRoleOfAndIsSameStory()
    {
        var options = NearDupOptions.Default;
        var (docs, sizes, judge, verifier) = Judge(IndexTestData.Build(IndexTestData.Corpus));
        var seen = new HashSet<(CopyRole, bool)>();
        for (int s = 0; s < docs.Count; s++)
        {
            for (int c = 0; c < docs.Count; c++)
            {
                var score = verifier.Measure(docs.Fingerprints(s), sizes[s], docs.Fingerprints(c), sizes[c]);
                if (s == c || !verifier.IsCopy(score))
                {
                    continue;
                }
                bool sameContent = docs.ContentHash(s) == docs.ContentHash(c);
                bool byCounts = verifier.IsCopyByCounts(score);
                var role = judge.RoleOf(judge.Side(s), judge.Side(c), sameContent, score, verifier, options);
                bool same = role is CopyRole.Exact || StoryJudge.IsSyndicatedByScore(score, verifier, options)
                    || (byCounts && judge.IsSameStory(judge.Side(c), judge.Side(s)));
                var both = judge.RoleAndStory(judge.Side(s), judge.Side(c), sameContent, score, verifier, options, judgeStory: byCounts);
                Assert.Equal((role, same), both);
                // Texts dated apart as a series' items take the judge's other path, and get the same role.
                var apart = judge.RoleAndStory(judge.Side(s), judge.Side(c), sameContent, score, verifier, options, judgeStory: true, seriesApart: true);
                Assert.Equal(role, apart.Role);
                seen.Add(both);
            }
        }
        // The corpus reaches every role, and rewrites and excerpts judged both ways.
        Assert.Contains((CopyRole.Exact, true), seen);
        Assert.Contains((CopyRole.Syndicated, true), seen);
        Assert.True(seen.Count >= 5, string.Join(", ", seen));
    }

    [Fact]
    public void RoleAndStory_CopyWithTwoParagraphsSwapped_SyndicatedDatedApartOrNot()
    {
        // Every shingle of the story but in another order: its in-order interior falls short of the whole, but it
        // leaves nothing out, on the path of texts dated apart as on the other.
        var options = NearDupOptions.Default;
        var story = StoryJudgeTests.Words(42, 600);
        string[] swapped = [.. story.AsSpan(0, 200), .. story.AsSpan(300, 100), .. story.AsSpan(200, 100), .. story.AsSpan(400)];
        using var detector = new DuplicateDetector();
        detector.Add("story", string.Join(' ', story));
        detector.Add("copy", string.Join(' ', swapped));
        var (docs, sizes, judge, verifier) = Judge(detector);
        int s = docs.Id(0) == "story" ? 0 : 1, c = 1 - s;
        var score = verifier.Measure(docs.Fingerprints(s), sizes[s], docs.Fingerprints(c), sizes[c]);

        var role = judge.RoleOf(judge.Side(s), judge.Side(c), false, score, verifier, options);
        var apart = judge.RoleAndStory(judge.Side(s), judge.Side(c), false, score, verifier, options, judgeStory: true, seriesApart: true);

        Assert.True(judge.Measure(s, c).InteriorA < StoryRules.SyndicatedInterior * 1000, "the swap should break the in-order interior");
        Assert.Equal((CopyRole.Syndicated, CopyRole.Syndicated), (role, apart.Role));
    }

    private static (DocumentTable Docs, int[] Sizes, StoryJudge Judge, Verifier Verifier) Judge(DuplicateDetector detector)
    {
        var docs = detector.Snapshot().Documents;
        var sizes = Enumerable.Range(0, docs.Count).Select(docs.FingerprintCount).ToArray();
        var judge = new StoryJudge(docs, BoilerplateFilter.None, sizes, NearDupOptions.Default.SampleRate, CommonFacts.None);
        return (docs, sizes, judge, new Verifier(NearDupOptions.Default, BoilerplateFilter.None));
    }
}
