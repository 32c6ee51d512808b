using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

[Collection(OrleansCollection.Name)]
public sealed class DistributedIndexTests(OrleansClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task Add_SplitsDocumentsAndKeysOverPartitions()
    {
        var docs = TestCorpus.Documents(600, seed: 3, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(Grains, "split", partitions: 8);
        Assert.Equal(600, await client.AddRangeAsync(docs));
        Assert.Equal(600, await client.CountAsync());

        var documentStats = await client.StatsAsync(PartitionKind.Document);
        Assert.All(documentStats, s => Assert.InRange(s.Rows, 40, 110));
        for (int p = 0; p < client.Partitions; p++)
        {
            var ids = await Grains.GetGrain<Grains.IDocumentPartitionGrain>(PartitionMap.GrainKey("split", PartitionKind.Document, p)).Ids();
            Assert.All(ids, id => Assert.Equal(p, PartitionMap.OfDocument(id, client.Partitions)));
        }
        int bands = new DuplicateDetector().LshParameters.Bands;
        var bandStats = await client.StatsAsync(PartitionKind.Band);
        Assert.Equal(600 * bands, bandStats.Sum(s => s.Rows));
        Assert.All(bandStats, s => Assert.True(s.Rows < 600 * bands / 4, "no band partition holds a large share of the keys"));
        var simHashStats = await client.StatsAsync(PartitionKind.SimHash);
        Assert.Equal(600 * (client.Options.SimHashMaxDistance + 1), simHashStats.Sum(s => s.Rows));
    }

    [Fact]
    public async Task Merge_FoldsTailsIntoSegments_AnswersUnchanged()
    {
        var docs = TestCorpus.Documents(400, seed: 4, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(Grains, "merge", partitions: 3);
        await client.AddRangeAsync(docs);
        var before = await client.QueryAsync(docs[5].Text!);
        // A merge an add made due runs in the partition's next turn, after the add is acknowledged; well before the 30 s
        // timer of a quiet partition.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await client.StatsAsync(PartitionKind.Band)).Any(s => s.Merges > 0))
        {
            Assert.True(DateTime.UtcNow < deadline, "no band partition merged its tail after the add");
            await Task.Delay(50);
        }
        await client.MergeAsync();
        foreach (var kind in Enum.GetValues<PartitionKind>())
        {
            Assert.All(await client.StatsAsync(kind), s => Assert.Equal((0, 0, s.Rows), (s.TailRows, s.RemovedRows, s.SegmentRows)));
        }
        Assert.Equal(before, await client.QueryAsync(docs[5].Text!));
        Assert.Contains(before, m => m.Id == docs[5].Id && m.Role == CopyRole.Exact);
    }

    [Fact]
    public async Task Remove_TakesDocumentAndKeysOut()
    {
        var docs = TestCorpus.Documents(300, seed: 5, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(Grains, "remove", partitions: 4);
        await client.AddRangeAsync(docs);
        var rowsBefore = await KeyRows(client);
        var gone = docs[10];
        Assert.True(await client.RemoveAsync(gone.Id));
        Assert.False(await client.RemoveAsync(gone.Id));
        Assert.False(await client.ContainsAsync(gone.Id));
        Assert.Equal(299, await client.CountAsync());
        Assert.DoesNotContain(await client.QueryAsync(gone.Text!), m => m.Id == gone.Id);
        var rowsAfter = await KeyRows(client);
        int bands = new DuplicateDetector().LshParameters.Bands;
        Assert.Equal(rowsBefore.Band - bands, rowsAfter.Band);
        Assert.Equal(rowsBefore.SimHash - (client.Options.SimHashMaxDistance + 1), rowsAfter.SimHash);
        Assert.True(rowsAfter.Anchor < rowsBefore.Anchor);

        await client.AddAsync(gone.Id, gone.Text!, gone.Date);
        Assert.Contains(await client.QueryAsync(gone.Text!), m => m.Id == gone.Id && m.Role == CopyRole.Exact);
        Assert.Equal(rowsBefore, await KeyRows(client));
    }

    [Fact]
    public async Task Add_TakenIdOtherText_Refused_SameDocumentRetried_Accepted()
    {
        var client = await NearDupClusterClient.CreateAsync(Grains, "ids", partitions: 2);
        await client.AddAsync("a", "the first text of this test has enough words to make shingles of five words");
        await client.AddAsync("a", "the first text of this test has enough words to make shingles of five words");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.AddAsync("a", "another text"));
        Assert.Contains("Another document with id 'a' is in index 'ids'", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => client.AddAsync("", "text"));
        Assert.Equal(1, await client.CountAsync());
    }

    [Fact]
    public async Task Open_OtherOptionsOrPartitions_Refused()
    {
        await NearDupClusterClient.CreateAsync(Grains, "fixed", partitions: 2);
        var partitions = await Assert.ThrowsAsync<InvalidOperationException>(() => NearDupClusterClient.CreateAsync(Grains, "fixed", partitions: 3));
        Assert.Contains("exists with 2 partitions, not 3", partitions.Message);
        var options = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            NearDupClusterClient.OpenAsync(Grains, "fixed", NearDupOptions.Default with { MinSharedShingles = 9 }));
        Assert.Contains("was created with other options", options.Message);
        var opened = await NearDupClusterClient.OpenAsync(Grains, "fixed", NearDupOptions.Default with { MaxDegreeOfParallelism = 1 });
        Assert.Equal(2, opened.Partitions);
        await Assert.ThrowsAsync<InvalidOperationException>(() => NearDupClusterClient.OpenAsync(Grains, "never-created"));
    }

    [Fact]
    public async Task Query_ScoredWithTheIndexOptionsFromItsManifest()
    {
        // Only a text nearly all inside another verifies under these options: half of a stored text followed by as much
        // of another story matches it in an index of the defaults, not in this one, whose options the partitions read
        // from the manifest (queries do not carry them).
        var strict = NearDupOptions.Default with { MinContainment = 0.9, MinSharedShingles = 100_000, PassageShingles = 100_000 };
        var docs = TestCorpus.Documents(60, seed: 11, strongCopies: false);
        var strictClient = await NearDupClusterClient.CreateAsync(Grains, "strict-options", partitions: 3, strict);
        var defaultClient = await NearDupClusterClient.CreateAsync(Grains, "default-options", partitions: 3);
        await strictClient.AddRangeAsync(docs);
        await defaultClient.AddRangeAsync(docs);
        string text = docs[7].Text!, other = TestCorpus.Documents(1, seed: 99, strongCopies: false)[0].Text!;
        string halfAndOther = text[..(text.Length / 2)] + " " + other;

        Assert.Contains(await defaultClient.QueryAsync(halfAndOther), m => m.Id == docs[7].Id);
        Assert.DoesNotContain(await strictClient.QueryAsync(halfAndOther), m => m.Id == docs[7].Id);
        Assert.Contains(await strictClient.QueryAsync(text), m => m.Id == docs[7].Id && m.Role == CopyRole.Exact);
    }

    [Fact]
    public async Task Open_ManifestWithoutOptionsJson_FilledIn_QueriesAnswered()
    {
        // A manifest stored before it kept the options' JSON: the first client to open the index fills it in, once.
        var current = NearDupClusterClient.ManifestOf(2, NearDupOptions.Default);
        var manifest = Grains.GetGrain<Grains.IIndexManifestGrain>("older-manifest");
        await manifest.Create(current with { OptionsJson = null });
        Assert.Null((await manifest.Get())!.OptionsJson);

        var client = await NearDupClusterClient.OpenAsync(Grains, "older-manifest");
        Assert.Equal(current.OptionsJson, (await manifest.Get())!.OptionsJson);
        var docs = TestCorpus.Documents(40, seed: 12, strongCopies: false);
        await client.AddRangeAsync(docs);
        Assert.Contains(await client.QueryAsync(docs[3].Text!), m => m.Id == docs[3].Id && m.Role == CopyRole.Exact);
        var other = await manifest.Create(current with { OptionsJson = "{}" });
        Assert.Equal(current.OptionsJson, other.OptionsJson);
    }

    private static async Task<(long Band, long SimHash, long Anchor)> KeyRows(NearDupClusterClient client)
    {
        async Task<long> Rows(PartitionKind kind) => (await client.StatsAsync(kind)).Sum(s => (long)s.Rows);
        return (await Rows(PartitionKind.Band), await Rows(PartitionKind.SimHash), await Rows(PartitionKind.Anchor));
    }
}
