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
}
