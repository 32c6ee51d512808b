using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// An article revised over its whole length, each paragraph partly rewritten and partly kept, joins its earlier
/// version when it keeps four tenths of it in passages reaching eight tenths of both (<see cref="StoryRules.RevisionKept"/>);
/// less kept, or dated two days apart, it does not. And a chain of such revisions, whose ends share little, is one cluster.
/// </summary>
public sealed class RevisionTests
{
    private const int Paragraphs = 12;
    private const int ParagraphWords = 50;

    [Theory]
    [InlineData(25, 0, true)]
    [InlineData(20, 0, false)]
    [InlineData(25, 2, false)]
    public void Cluster_EveryParagraphPartlyRewritten_JoinsWhenFourTenthsAreKeptTheSameDay(int keptWords, int daysApart, bool same)
    {
        var article = StoryJudgeTests.Words(1, Paragraphs * ParagraphWords);
        var revised = KeepParagraphEnds(article, StoryJudgeTests.Words(2, Paragraphs * ParagraphWords), keptWords);
        var date = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        using var detector = new DuplicateDetector();
        detector.Add("v1", string.Join(' ', article), date);
        detector.Add("v2", string.Join(' ', revised), date.AddDays(daysApart));
        var result = detector.Cluster(includePairs: true);

        Assert.Equal(same, result.Clusters.Count == 1);
        Assert.Equal(same ? PairRelation.Copy : PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
    }

    [Theory]
    [InlineData("40:75,190:75,340:75,490:75", true)]
    [InlineData("50:100,230:100,410:100", false)]
    [InlineData("20:75,120:75,220:75,320:75", false)]
    public void Cluster_KeptBlocks_JoinOnlyWhenFourOrMoreReachEightTenthsOfBoth(string blocks, bool same)
    {
        // Four blocks of 75 words over eight tenths; three of 100 over nine tenths (as much kept, one passage fewer);
        // four of 75 within the first seven tenths. Each keeps 0.48 of the text, in place, the rest rewritten.
        var article = StoryJudgeTests.Words(11, 600);
        var revised = StoryJudgeTests.Words(12, 600);
        foreach (var block in blocks.Split(','))
        {
            var parts = block.Split(':');
            Array.Copy(article, int.Parse(parts[0]), revised, int.Parse(parts[0]), int.Parse(parts[1]));
        }

        using var detector = new DuplicateDetector();
        detector.Add("v1", string.Join(' ', article));
        detector.Add("v2", string.Join(' ', revised));
        var result = detector.Cluster(includePairs: true);

        Assert.Equal(same, result.Clusters.Count == 1);
    }

    [Fact]
    public void Cluster_ChainOfRevisionsWhoseEndsShareNothing_IsOneCluster()
    {
        // Each version rewrites two of the five ten-word blocks of every paragraph, the next two each time: a version
        // keeps half of the one before, a fifth of the one two steps back, nothing of the one three steps back. The
        // first version is also republished as it was, which makes it the first center; star clustering alone puts
        // the last version in a cluster of its own, since it copies a member of that center but not the center.
        var versions = new List<string[]> { StoryJudgeTests.Words(3, Paragraphs * ParagraphWords) };
        for (int v = 1; v < 4; v++)
        {
            versions.Add(RewriteBlocks(versions[^1], StoryJudgeTests.Words(3 + v, Paragraphs * ParagraphWords), 2 * (v - 1)));
        }

        using var detector = new DuplicateDetector();
        for (int v = 0; v < versions.Count; v++)
        {
            detector.Add($"v{v}", string.Join(' ', versions[v]));
        }
        detector.Add("v0-again", string.Join(' ', versions[0]));
        var result = detector.Cluster();

        Assert.Single(result.Clusters);
    }

    /// <summary>Each paragraph with its ten-word blocks <paramref name="first"/> and the next (of five, round) taken from <paramref name="fresh"/>.</summary>
    private static string[] RewriteBlocks(string[] text, string[] fresh, int first)
    {
        const int Block = ParagraphWords / 5;
        var revised = (string[])text.Clone();
        for (int p = 0; p < Paragraphs; p++)
        {
            foreach (int block in new[] { first % 5, (first + 1) % 5 })
            {
                int start = p * ParagraphWords + block * Block;
                Array.Copy(fresh, start, revised, start, Block);
            }
        }
        return revised;
    }

    /// <summary>Each paragraph keeps its last <paramref name="keptWords"/> words and takes the rest from <paramref name="fresh"/>.</summary>
    private static string[] KeepParagraphEnds(string[] text, string[] fresh, int keptWords)
    {
        var revised = (string[])fresh.Clone();
        for (int p = 0; p < Paragraphs; p++)
        {
            int start = (p + 1) * ParagraphWords - keptWords;
            Array.Copy(text, start, revised, start, keptWords);
        }
        return revised;
    }
}
