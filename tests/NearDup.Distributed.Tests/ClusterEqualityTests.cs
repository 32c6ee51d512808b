using System.Text.Json;
using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Batch clustering across three silos (<see cref="NearDupClusterClient.ClusterAsync(bool, IProgress{ClusteringProgress}?, CancellationToken)"/>)
/// against <see cref="DuplicateDetector.Cluster(bool, CancellationToken)"/> over the same documents: the same clusters,
/// members, roles, scores and pairs, compared as their JSON serialization, byte for byte.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class ClusterEqualityTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task ClusterAsync_GeneratedCorpus_SameClustersAndPairsAsSingleMachine()
    {
        var docs = TestCorpus.Documents(3000, seed: 21, strongCopies: true);
        var expected = SingleMachine(docs, includePairs: true);
        // The corpus exercises every stage: strong groups, boilerplate, weak links and every role.
        Assert.True(expected.Statistics.StrongGroups < 2800, $"{expected.Statistics.StrongGroups} groups");
        Assert.True(expected.Statistics.CommonFingerprints > 0);
        Assert.True(expected.Pairs.Select(p => p.Relation).Distinct().Count() >= 2);
        Assert.True(expected.Clusters.SelectMany(c => c.Members).Select(m => m.Role).Distinct().Count() >= 4);

        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "batch-equality", partitions: 5);
        // Added in another order and in pieces, one of them twice (a retried add): neither changes the result.
        await client.AddRangeAsync(docs.Skip(1000).Reverse());
        await client.AddRangeAsync(docs.Take(2000));
        await client.AddRangeAsync(docs.Take(500));
        ClusteringResult actual;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            actual = await client.ClusterAsync(includePairs: true);
            calls = log.Calls;
        }

        Assert.Equal(3000, actual.Statistics.Documents);
        // The sizes without boilerplate came from the document partitions, one call each, a size a document.
        var sizes = calls.Where(c => c.Method == nameof(Grains.IDocumentPartitionGrain.Sizes)).Select(c => (int[])c.Result!).ToList();
        Assert.Equal(5, sizes.Count);
        Assert.Equal(3000, sizes.Sum(s => s.Length)); // none answered "not as listed"
        // Stage 7's members were judged at the partitions, every cluster of several there.
        var canonicals = calls.Where(c => c.Method == nameof(Grains.IDocumentPartitionGrain.JudgeClusters))
            .Select(c => (Partitions.CanonicalAnswer)c.Result!).ToList();
        Assert.NotEmpty(canonicals);
        Assert.Equal(expected.Clusters.Count(c => c.Members.Count >= 2), canonicals.Sum(a => a.Canonicals.Length));
        Assert.DoesNotContain(-1, canonicals.SelectMany(a => a.Canonicals));
        Assert.Equal(Json(expected.Clusters), Json(actual.Clusters));
        Assert.Equal(Json(expected.Pairs), Json(actual.Pairs));
        Assert.Equal(expected.Statistics.StrongCandidates, actual.Statistics.StrongCandidates);
        Assert.Equal(expected.Statistics.AnchorCandidates, actual.Statistics.AnchorCandidates);
    }

    [Fact]
    public async Task ClusterAsync_RewritesAndExcerptsFoundByAnchors_SameAsSingleMachine_PairedAtThePartitions()
    {
        var docs = TestCorpus.Documents(1500, seed: 25, strongCopies: false);
        var expected = SingleMachine(docs, includePairs: true);
        // Some links are found by the anchors alone: without them the pairs differ.
        Assert.True(expected.Statistics.AnchorCandidates > 0);
        Assert.NotEqual(Json(expected.Pairs), Json(SingleMachine(docs, includePairs: true, new NearDupOptions { MinSharedAnchors = 1 << 20 }).Pairs));

        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "batch-anchors", partitions: 5);
        await client.AddRangeAsync(docs);
        ClusteringResult actual;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            actual = await client.ClusterAsync(includePairs: true);
            calls = log.Calls;
        }
        Assert.Equal(Json(expected.Clusters), Json(actual.Clusters));
        Assert.Equal(Json(expected.Pairs), Json(actual.Pairs));
        Assert.Equal(expected.Statistics.AnchorCandidates, actual.Statistics.AnchorCandidates);
        // The candidates went from the pair ranges to the judging partitions, every one of them, and none to the
        // coordinator: it asked no pair range, and received their count only.
        Assert.DoesNotContain(calls, c => c.Method == nameof(Grains.IAnchorPairGrain.Shared));
        var judged = calls.Where(c => c.Method == nameof(Grains.IDocumentPartitionGrain.JudgeRunLinks)).Select(c => (RunLinkAnswer)c.Result!).ToList();
        Assert.Equal(client.Partitions, judged.Count);
        Assert.Equal(expected.Statistics.AnchorCandidates, judged.Sum(a => (long)a.AnchorCandidates));
        Assert.True(judged.Sum(a => a.Links.Length) < expected.Statistics.AnchorCandidates, "only the verified links came back");
    }

    [Fact]
    public async Task ClusterAsync_AfterRemovals_SameAsSingleMachineOverTheRest()
    {
        var docs = TestCorpus.Documents(800, seed: 22, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "batch-removals", partitions: 4);
        await client.AddRangeAsync(docs);
        var removed = docs.Where((_, i) => i % 25 == 0).ToList();
        foreach (var doc in removed)
        {
            Assert.True(await client.RemoveAsync(doc.Id));
        }
        await client.MergeAsync();
        var rest = docs.Except(removed).ToList();
        Assert.Equal(Json(SingleMachine(rest, includePairs: false).Clusters), Json((await client.ClusterAsync()).Clusters));
    }

    [Fact]
    public async Task ClusterAsync_AddsAfterTheListing_LeftOut()
    {
        var docs = TestCorpus.Documents(1500, seed: 23, strongCopies: true);
        var first = docs.Take(1000).ToList();
        var later = docs.Skip(1000).ToList();
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "batch-during-adds", partitions: 4);
        await client.AddRangeAsync(first);
        // Acknowledged adds between the listing and the candidates: their rows sit in the same runs as the listed
        // documents' (copies of them among them), and are left out, so the result is the listed documents'.
        var actual = await client.ClusterAsync(includePairs: false, progress: null, afterListing: () => client.AddRangeAsync(later), CancellationToken.None);
        Assert.Equal(1500, await client.CountAsync());
        Assert.Equal(Json(SingleMachine(first, includePairs: false).Clusters), Json(actual.Clusters));
        // The next run has them all.
        Assert.Equal(Json(SingleMachine(docs, includePairs: false).Clusters), Json((await client.ClusterAsync()).Clusters));
    }

    [Fact]
    public async Task ClusterAsync_WhileAnotherClientAdds_EveryAcknowledgedDocumentOnce()
    {
        var docs = TestCorpus.Documents(1200, seed: 24, strongCopies: true);
        var first = docs.Take(600).ToList();
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "batch-concurrent", partitions: 4);
        await client.AddRangeAsync(first);
        var writer = await NearDupClusterClient.OpenAsync(fixture.Cluster.Client, "batch-concurrent");
        var adding = Task.Run(async () =>
        {
            foreach (var batch in docs.Skip(600).Chunk(50))
            {
                await writer.AddRangeAsync(batch);
            }
        });
        var during = await client.ClusterAsync();
        await adding;
        // Every document acknowledged before the run is in it, each in one cluster; later ones may be in or out.
        var ids = during.Clusters.SelectMany(c => c.Members).Select(m => m.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(docs.Select(d => d.Id).ToHashSet(), ids.ToHashSet());
        Assert.Superset(first.Select(d => d.Id).ToHashSet(), ids.ToHashSet());
        Assert.Equal(Json(SingleMachine(docs, includePairs: false).Clusters), Json((await client.ClusterAsync()).Clusters));
    }

    internal static ClusteringResult SingleMachine(List<DocumentInput> docs, bool includePairs, NearDupOptions? options = null)
    {
        using var detector = new DuplicateDetector(options);
        detector.AddRange(docs);
        return detector.Cluster(includePairs);
    }

    internal static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
