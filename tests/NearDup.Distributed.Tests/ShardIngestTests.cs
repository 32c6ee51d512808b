using System.Collections.Concurrent;
using NearDup.Clustering;
using static NearDup.Distributed.Tests.ClusterEqualityTests;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Silo-side ingest (<see cref="NearDupClusterClient.AddShardsAsync"/>) over three in-process silos: shards of JSONL
/// written here, read, sketched and added at the silos, against the same documents added by the client.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class ShardIngestTests(OrleansClusterFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neardup-shards-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AddShardsAsync_SameIndexAsClientSideAdd_AndAgainAddsNothing()
    {
        var docs = TestCorpus.Documents(1500, seed: 31, strongCopies: true);
        string path = Path.Combine(_dir, "docs.jsonl");
        long[] starts = JsonLinesTestReader.Write(path, docs.Take(1200));
        // Five byte ranges at line ends, and a second file whole.
        IngestShard[] shards = [.. Enumerable.Range(0, 5).Select(k => new IngestShard(path, starts[k * 240], starts[(k + 1) * 240])),
            new IngestShard(WriteFile("rest.jsonl", docs.Skip(1200)))];

        var atSilos = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "shards-silos", partitions: 5);
        var results = await atSilos.AddShardsAsync(shards);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal([240, 240, 240, 240, 240, 300], results.Select(r => r.Added));
        Assert.Equal(3, results.Select(r => r.Silo).Distinct().Count());
        var byClient = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "shards-client", partitions: 5);
        await byClient.AddRangeAsync(docs);

        var expected = SingleMachine(docs, includePairs: true);
        Assert.Equal(Json(expected.Clusters), Json((await atSilos.ClusterAsync(includePairs: true)).Clusters));
        Assert.Equal(Json(expected.Pairs), Json((await atSilos.ClusterAsync(includePairs: true)).Pairs));
        // Both after a batch run, whose boilerplate and clusters the answers read.
        await byClient.ClusterAsync();
        foreach (string query in TestCorpus.Queries(docs, each: 20))
        {
            Assert.Equal(await byClient.QueryAsync(query), await atSilos.QueryAsync(query));
        }

        await AssertSentAgainAddsNothing(atSilos, shards, 1500);
    }

    /// <summary>
    /// A gzip file, which cannot be cut by bytes, dealt into a stripe of its lines per silo: each stripe read at its own
    /// silo, every document added once, clustered as on one machine; sent again, nothing is added twice.
    /// </summary>
    [Fact]
    public async Task AddShardsAsync_GzipStripes_OneAtEachSilo_SameClustersAsOneMachine()
    {
        var docs = TestCorpus.Documents(1500, seed: 35, strongCopies: true);
        string path = Path.Combine(_dir, "docs.jsonl.gz");
        JsonLinesTestReader.Write(path, docs);
        var shards = IngestShard.Striped(path, 3, stripeLines: 100);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "shards-striped", partitions: 5);

        var results = await client.AddShardsAsync(shards);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal([500, 500, 500], results.Select(r => r.Added)); // 15 blocks of 100 lines, every third to each stripe
        Assert.Equal(3, results.Select(r => r.Silo).Distinct().Count());
        var expected = SingleMachine(docs, includePairs: true);
        var clustered = await client.ClusterAsync(includePairs: true);
        Assert.Equal(Json(expected.Clusters), Json(clustered.Clusters));
        Assert.Equal(Json(expected.Pairs), Json(clustered.Pairs));

        await AssertSentAgainAddsNothing(client, shards, 1500);
    }

    /// <summary>A bad line in a gzip file's stripe fails that stripe alone, naming the line in the file; the others add theirs.</summary>
    [Fact]
    public async Task AddShardsAsync_GzipStripeWithBadLine_OnlyThatStripeFails_NamingItsLine()
    {
        var docs = TestCorpus.Documents(600, seed: 36, strongCopies: false);
        string path = Path.Combine(_dir, "bad.jsonl.gz");
        JsonLinesTestReader.Write(path, docs, i => i == 249 ? "{\"id\": \"broken\", \"text\": " : null);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "shards-striped-bad", partitions: 3);

        var results = await client.AddShardsAsync(IngestShard.Striped(path, 3, stripeLines: 100));

        Assert.All(results.Take(2), r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal([200L, 200L], results.Take(2).Select(r => r.Added));
        Assert.False(results[2].Succeeded);
        Assert.StartsWith($"{path}:250: ", results[2].Error);
        Assert.Equal(400, await client.CountAsync());
        Assert.True(await client.ContainsAsync(docs[300].Id)); // line 301: stripe 0's second block
        Assert.False(await client.ContainsAsync(docs[200].Id)); // line 201: the failed stripe's
    }

    [Fact]
    public async Task AddShardsAsync_BadLine_ErrorNamesFileAndLine_OnlyAcknowledgedBatchesAdded()
    {
        var docs = TestCorpus.Documents(2600, seed: 32, strongCopies: false);
        // Line 2,500 is bad: the first batch of 2,048 is acknowledged before it is read, the second never sent.
        string path = Path.Combine(_dir, "bad.jsonl");
        JsonLinesTestReader.Write(path, docs, i => i == 2499 ? "{\"id\": \"broken\", \"text\": " : null);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "shards-bad-line", partitions: 4);
        var good = WriteFile("good.jsonl", TestCorpus.Documents(50, seed: 33, strongCopies: false).Select(d => new DocumentInput("good-" + d.Id, d.Text!, d.Date)));

        var results = await client.AddShardsAsync([new IngestShard(path), new IngestShard(good)]);

        var bad = results[0];
        Assert.False(bad.Succeeded);
        Assert.StartsWith($"{path}:2500: ", bad.Error);
        Assert.Equal((2048L, 0L), (bad.Added, bad.AlreadyPresent));
        Assert.True(results[1].Succeeded, results[1].Error);
        Assert.Equal(2048 + 50, await client.CountAsync());
        Assert.True(await client.ContainsAsync(docs[2047].Id));
        Assert.False(await client.ContainsAsync(docs[2048].Id));
    }

    [Fact]
    public async Task AddShardsAsync_UnreadablePathAndTakenIds_ErrorsNameThem()
    {
        var docs = TestCorpus.Documents(100, seed: 34, strongCopies: false);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "shards-errors", partitions: 3);
        await client.AddRangeAsync(docs.Take(10).Select(d => new DocumentInput(d.Id, d.Text + " changed", d.Date)));
        string missing = Path.Combine(_dir, "missing.jsonl");

        var results = await client.AddShardsAsync([new IngestShard(missing), new IngestShard(WriteFile("taken.jsonl", docs))]);

        Assert.Contains($"cannot read {missing}", results[0].Error);
        Assert.Contains("shared storage", results[0].Error);
        Assert.Equal((90L, 10L), (results[1].Added, results[1].Conflicts));
        Assert.Contains($"'{docs.Take(10).Select(d => d.Id).Order(StringComparer.Ordinal).First()}'", results[1].Error);
    }

    [Fact]
    public async Task AddShardsAsync_SiloFailsAfterTheShardRan_SentAgain_AlreadyPresent()
    {
        var docs = TestCorpus.Documents(300, seed: 35, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "shards-retry", partitions: 3);
        var retried = new ConcurrentBag<string>(); // retries of parallel calls are reported from several threads
        client.CallRetried += retried.Add;
        InjectedFailures.FailShardIngestsAfterRunning("shards-retry", 1);

        var result = (await client.AddShardsAsync([new IngestShard(WriteFile("retry.jsonl", docs))])).Single();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((2, 0L, 300L), (result.Attempts, result.Added, result.AlreadyPresent));
        Assert.Single(retried);
        Assert.Equal(300, await client.CountAsync());
        Assert.Equal(Json(SingleMachine(docs, includePairs: false).Clusters), Json((await client.ClusterAsync()).Clusters));
    }

    private string WriteFile(string name, IEnumerable<DocumentInput> docs)
    {
        string path = Path.Combine(_dir, name);
        JsonLinesTestReader.Write(path, docs);
        return path;
    }

    /// <summary>The same shards sent again: every one succeeds, none adds a document, and the index still holds <paramref name="count"/>.</summary>
    private static async Task AssertSentAgainAddsNothing(NearDupClusterClient client, IReadOnlyList<IngestShard> shards, int count)
    {
        var again = await client.AddShardsAsync(shards);
        Assert.All(again, r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal((0L, (long)count), (again.Sum(r => r.Added), again.Sum(r => r.AlreadyPresent)));
        Assert.Equal(count, await client.CountAsync());
    }
}
