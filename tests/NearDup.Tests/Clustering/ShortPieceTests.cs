using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// A sentence of 16 words (12 shingles) quoted inside another text, on the word seeds where just one of its shingles
/// is an anchor (a quarter of them are): linked as reuse when only the two texts hold it and one of them is short
/// (<see cref="DistinctiveAnchors"/>: 96 or 376 words against 476), where a key two groups hold counts as two anchors, by the
/// clusterer and by a query, whichever side is short; not linked when both texts are long, nor when three more texts
/// carry the same sentence, a phrase several share, which need two anchors as before. A pair found that way that
/// passes on counts (mostly what it shares) is reuse, not merged.
/// </summary>
public sealed class ShortPieceTests
{
    private const int SentenceWords = 16;

    /// <summary>
    /// Words of its own around the sentence in a short text (96 words), in a post as long as the short-pieces fixture's
    /// longer ones (376 words, 372 fingerprints) and in a long text (476 words, over <see cref="DistinctiveAnchors.MaxFingerprints"/>).
    /// </summary>
    private const int ShortAround = 40, PostAround = 180, LongAround = DistinctiveAnchors.MaxFingerprints / 2 + 5;

    [Theory]
    [InlineData(ShortAround, LongAround)]
    [InlineData(LongAround, ShortAround)]
    [InlineData(PostAround, LongAround)]
    [InlineData(LongAround, PostAround)]
    public void Cluster_DistinctiveSentenceOnOneAnchor_IsLinkedAsReuse_AndQueried(int postAround, int sourceAround)
    {
        foreach (int seed in OneAnchorSeeds(8))
        {
            var sentence = StoryJudgeTests.Words(seed, SentenceWords);
            string post = Text(seed + 1, postAround, sentence);
            using var detector = new DuplicateDetector();
            detector.Add("source", Text(seed + 2, sourceAround, sentence));
            detector.Add("other", string.Join(' ', StoryJudgeTests.Words(seed + 3, 300)));
            // A query not in the index: the sentence's key is the source's alone there.
            Assert.Contains(detector.Query(post), m => m.Id == "source" && m.Relation == PairRelation.Reuse);
            detector.Add("post", post);

            var pair = Assert.Single(detector.Cluster(includePairs: true).Pairs);
            Assert.Equal(("post", "source"), (pair.First, pair.Second));
            Assert.Equal(PairRelation.Reuse, pair.Relation);
            Assert.Equal(12, pair.SharedShingles);
        }
    }

    [Fact]
    public void Cluster_DistinctiveSentenceOnOneAnchorInTwoLongTexts_IsNotLinked()
    {
        foreach (int seed in OneAnchorSeeds(8))
        {
            var sentence = StoryJudgeTests.Words(seed, SentenceWords);
            AssertNotLinked(Text(seed + 1, LongAround, sentence), Text(seed + 2, LongAround, sentence), string.Join(' ', StoryJudgeTests.Words(seed + 3, 300)));
        }
    }

    [Fact]
    public void Cluster_SentenceSeveralTextsShareOnOneAnchor_IsNotLinked()
    {
        foreach (int seed in OneAnchorSeeds(8))
        {
            var sentence = StoryJudgeTests.Words(seed, SentenceWords);
            AssertNotLinked(Text(seed + 1, ShortAround, sentence), [.. Enumerable.Range(0, 3).Select(k => Text(seed + 2 + k, LongAround, sentence))]);
        }
    }

    [Fact]
    public void Cluster_FlashOfAStorysOpeningOnOneAnchor_IsReuse_NotMerged()
    {
        // The flash is the story's first sentence, all of it shared: a copy by counts, which the judge would merge as a
        // lead quoted; found by one key the two alone hold, it is reuse, since two notices of one form look the same.
        foreach (int seed in OneAnchorSeeds(4))
        {
            var sentence = StoryJudgeTests.Words(seed, SentenceWords);
            var result = StoryJudgeTests.ClusterTexts(("flash", string.Join(' ', sentence), null),
                ("story", string.Join(' ', [.. sentence, .. StoryJudgeTests.Words(seed + 1, 300)]), null));

            Assert.Equal(PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
            Assert.Equal(2, result.Clusters.Count);
        }
    }

    /// <summary>Neither a query of <paramref name="post"/> against <paramref name="indexed"/> nor clustering them all finds a pair.</summary>
    private static void AssertNotLinked(string post, params string[] indexed)
    {
        using var detector = new DuplicateDetector();
        for (int k = 0; k < indexed.Length; k++)
        {
            detector.Add("indexed" + k, indexed[k]);
        }
        Assert.Empty(detector.Query(post));
        detector.Add("post", post);

        Assert.Empty(detector.Cluster(includePairs: true).Pairs);
    }

    /// <summary><paramref name="around"/> words of its own before and after the sentence.</summary>
    private static string Text(int seed, int around, string[] sentence)
    {
        var own = StoryJudgeTests.Words(seed, 2 * around);
        return string.Join(' ', [.. own[..around], .. sentence, .. own[around..]]);
    }

    /// <summary>The first <paramref name="count"/> seeds (a hundred apart) whose sentence has exactly one anchor among its shingles.</summary>
    private static List<int> OneAnchorSeeds(int count)
    {
        var options = NearDupOptions.Default;
        var sketcher = new Sketcher(options);
        uint mask = AnchorTable.MaskOf(options);
        var seeds = new List<int>();
        for (int seed = 100; seeds.Count < count; seed += 100)
        {
            var sketch = sketcher.Sketch("sentence", string.Join(' ', StoryJudgeTests.Words(seed, SentenceWords)), 0);
            if (sketch.Fingerprints.Count(fp => AnchorTable.IsAnchor(fp, mask)) == 1)
            {
                seeds.Add(seed);
            }
        }
        return seeds;
    }
}
