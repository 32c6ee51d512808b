using System.Globalization;
using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="ReleaseRewrite"/> through clustering: one release rewritten by another outlet (its own sentences restating
/// the release's names and figures, four of the release's sentences kept verbatim from all through it) joins the release
/// within a few days; each condition the rule names, when it fails, leaves the pair apart with a reuse link. The texts are made
/// so that no other rule of the judge takes the pair (few runs, no common opening, similar lengths, facts that do not
/// confirm by themselves).
/// </summary>
public sealed class ReleaseRewriteTests
{
    private static readonly DateTimeOffset s_day = new(2021, 6, 9, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A fact: a place name for even numbers, a figure for odd ones.</summary>
    private static string Fact(int n) => n % 2 == 0
        ? "Port" + (char)('a' + n % 26) + (char)('a' + n / 26 % 26) + "ton"
        : (n * 41 + 7).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Words with the facts after every <paramref name="every"/>th word, in turn.</summary>
    private static List<string> WithFacts(string[] words, int every, int[] facts)
    {
        var result = new List<string>();
        for (int i = 0; i < words.Length; i++)
        {
            result.Add(words[i]);
            if (facts.Length > 0 && i % every == every - 1)
            {
                result.Add(Fact(facts[i / every % facts.Length]));
            }
        }
        return result;
    }

    /// <summary>
    /// The release (300 words, <paramref name="facts"/> after every <paramref name="every"/>th) and its rewrite: the
    /// outlet's own words (restating <paramref name="restated"/> and bringing <paramref name="own"/>, one after every
    /// <paramref name="ownEvery"/>th word) cut into stretches of 40, with the release's stretch of <paramref name="kept"/>
    /// words at each of <paramref name="starts"/> after each of them.
    /// </summary>
    internal static (string Release, string Rewrite) Texts(int[] facts, int every, int[] restated, int[] own, int[] starts, int kept, int ownEvery = 8)
    {
        var release = WithFacts(StoryJudgeTests.Words(300, 300), every, facts);
        var told = WithFacts(StoryJudgeTests.Words(310, 40 * starts.Length + 48), ownEvery, [.. restated, .. own]);
        int stretch = told.Count / (starts.Length + 1);
        var rewrite = new List<string>();
        for (int k = 0; k < starts.Length; k++)
        {
            rewrite.AddRange(told.Skip(k * stretch).Take(stretch));
            rewrite.AddRange(release.Skip(starts[k]).Take(kept));
        }
        rewrite.AddRange(told.Skip(starts.Length * stretch));
        return (string.Join(' ', release), string.Join(' ', rewrite));
    }

    private static bool Joined(string release, string rewrite, DateTimeOffset? releaseDate, DateTimeOffset? rewriteDate)
    {
        var result = StoryJudgeTests.ClusterTexts(("release", release, releaseDate), ("rewrite", rewrite, rewriteDate));
        var pair = Assert.Single(result.Pairs);
        bool joined = result.Clusters.Count == 1;
        Assert.Equal(joined ? PairRelation.Copy : PairRelation.Reuse, pair.Relation);
        return joined;
    }

    internal static readonly int[] Twenty = [.. Enumerable.Range(0, 20)];
    internal static readonly int[] Starts = [20, 100, 180, 240];

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.5, true)]
    [InlineData(3.0, true)]
    [InlineData(4.0, false)]
    [InlineData(8.0, false)]
    public void Cluster_ReleaseRewrittenKeepingItsFacts_JoinsWithinReleaseDays(double daysApart, bool same)
    {
        // 16 of the release's 20 facts restated and 2 new: 16 of 18 agree, too few to confirm by facts alone.
        var (release, rewrite) = Texts(Twenty, 15, [.. Twenty.Take(16)], [500, 502], Starts, 18);
        Assert.Equal(same, Joined(release, rewrite, s_day, s_day.AddDays(daysApart)));
    }

    [Fact]
    public void Cluster_ReleaseRewrittenUndated_StaysApart()
    {
        var (release, rewrite) = Texts(Twenty, 15, [.. Twenty.Take(16)], [500, 502], Starts, 18);
        Assert.False(Joined(release, rewrite, null, null));
        Assert.False(Joined(release, rewrite, s_day, null));
    }

    [Theory]
    [InlineData(13, 5, true)]
    [InlineData(12, 6, false)]
    public void Cluster_SameDayFollowUpWithNamesOfItsOwn_StaysApart(int restated, int own, bool same)
    {
        // 13 of 18 rare facts agree (0.72) for a rewrite; 12 of 18 (0.67, enough for the facts to agree as any copy's
        // must) is a follow-up or a reaction piece of the same day, which brings names of its own.
        int[] ownFacts = [.. Enumerable.Range(0, own).Select(i => 500 + 2 * i)];
        var (release, rewrite) = Texts(Twenty, 15, [.. Twenty.Take(restated)], ownFacts, Starts, 18);
        Assert.Equal(same, Joined(release, rewrite, s_day, s_day));
    }

    [Fact]
    public void Cluster_ShortItemWithFewFacts_StaysApart()
    {
        // 8 facts, 6 restated, 2 new: the share would do, but eight facts are a flash or a notice, a form refilled.
        int[] eight = [.. Enumerable.Range(0, 8)];
        var (release, rewrite) = Texts(eight, 37, [.. eight.Take(6)], [500, 502], Starts, 18);
        Assert.False(Joined(release, rewrite, s_day, s_day));
    }

    [Theory]
    [InlineData(new[] { 20, 100, 180, 240 }, 18, true)]
    [InlineData(new[] { 20, 100, 180, 240 }, 12, false)]
    [InlineData(new[] { 0, 25, 50, 75 }, 18, false)]
    public void Cluster_RewriteKeepingTooLittleOrOnlyOnePart_StaysApart(int[] starts, int kept, bool same)
    {
        // Four stretches of 15 words keep 0.16 of the release (15 words are 11 shingles); of 11 words, 0.11. Four
        // stretches from the release's first third reach three tenths of it: a background block, not a rewrite.
        var (release, rewrite) = Texts(Twenty, 15, [.. Twenty.Take(16)], [500, 502], starts, kept);
        Assert.Equal(same, Joined(release, rewrite, s_day, s_day));
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(2, false)]
    public void Cluster_TableWithAFigureEveryThirdWord_StaysApart(int ownEvery, bool same)
    {
        // A table of 100 facts, 75 restated and 20 new (0.79 agree): in prose (the outlet's words with a fact every
        // eighth) that would be a rewrite, but a text with a fact every other word is a price list or a table of
        // results, and same-day items of a series repeat most of their figures.
        int[] many = [.. Enumerable.Range(0, 100)];
        int[] newFacts = [.. Enumerable.Range(0, 20).Select(i => 501 + 2 * i)];
        var (release, rewrite) = Texts(many, 3, [.. many.Take(75)], newFacts, Starts, 24, ownEvery);
        Assert.Equal(same, Joined(release, rewrite, s_day, s_day));
    }
}
