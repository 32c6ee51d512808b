using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

public sealed class SeedCorpusTests
{
    [Fact]
    public void Cluster_SharedSeeds_GroupsTheWireStoryAndKeepsOthersApart()
    {
        string? seeds = SharedCorpus.SeedsDirectory;
        if (seeds is null)
        {
            Assert.Skip("../shared/corpus/seeds is not beside this checkout.");
        }
        var detector = new DuplicateDetector();
        foreach (string file in Directory.GetFiles(seeds, "*.txt"))
        {
            detector.Add(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file));
        }
        var result = detector.Cluster(includePairs: true);
        foreach (var pair in result.Pairs)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{pair}");
        }
        foreach (var c in result.Clusters)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{c.Id} {c.Canonical}: {string.Join(", ", c.Members)}");
        }
        Assert.Equal(3, result.Clusters.Count);
        var story = result.Clusters[0];
        Assert.Equal("001_6b957ca154f4cb9f", story.Canonical);
        Assert.Equal(CopyRole.Rewritten, story.Members.Single(m => m.Id.StartsWith("000", StringComparison.Ordinal)).Role);
        Assert.Equal(CopyRole.Excerpt, story.Members.Single(m => m.Id.StartsWith("002", StringComparison.Ordinal)).Role);
        Assert.Equal(3, story.Members.Count);
    }
}
