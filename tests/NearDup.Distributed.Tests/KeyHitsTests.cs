using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

[Collection(OrleansCollection.Name)]
public sealed class KeyHitsTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task Count_EachDocumentOnce_WithTheProbedKeysItHolds()
    {
        var partition = fixture.Cluster.Client.GetGrain<IKeyPartitionGrain>(PartitionMap.GrainKey("hits", PartitionKind.Anchor, 0));
        // A "template" key held by 50 documents, two keys held by a few, and rows of keys nobody probes.
        var rows = new List<KeyEntry>();
        rows.AddRange(Enumerable.Range(0, 50).Select(i => new KeyEntry(0, 7, $"doc-{i:D2}", 0)));
        rows.AddRange(new[] { "doc-03", "doc-04", "zeta" }.Select(id => new KeyEntry(0, 9, id, 0)));
        rows.AddRange(new[] { "doc-04", "omega" }.Select(id => new KeyEntry(0, 11, id, 0)));
        rows.AddRange(Enumerable.Range(0, 20).Select(i => new KeyEntry(0, 12, $"doc-{i:D2}", 0)));
        await partition.Add(KeyRowBatch.Pack(rows));

        KeyEntry[] probes = [new(0, 7, "", 0), new(0, 9, "", 0), new(0, 11, "", 0), new(0, 8, "", 0)];
        var hits = await partition.Count(probes);
        var rowsFound = await partition.Find(probes);

        Assert.Equal(55, rowsFound.Length);
        Assert.Equal(52, hits.Ids.Length); // doc-00..49, omega, zeta: each once
        Assert.Equal(hits.Ids.Order(StringComparer.Ordinal), hits.Ids);
        var counts = hits.Ids.Zip(hits.Counts).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal((1, 2, 3, 1, 1), (counts["doc-00"], counts["doc-03"], counts["doc-04"], counts["zeta"], counts["omega"]));
        // The counts are Find's rows counted by id.
        Assert.Equal(rowsFound.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Count()), counts);
    }
}
