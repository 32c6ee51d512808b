using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The weak-link rule on texts made here: each shape of copy joins its story, and a follow-up that reuses one
/// background paragraph (which the count rule alone called a copy) stays apart with a reuse link.
/// </summary>
public sealed class StoryJudgeTests
{
    private static string[] Words(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => "w" + random.Next(0, 50_000).ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static ClusteringResult Cluster(params (string Id, string[] Words)[] docs)
    {
        using var detector = new DuplicateDetector();
        foreach (var (id, words) in docs)
        {
            detector.Add(id, string.Join(' ', words));
        }
        return detector.Cluster(includePairs: true);
    }

    private static string ClusterOf(ClusteringResult result, string id) => result.Clusters.Single(c => c.Members.Any(m => m.Id == id)).Id;

    [Fact]
    public void Cluster_FollowUpReusingOneBackgroundParagraph_StaysApartWithAReuseLink()
    {
        var story = Words(1, 400);
        string[] followUp = [.. Words(2, 400), .. story.AsSpan(300, 60)];
        var result = Cluster(("story", story), ("follow-up", followUp));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "follow-up"));
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(PairRelation.Reuse, pair.Relation);
        Assert.Equal(56, pair.SharedShingles);
    }

    [Fact]
    public void Cluster_SpunCopyWithEveryNinthWordReplaced_JoinsItsStory()
    {
        var story = Words(3, 600);
        var spun = (string[])story.Clone();
        var replacements = Words(4, 600);
        for (int i = 4; i < spun.Length; i += 9)
        {
            spun[i] = replacements[i];
        }
        var result = Cluster(("story", story), ("spun", spun));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "spun"));
        Assert.Equal(PairRelation.Copy, Assert.Single(result.Pairs).Relation);
    }

    [Fact]
    public void Cluster_ExcerptQuotingAPassageInsideItsOwnText_JoinsItsStory()
    {
        var story = Words(5, 900);
        string[] excerpt = [.. Words(6, 100), .. story.AsSpan(200, 200), .. Words(7, 60)];
        var result = Cluster(("story", story), ("excerpt", excerpt));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "excerpt"));
        var member = result.Clusters.SelectMany(c => c.Members).Single(m => m.Id == "excerpt");
        Assert.Equal(CopyRole.Excerpt, member.Role);
    }

    [Fact]
    public void Cluster_UpdateKeepingMostOfTheEarlierVersion_JoinsItsStory()
    {
        var story = Words(8, 300);
        string[] update = [.. story.AsSpan(0, 250), .. Words(9, 200)];
        var result = Cluster(("story", story), ("update", update));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "update"));
    }

    [Fact]
    public void Measure_ChainStartingAfterAnEntryOffIt_KeepsTheChainInOrder()
    {
        // Sorted by position in A: (0, 5), (1, 1), (2, 2). The longest chain rising in B is (1, 1), (2, 2): one run.
        uint[] fingerprints = [10, 20, 30];
        ushort[] positionsA = [0, 1, 2];
        ushort[] positionsB = [5, 1, 2];
        var evidence = PairEvidence.Measure(fingerprints, positionsA, 10, fingerprints, positionsB, 10, CommonFilter.None, maxStep: 1, passageRun: 2);
        Assert.Equal(new PairEvidence(Shared: 3, Ordered: 2, Runs: 1, Passages: 1, SpreadA: 2, SpreadB: 2), evidence);
    }

    [Fact]
    public void Measure_ReversedOrder_HasAChainOfOne()
    {
        uint[] fingerprints = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        ushort[] forward = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        ushort[] backward = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
        var evidence = PairEvidence.Measure(fingerprints, forward, 10, fingerprints, backward, 10, CommonFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal(new PairEvidence(Shared: 10, Ordered: 1, Runs: 1, Passages: 0, SpreadA: 1, SpreadB: 1), evidence);
    }

    [Fact]
    public void Measure_IdenticalSequences_AreOnePassageOverEveryTenth()
    {
        var fingerprints = Enumerable.Range(1, 100).Select(i => (uint)i).ToArray();
        var positions = Enumerable.Range(0, 100).Select(i => (ushort)i).ToArray();
        var evidence = PairEvidence.Measure(fingerprints, positions, 100, fingerprints, positions, 100, CommonFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal(new PairEvidence(Shared: 100, Ordered: 100, Runs: 1, Passages: 1, SpreadA: 10, SpreadB: 10), evidence);
    }
}
