using NearDup.Clustering;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="StoryJudge.RoleAndStory"/>, which a query calls, answers what <see cref="StoryJudge.RoleOf"/> and
/// <see cref="StoryJudge.IsSameStory(StorySide, StorySide)"/> (in the opposite orientation) answered one by one, on every
/// verified pair of the persistence tests' corpus (copies of every kind), both ways round.
/// </summary>
public sealed class RoleAndStoryTests
{
    [Fact]
    public void RoleAndStory_EveryVerifiedPair_SameAsRoleOfAndIsSameStory()
    {
        var options = NearDupOptions.Default;
        var docs = IndexTestData.Build(IndexTestData.Corpus).Snapshot().Documents;
        var sizes = Enumerable.Range(0, docs.Count).Select(docs.FingerprintCount).ToArray();
        var judge = new StoryJudge(docs, BoilerplateFilter.None, sizes, options.SampleRate, CommonFacts.None);
        var verifier = new Verifier(options, BoilerplateFilter.None);
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
                seen.Add(both);
            }
        }
        // The corpus reaches every role, and rewrites and excerpts judged both ways.
        Assert.Contains((CopyRole.Exact, true), seen);
        Assert.Contains((CopyRole.Syndicated, true), seen);
        Assert.True(seen.Count >= 5, string.Join(", ", seen));
    }
}
