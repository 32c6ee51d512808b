using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Between two documents of one story with nothing else to tell them apart (no dates, one link), the source is the
/// one that opens with what they share, whichever is longer or has the smaller id.
/// </summary>
public sealed class CanonicalChoiceTests
{
    private static string Words(int seed, int count)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(0, 50_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static DocumentCluster ClusterOf(params (string Id, string Text)[] docs)
    {
        using var detector = new DuplicateDetector();
        foreach (var (id, text) in docs)
        {
            detector.Add(id, text);
        }
        return Assert.Single(detector.Cluster().Clusters);
    }

    [Fact]
    public void Cluster_ShortStoryInsideALongerSiteWrapping_OriginalIsCanonicalAndTheCopySyndicated()
    {
        // The wrapping doubles the text, so the pair is under the strong Jaccard and the two are separate groups.
        string story = Words(1, 150);
        var cluster = ClusterOf(("a-wrapped", Words(2, 120) + " " + story + " " + Words(3, 60)), ("z-story", story));
        Assert.Equal("z-story", cluster.Canonical);
        Assert.Equal(CopyRole.Syndicated, cluster.Members.Single(m => m.Id == "a-wrapped").Role);
    }

    [Fact]
    public void Cluster_PostLongerThanTheStoryItQuotes_StoryIsCanonical()
    {
        // The post opens with its own comment, then quotes the story's first paragraphs: the story starts with them.
        string story = Words(4, 300);
        string opening = string.Join(' ', story.Split(' ').Take(120));
        var cluster = ClusterOf(("a-post", Words(5, 150) + " " + opening + " " + Words(6, 250)), ("z-story", story));
        Assert.Equal("z-story", cluster.Canonical);
        Assert.Equal(CopyRole.Excerpt, cluster.Members.Single(m => m.Id == "a-post").Role);
    }

    [Fact]
    public void Cluster_SourceGroupedWithOneCutCopy_KeepsItsFullTextForTheOtherCopies()
    {
        // "cut" is most of the source's first 300 words, so the two are one group; "answer" copies the source's
        // last 150 words, which "cut" lacks: it must still join the source's cluster.
        var random = new Random(9);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(0, 50_000)));
        var source = Words(450).Split(' ');
        string cut = string.Join(' ', source.Take(300)) + " " + Words(20);
        string answer = Words(60) + " " + string.Join(' ', source.Skip(300)) + " " + Words(40);
        var result = Cluster(("source", string.Join(' ', source)), ("cut", cut), ("answer", answer));
        Assert.Single(result.Clusters);
    }

    [Fact]
    public void Cluster_CopyCutFromTheMiddleOfItsSource_SourceIsCanonical()
    {
        // The copy keeps paragraphs 1, 2, 4 and 6 of six: the two are one group, the copy the smaller text inside it;
        // what the source has beyond it lies between the passages they share.
        var paragraphs = Enumerable.Range(0, 6).Select(p => Words(20 + p, 60)).ToArray();
        string cut = string.Join(' ', paragraphs[0], paragraphs[1], paragraphs[3], paragraphs[5]);
        var cluster = ClusterOf(("a-cut", cut), ("z-source", string.Join(' ', paragraphs)));
        Assert.Equal("z-source", cluster.Canonical);
    }

    [Fact]
    public void Cluster_StoryWithAShortHeaderAndFooter_BareTextStaysCanonical()
    {
        // The wrapped copy is one group with the story (Jaccard over the strong bound): its own words lie at its edges.
        string story = Words(30, 300);
        var cluster = ClusterOf(("a-wrapped", Words(31, 25) + " " + story + " " + Words(32, 25)), ("z-story", story));
        Assert.Equal("z-story", cluster.Canonical);
        Assert.Equal(CopyRole.Syndicated, cluster.Members.Single(m => m.Id == "a-wrapped").Role);
    }

    [Fact]
    public void Cluster_LongerVersionDatedAfterTheShorter_ShorterStaysCanonical()
    {
        // The longer text has a paragraph the shorter lacks, in the middle, but comes two days later: an update, not a source.
        var paragraphs = Enumerable.Range(0, 5).Select(p => Words(40 + p, 60)).ToArray();
        string shorter = string.Join(' ', paragraphs.Where((_, i) => i != 2));
        using var detector = new DuplicateDetector();
        detector.Add("a-later", string.Join(' ', paragraphs), new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero));
        detector.Add("z-first", shorter, new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("z-first", Assert.Single(detector.Cluster().Clusters).Canonical);
    }

    [Fact]
    public void Cluster_StoryTrimmedFromTheBottomTwoDaysLater_EarlierFullStoryIsCanonical()
    {
        // The trim is at the edge, so only the dates tell: the full story came first.
        string story = Words(50, 360);
        string trimmed = string.Join(' ', story.Split(' ').Take(300));
        using var detector = new DuplicateDetector();
        detector.Add("a-trimmed", trimmed, new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero));
        detector.Add("z-story", story, new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("z-story", Assert.Single(detector.Cluster().Clusters).Canonical);
    }

    private static ClusteringResult Cluster(params (string Id, string Text)[] docs)
    {
        using var detector = new DuplicateDetector();
        foreach (var (id, text) in docs)
        {
            detector.Add(id, text);
        }
        return detector.Cluster();
    }
}
