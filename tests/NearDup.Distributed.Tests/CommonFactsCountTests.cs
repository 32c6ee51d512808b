using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's common facts counted at the partitions (<see cref="NearDupClusterClient.CountCommonFactsAsync"/>): each
/// representative's facts sent by its document partition to the count range of each word, against a brute count over
/// the stored facts, with what the coordinator receives and what it counts itself.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class CommonFactsCountTests(OrleansClusterFixture fixture)
{
    private const int Threshold = 3;

    [Fact]
    public async Task CountCommonFactsAsync_AcrossPartitions_SameAsBruteCount_CoordinatorReadsNoFacts()
    {
        var (client, stored, isRep) = await SetUpAsync("common-facts", seed: 61);
        var expected = BruteCount(stored, isRep);
        Assert.NotEmpty(expected);
        // Only representatives count: counting every document would find more.
        Assert.NotEqual(expected, BruteCount(stored, [.. stored.Select(_ => true)]));

        var listed = new List<int>();
        uint[] actual;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            actual = await client.CountCommonFactsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], isRep, Threshold,
                i => { listed.Add(i); return []; }, CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Equal(expected, actual);
        Assert.Empty(listed); // nothing changed since the "listing": the coordinator read no document's facts

        // What the coordinator received: the common words and a flag a chunk, not the facts a count here would read.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long received = calls.Sum(c => c.Result is null ? 0L : serializer.SerializeToArray(c.Result).Length);
        long factBytes = stored.Where((s, i) => isRep[i]).Sum(s => 4L * s.Facts.Length);
        Assert.DoesNotContain(calls, c => c.Result is SketchPage or StoredSketch[]);
        Assert.Contains(calls, c => c.Method == nameof(IDocumentPartitionGrain.CountFacts));
        Assert.True(received <= 5L * expected.Length + 64L * calls.Count, $"received {received:N0} B for {expected.Length} common words in {calls.Count} calls");
        Assert.True(received * 5 < factBytes, $"received {received:N0} B; the representatives' facts are {factBytes:N0} B");
    }

    [Fact]
    public async Task CountCommonFactsAsync_ChangedAndRemovedSinceListing_TheirPartitionCountedFromListing()
    {
        var (client, stored, isRep) = await SetUpAsync("common-facts-changed", seed: 62);
        var expected = BruteCount(stored, isRep);
        int removed = 5;
        int touched = PartitionMap.OfDocument(stored[removed].Id, client.Partitions);
        int changed = Enumerable.Range(removed + 1, stored.Length - removed - 1).First(i => PartitionMap.OfDocument(stored[i].Id, client.Partitions) == touched);
        Assert.True(await client.RemoveAsync(stored[removed].Id));
        Assert.True(await client.RemoveAsync(stored[changed].Id));
        await client.AddAsync(stored[changed].Id, "another text under the same id, with other names: Oslo, Kyoto, 1,234 tonnes");

        var listed = new List<int>();
        var actual = await client.CountCommonFactsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], isRep, Threshold,
            i => { listed.Add(i); return Words(stored[i]); }, CancellationToken.None);
        // That partition's representatives are counted from the listing, the others' where they are stored.
        Assert.Equal(Enumerable.Range(0, stored.Length).Where(i => isRep[i] && PartitionMap.OfDocument(stored[i].Id, client.Partitions) == touched), listed);
        Assert.Equal(expected, actual);
    }

    /// <summary>400 generated documents in an index of 3 partitions, read back in ordinal order of id; two in three are representatives.</summary>
    private async Task<(NearDupClusterClient Client, StoredSketch[] Stored, bool[] IsRep)> SetUpAsync(string index, ulong seed)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 3);
        await client.AddRangeAsync(TestCorpus.Documents(400, seed, strongCopies: true));
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions);
        return (client, [.. stored], [.. Enumerable.Range(0, stored.Length).Select(i => i % 3 != 1)]);
    }

    private static uint[] Words(StoredSketch sketch) => [.. sketch.Facts.Select(f => f & ~1u)];

    /// <summary>The words reported <see cref="Threshold"/> times or more by the representatives, every occurrence counted.</summary>
    private static uint[] BruteCount(StoredSketch[] stored, bool[] isRep) =>
        [.. stored.Where((s, i) => isRep[i]).SelectMany(Words).CountBy(w => w).Where(c => c.Value >= Threshold).Select(c => c.Key).Order()];
}
