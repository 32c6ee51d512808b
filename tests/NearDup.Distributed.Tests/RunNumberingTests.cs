using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's key partitions send their runs' rows as numbers in the run's listing (<see cref="RunNumbering"/>): the
/// numbered runs are the runs by id, a document partition changed since the listing gets its rows sent by id, and
/// rows of documents the run did not list are left out.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class RunNumberingTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task Runs_NothingChangedSinceListing_EveryRowNumbered_SameRunsAsById()
    {
        var (client, _, ids, numbering, documentOf) = await SetUpAsync("runs-numbered", seed: 51);
        var byId = await RunsAsync(client, WithWrongDigests(numbering));
        var numbered = await RunsAsync(client, numbering);
        Assert.All(byId, run => Assert.Null(run.Numbers)); // a listing no partition holds: every row by id
        Assert.NotEmpty(numbered);
        Assert.All(numbered, run => Assert.All(Enumerable.Range(0, run.Ids.Length), k => Assert.True(run.NumberOf(k) >= 0)));
        Assert.Equal(Named(byId, ids, documentOf), Named(numbered, ids, documentOf));
    }

    [Fact]
    public async Task Runs_CopiesAddedAfterListing_UnlistedRowsLeftOut_ChangedPartitionById()
    {
        var (client, documents, ids, numbering, documentOf) = await SetUpAsync("runs-added", seed: 52);
        var before = Named(await RunsAsync(client, numbering), ids, documentOf);
        // Copies of a listed document: one whose id sorts among the listed ids of its partition (that partition's
        // numbers no longer hold), one whose id sorts after every listed id of another partition (numbers there hold).
        string among = ids[0] + "-copy", after = "\uffff-copy";
        int changed = PartitionMap.OfDocument(among, client.Partitions);
        while (PartitionMap.OfDocument(after, client.Partitions) == changed)
        {
            after += "x";
        }
        string text = documents.First(d => d.Id == ids[5]).Text!;
        await client.AddAsync(after, text);
        await client.AddAsync(among, text);

        var runs = await RunsAsync(client, numbering);
        foreach (var run in runs)
        {
            for (int k = 0; k < run.Ids.Length; k++)
            {
                // Rows by id are exactly those of the changed partition; the copy sorting last was left out by its
                // partition's numbers, the one among the listed ids comes by id (the coordinator drops it).
                Assert.Equal(run.NumberOf(k) < 0, PartitionMap.OfDocument(run.NumberOf(k) < 0 ? run.Ids[k] : ids[documentOf[run.NumberOf(k)]], client.Partitions) == changed);
                Assert.NotEqual(after, run.Ids[k]);
            }
        }
        Assert.Contains(runs, run => run.Ids.Contains(among));
        // Without the unlisted copy's rows, the runs are the listing's.
        var listed = Named(runs, ids, documentOf).Select(r => r with { Ids = [.. r.Ids.Where(id => id != among)] }).Where(r => r.Ids.Length > 1);
        Assert.Equal(before, listed);
    }

    [Fact]
    public async Task ListedRanks_PlacesInListing_UnlistedMinusOne_ChangedPartitionNone()
    {
        var (client, _, ids, numbering, _) = await SetUpAsync("ranks", seed: 53);
        int p = PartitionMap.OfDocument(ids[0], client.Partitions);
        var listed = ids.Where(id => PartitionMap.OfDocument(id, client.Partitions) == p).ToArray();
        var partition = fixture.Cluster.Client.GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey(client.IndexName, PartitionKind.Document, p));
        var request = new ListedRankRequest(numbering.Counts[p], numbering.Lasts[p], numbering.Digests[p], [listed[3], listed[0], "never stored", listed[^1]]);
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
        Assert.Empty(await partition.ListedRanks(request));
    }

    /// <summary>400 generated documents with copies in 3 partitions, the listing of all of them and its numbering.</summary>
    private async Task<(NearDupClusterClient Client, List<Clustering.DocumentInput> Documents, string[] Ids, RunNumbering Numbering, int[] DocumentOf)> SetUpAsync(
        string index, ulong seed)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 3);
        var documents = TestCorpus.Documents(400, seed, strongCopies: true);
        await client.AddRangeAsync(documents);
        var stored = (await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions)).OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
        string[] ids = [.. stored.Select(s => s.Id)];
        var (numbering, documentOf) = RunNumbering.Of(index, client.Partitions, ids, [.. stored.Select(s => s.ContentHash)]);
        return (client, documents, ids, numbering, documentOf);
    }

    private static RunNumbering WithWrongDigests(RunNumbering numbering) => numbering with { Digests = [.. numbering.Digests.Select(d => ~d)] };

    private async Task<KeyRun[]> RunsAsync(NearDupClusterClient client, RunNumbering numbering)
    {
        var pages = await Task.WhenAll(Enumerable.Range(0, client.Partitions).Select(p =>
            fixture.Cluster.Client.GetGrain<IKeyPartitionGrain>(PartitionMap.GrainKey(client.IndexName, PartitionKind.Band, p)).Runs(numbering)));
        return [.. pages.SelectMany(page => page.Unpack())];
    }

    /// <summary>Each run as its table and ids, numbered rows named by the listing, in a fixed order.</summary>
    private static List<NamedRun> Named(IEnumerable<KeyRun> runs, string[] ids, int[] documentOf) =>
        [.. runs.Select(run => new NamedRun(run.Table, [.. Enumerable.Range(0, run.Ids.Length).Select(k => run.NumberOf(k) >= 0 ? ids[documentOf[run.NumberOf(k)]] : run.Ids[k])]))
            .OrderBy(r => r.Table).ThenBy(r => string.Join('\n', r.Ids), StringComparer.Ordinal)];

    private sealed record NamedRun(uint Table, string[] Ids)
    {
        public bool Equals(NamedRun? other) => other is not null && Table == other.Table && Ids.SequenceEqual(other.Ids);

        public override int GetHashCode() => HashCode.Combine(Table, Ids.Length);
    }
}
