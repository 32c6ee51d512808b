using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

[Collection(OrleansCollection.Name)]
public sealed class DocumentAddTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task Add_PageOfPartSketches_RefusedNothingStored()
    {
        var partition = fixture.Cluster.Client.GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey("partial-add", PartitionKind.Document, 0));
        var sketch = new StoredSketch { Id = "doc-1", ShingleCount = 3, BandKeys = [1, 2], Fingerprints = [5, 9, 12], Positions = [0, 1, 2], Facts = [7] };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => partition.Add(SketchPage.Pack([sketch], SketchParts.Scoring)));
        Assert.Contains("an add sends whole sketches", error.Message, StringComparison.Ordinal);
        Assert.Empty(await partition.Get(["doc-1"]));

        Assert.Equal([AddOutcome.Added], await partition.Add(SketchPage.Pack([sketch], SketchParts.All)));
        var stored = Assert.Single(await partition.Get(["doc-1"]));
        Assert.Equal(sketch.BandKeys, stored.BandKeys);
        Assert.Equal(sketch.Fingerprints, stored.Fingerprints);
        Assert.Equal(sketch.Positions, stored.Positions);
        Assert.Equal(sketch.Facts, stored.Facts);
    }

    [Fact]
    public async Task AddRange_Progress_EachBatchAcknowledged_AgainOnesCounted()
    {
        var docs = TestCorpus.Documents(2500, seed: 17, strongCopies: false);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "add-progress", partitions: 3);
        var first = new Reports();
        Assert.Equal(2000, await client.AddRangeAsync(docs.Take(2000), first));
        Assert.Equal([2000], first.Values);

        // Batches of 2,048: the 2,000 there already count as acknowledged, not as added.
        var again = new Reports();
        Assert.Equal(500, await client.AddRangeAsync(docs, again));
        Assert.Equal([2048, 2500], again.Values);

        var utf8 = docs[0].Text!;
        await client.AddAsync("utf8-copy", System.Text.Encoding.UTF8.GetBytes(utf8));
        var match = Assert.Single(await client.QueryAsync(utf8), m => m.Id == "utf8-copy");
        Assert.Equal(NearDup.Clustering.CopyRole.Exact, match.Role);
    }

    /// <summary>The values reported, on the reporting thread (<see cref="Progress{T}"/> would post them).</summary>
    private sealed class Reports : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }
}
