using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Tests.Clustering;

/// <summary>The library's two-pass dedup: <see cref="Deduplicator"/> decides, <see cref="DedupResult.KeptOf{T}"/> streams the kept records.</summary>
public sealed class DeduplicatorTests
{
    private const string Story = "the council voted on tuesday to rebuild the old harbour bridge after years of delay and rising repair costs";

    [Fact]
    public void Decide_RemovesTheCopiesOfTheKindsAskedAndKeepsOnePerCluster()
    {
        var documents = Generated(600, 4);
        using var dedup = new Deduplicator(dedup: new DedupOptions { Kinds = CopyKinds.Roles });
        dedup.AddRange(documents);
        var result = dedup.Decide();
        Assert.Equal(documents.Count, result.Documents);
        Assert.Equal(result.Clustering.Clusters.Count, result.Kept);
        foreach (var cluster in result.Clustering.Clusters)
        {
            Assert.Single(cluster.Members, m => result.IsKept(m.Id));
        }
        var kept = result.KeptOf(documents, d => d.Id).ToList();
        Assert.Equal(result.Kept, kept.Count);
        Assert.All(result.Removed, d => Assert.True(result.IsKept(d.KeptId) && !result.IsKept(d.Id)));
        Assert.Equal(result.Removed.Count, new[] { CopyKinds.Exact, CopyKinds.Syndicated, CopyKinds.Rewritten, CopyKinds.Excerpt }.Sum(result.RemovedCount));
        Assert.True(result.RemovedCount(CopyKinds.Rewritten) > 0 && result.RemovedCount(CopyKinds.Excerpt) > 0);
    }

    [Fact]
    public void Decide_Default_LeavesRewrittenAndExcerptCopies()
    {
        var documents = Generated(600, 4);
        using var dedup = new Deduplicator();
        dedup.AddRange(documents);
        var result = dedup.Decide();
        Assert.All(result.Removed, d => Assert.True(d.Kind is CopyKinds.Exact or CopyKinds.Syndicated, $"{d}"));
        Assert.DoesNotContain(result.Clustering.Clusters.SelectMany(c => c.Members), m => m.Role is CopyRole.Rewritten or CopyRole.Excerpt);
        Assert.True(result.RemovedCount(CopyKinds.Syndicated) > 0);
    }

    [Fact]
    public void Decide_TemplateLinks_JoinTheirClustersAndKeepOne()
    {
        var documents = Generated(1000, 2);
        using var dedup = new Deduplicator(dedup: new DedupOptions { Kinds = CopyKinds.All });
        dedup.AddRange(documents);
        // Every reuse link taken for a template: the kept set may then hold no two documents such a link joins.
        IReadOnlyList<VerifiedPair> links = [];
        var result = dedup.Decide(reuse => links = reuse);
        Assert.NotEmpty(links);
        Assert.True(result.RemovedCount(CopyKinds.Template) > 0);
        string KeptFor(string id) => result.TryGetRemoved(id, out var d) ? d.KeptId : id;
        Assert.All(links, l => Assert.Equal(KeptFor(l.First), KeptFor(l.Second)));
        Assert.All(result.Removed, d => Assert.True(result.IsKept(d.KeptId), $"{d}"));
        Assert.Throws<InvalidOperationException>(() => dedup.Decide());
    }

    [Theory]
    [InlineData(KeepRule.First, "a")]
    [InlineData(KeepRule.Earliest, "b")]
    [InlineData(KeepRule.Longest, "c")]
    public void Decide_KeepRule_ChoosesAmongExactCopies(KeepRule keep, string expected)
    {
        using var dedup = new Deduplicator(dedup: new DedupOptions { Keep = keep });
        dedup.Add("a", Story, new DateTimeOffset(2021, 5, 1, 0, 0, 0, TimeSpan.Zero));
        dedup.Add("b", Story, new DateTimeOffset(2020, 5, 1, 0, 0, 0, TimeSpan.Zero));
        dedup.Add("c", Story.Replace(" ", "  ", StringComparison.Ordinal));
        var result = dedup.Decide();
        Assert.Equal([expected], new[] { "a", "b", "c" }.Where(result.IsKept));
        Assert.All(result.Removed, d => Assert.Equal((expected, CopyKinds.Exact), (d.KeptId, d.Kind)));
    }

    [Fact]
    public void KeptOf_ARecordNeverAdded_Throws()
    {
        using var dedup = new Deduplicator();
        dedup.Add("a", Story);
        var result = dedup.Decide();
        Assert.Throws<InvalidOperationException>(() => result.KeptOf(["a", "z"], id => id).ToList());
    }

    [Fact]
    public void Filter_Bounds_HoldForEveryMemberAndPairAndEveryDocumentStays()
    {
        var detector = new DuplicateDetector();
        detector.AddRange(Generated(600, 4));
        var result = detector.Cluster(includePairs: true);
        Assert.Same(result, result.Filter(OutputFilter.None));
        var bounded = result.Filter(new OutputFilter { MinJaccard = 0.8, MinContainment = 0.8 });
        var members = bounded.Clusters.SelectMany(c => c.Members).ToList();
        Assert.Equal(result.Clusters.Sum(c => c.Members.Count), members.Count);
        Assert.Equal(members.Count, members.Select(m => m.Id).Distinct().Count());
        Assert.All(members.Where(m => m.Role != CopyRole.Canonical), m => Assert.True(m.Jaccard >= 0.8 && m.Containment >= 0.8));
        Assert.All(bounded.Pairs, p => Assert.True(p.Jaccard >= 0.8 && p.Containment >= 0.8));
        Assert.True(bounded.Pairs.Count < result.Pairs.Count && bounded.Clusters.Count > result.Clusters.Count);
        Assert.Equal(Enumerable.Range(1, bounded.Clusters.Count).Select(i => $"c{i:D6}"), bounded.Clusters.Select(c => c.Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.Filter(new OutputFilter { MinJaccard = 1.5 }));
    }

    private static List<DocumentInput> Generated(int documents, ulong seed)
    {
        using var docs = new MemoryStream();
        new CorpusGenerator(CorpusOptions.Default with { Documents = documents, Seed = seed }).Write(docs, null);
        docs.Position = 0;
        var list = new List<DocumentInput>();
        using var reader = new StreamReader(docs);
        while (reader.ReadLine() is { } line)
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            list.Add(new DocumentInput(json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("text").GetString()!));
        }
        return list;
    }
}
