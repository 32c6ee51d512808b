using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The canonical of a group of copies is the text the others contain, whichever order the copies come in.</summary>
public sealed class GroupRepresentativesTests
{
    [Fact]
    public void Outside_CountsTheFingerprintsTheCoreLacks()
    {
        Assert.Equal(2, GroupRepresentatives.Outside([1, 3, 5, 7, 9], [3, 4, 5, 9]));
        Assert.Equal(0, GroupRepresentatives.Outside([3, 9], [3, 4, 5, 9]));
        Assert.Equal(3, GroupRepresentatives.Outside([10, 11, 12], [1, 2]));
        Assert.Equal(0, GroupRepresentatives.Outside([], [1, 2]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cluster_OriginalAndWrappedCopies_OriginalIsCanonicalWhateverTheIds(bool originalFirst)
    {
        var random = new Random(3);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(0, 50_000)));
        string story = Words(400);
        using var detector = new DuplicateDetector();
        // Three sites wrap the story in headers and footers of their own: each lies outside what the group shares.
        detector.Add(originalFirst ? "a-original" : "z-original", story);
        detector.Add("m-site1", Words(60) + " " + story + " " + Words(40));
        detector.Add("n-site2", Words(80) + " " + story + " " + Words(30));
        detector.Add("o-site3", Words(50) + " " + story);
        var cluster = Assert.Single(detector.Cluster().Clusters);
        Assert.Equal(originalFirst ? "a-original" : "z-original", cluster.Canonical);
        Assert.All(cluster.Members.Where(m => m.Id != cluster.Canonical), m => Assert.Equal(CopyRole.Syndicated, m.Role));
    }

    [Fact]
    public void Cluster_OriginalAndItsExactCopy_EarliestDatedIsCanonical()
    {
        var random = new Random(4);
        string story = string.Join(' ', Enumerable.Range(0, 300).Select(_ => "w" + random.Next(0, 50_000)));
        using var detector = new DuplicateDetector();
        var day = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);
        detector.Add("a-copy", story, day.AddDays(1));
        detector.Add("b-original", story, day);
        detector.Add("c-wrapped", "Site header words here today " + story, day);
        var cluster = Assert.Single(detector.Cluster().Clusters);
        Assert.Equal("b-original", cluster.Canonical);
        Assert.Equal(CopyRole.Exact, cluster.Members.Single(m => m.Id == "a-copy").Role);
    }

    [Fact]
    public void Cluster_OriginalAndOneWrappedCopyDatedEarlier_OriginalIsCanonical()
    {
        // Material outside what the two share comes before the date: the wrapping is the copy's own.
        var random = new Random(5);
        string story = string.Join(' ', Enumerable.Range(0, 300).Select(_ => "w" + random.Next(0, 50_000)));
        using var detector = new DuplicateDetector();
        var day = new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);
        detector.Add("a-wrapped", "Site header words for this page " + story + " and a footer with links", day);
        detector.Add("b-original", story, day.AddHours(2));
        var cluster = Assert.Single(detector.Cluster().Clusters);
        Assert.Equal("b-original", cluster.Canonical);
    }
}
