using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's document partitions number their listed documents for the key partitions (<see cref="RunNumbering"/>,
/// <see cref="IDocumentPartitionGrain.ListedRanks"/>); the pairing by those numbers is <c>CandidatePairingTests</c>'.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class RunNumberingTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task ListedRanks_PlacesInListing_UnlistedMinusOne_ChangedPartitionNone_CheckedOncePerRun()
    {
        var (client, _, stored, numbering, _) = await SetUpAsync(fixture, "ranks", seed: 53);
        string[] ids = [.. stored.Select(s => s.Id)];
        int p = PartitionMap.OfDocument(ids[0], client.Partitions);
        var listed = ids.Where(id => PartitionMap.OfDocument(id, client.Partitions) == p).ToArray();
        var partition = fixture.Cluster.Client.GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey(client.IndexName, PartitionKind.Document, p));
        var request = new ListedRankRequest(numbering.Counts[p], numbering.Lasts[p], numbering.Digests[p], [listed[3], listed[0], "never stored", listed[^1]], "run 1");
        int[] ranks = await partition.ListedRanks(request);
        Assert.Equal([3, 0, -1, listed.Length - 1], ranks);

        string late = "\uffff" + string.Concat(Enumerable.Repeat("later", 3));
        while (PartitionMap.OfDocument(late, client.Partitions) != p)
        {
            late += "x";
        }
        await client.AddAsync(late, "a document added after the listing, sorting after every listed one");
        ranks = await partition.ListedRanks(request with { Ids = [listed[3], late] });
        Assert.Equal([3, -1], ranks);

        Assert.True(await client.RemoveAsync(listed[1]));
        Assert.Empty(await partition.ListedRanks(request with { Run = "run 2" }));
        // The listing is checked once per run: run 1 checked it before the removal, until the run is dropped.
        Assert.Equal([3, 0, -1, listed.Length - 1], await partition.ListedRanks(request));
        await partition.DropRun("run 1");
        Assert.Empty(await partition.ListedRanks(request));
        await partition.DropRun("run 2");
    }

    /// <summary>400 generated documents with copies in 3 partitions, their stored sketches in ordinal order of id (the run's document numbers), and the numbering of a listing of all of them.</summary>
    internal static async Task<(NearDupClusterClient Client, List<Clustering.DocumentInput> Documents, StoredSketch[] Stored, RunNumbering Numbering, int[] DocumentOf)> SetUpAsync(
        OrleansClusterFixture fixture, string index, ulong seed)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 3);
        var documents = TestCorpus.Documents(400, seed, strongCopies: true);
        await client.AddRangeAsync(documents);
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions);
        var (numbering, documentOf) = RunNumbering.Of(index, client.Partitions, [.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)]);
        return (client, documents, stored, numbering, documentOf);
    }
}
