using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's sizes without boilerplate counted at the document partitions
/// (<see cref="NearDupClusterClient.SizeDocumentsAsync"/>), against the boilerplate stage's own count over the stored
/// fingerprints, with what the coordinator receives and what it counts itself.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class SizeDocumentsTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task SizeDocumentsAsync_AcrossPartitions_SameAsStageCount_CoordinatorReadsNoFingerprints()
    {
        var (client, stored, common) = await SetUpAsync("sizes-at-partitions", seed: 41);
        var expected = stored.Select(s => Size(s, common)).ToArray();
        Assert.Contains(stored, s => Size(s, common) < s.Fingerprints.Length); // the set cuts some sizes

        var listed = new List<int>();
        int[] actual;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            actual = await client.SizeDocumentsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], common,
                i => { listed.Add(i); return -2; }, CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Equal(expected, actual);
        Assert.Empty(listed); // nothing changed since the "listing": the coordinator counted no document itself

        // What the coordinator received: a size a document, not the fingerprints a count here would read.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long received = calls.Sum(c => c.Result is null ? 0L : serializer.SerializeToArray(c.Result).Length);
        long fingerprintBytes = stored.Sum(s => 4L * s.Fingerprints.Length);
        Assert.All(calls, c => Assert.Equal(nameof(IDocumentPartitionGrain.Sizes), c.Method));
        Assert.Equal(client.Partitions, calls.Count);
        // Orleans writes an int[] element by element, up to 5 bytes each (a varint).
        Assert.True(received <= 5L * stored.Length + 64L * calls.Count, $"received {received:N0} B for {stored.Length} sizes");
        Assert.True(received * 20 < fingerprintBytes, $"received {received:N0} B; the fingerprints are {fingerprintBytes:N0} B");
    }

    [Fact]
    public async Task SizeDocumentsAsync_ChangedAndRemovedSinceListing_TheirPartitionsSizedFromListing()
    {
        var (client, stored, common) = await SetUpAsync("sizes-changed", seed: 42);
        // Two documents of one partition: the other partitions still size theirs.
        int removed = 7;
        int changed = Enumerable.Range(removed + 1, stored.Length - removed - 1)
            .First(i => PartitionMap.OfDocument(stored[i].Id, client.Partitions) == PartitionMap.OfDocument(stored[removed].Id, client.Partitions));
        Assert.True(await client.RemoveAsync(stored[removed].Id));
        Assert.True(await client.RemoveAsync(stored[changed].Id));
        await client.AddAsync(stored[changed].Id, "another text under the same id, which the listing did not see at all");

        var listed = new List<int>();
        var actual = await client.SizeDocumentsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], common,
            i => { listed.Add(i); return Size(stored[i], common); }, CancellationToken.None);
        // Their partition no longer holds what was listed of it: its documents are sized from the listing, the others' there.
        int touched = PartitionMap.OfDocument(stored[removed].Id, client.Partitions);
        Assert.Equal(Enumerable.Range(0, stored.Length).Where(i => PartitionMap.OfDocument(stored[i].Id, client.Partitions) == touched), listed);
        Assert.True(listed.Count < stored.Length / 2, $"{listed.Count} of {stored.Length} sized from the listing");
        Assert.Equal(stored.Select(s => Size(s, common)), actual);
    }

    [Fact]
    public async Task SizeDocumentsAsync_AddedBetweenListedOnes_SentAgainByIds_NoneFromListing()
    {
        var (client, stored, common) = await SetUpAsync("sizes-added", seed: 43);
        // New ids that sort among the listed ones, in every partition: each chunk's place moves, its documents do not.
        var added = Enumerable.Range(0, 30).Select(k => new Clustering.DocumentInput($"{stored[k * 11].Id}-later", $"a text added after the listing, number {k}"));
        await client.AddRangeAsync([.. added]);

        var listed = new List<int>();
        int[] actual;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            actual = await client.SizeDocumentsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], common,
                i => { listed.Add(i); return Size(stored[i], common); }, CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Empty(listed);
        Assert.Equal(stored.Select(s => Size(s, common)), actual);
        // Each partition answered nothing by place, then the sizes by id.
        Assert.Equal(2 * client.Partitions, calls.Count(c => c.Method == nameof(IDocumentPartitionGrain.Sizes)));
    }

    /// <summary>
    /// 400 generated documents (templates among them) in an index of 3 partitions, read back in ordinal order of id, and
    /// a boilerplate set: every fingerprint four documents or more hold.
    /// </summary>
    private async Task<(NearDupClusterClient Client, StoredSketch[] Stored, uint[] Common)> SetUpAsync(string index, ulong seed)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 3);
        await client.AddRangeAsync(TestCorpus.Documents(400, seed, strongCopies: true));
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions);
        var held = stored.SelectMany(s => s.Fingerprints.Distinct()).CountBy(f => f).Where(c => c.Value >= 4).Select(c => c.Key).Order().ToArray();
        return (client, [.. stored], held);
    }

    /// <summary>The fingerprints of <paramref name="sketch"/> not in <paramref name="common"/>, by a plain scan.</summary>
    private static int Size(StoredSketch sketch, uint[] common) => sketch.Fingerprints.Count(f => Array.BinarySearch(common, f) < 0);
}
