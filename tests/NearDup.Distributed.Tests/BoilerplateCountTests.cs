using Microsoft.Extensions.DependencyInjection;
using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's boilerplate count done at the partitions (<see cref="NearDupClusterClient.CountBoilerplateAsync(string[], ulong[], int[], int[], Func{int, uint[]}, CancellationToken)"/>):
/// groups counted by the document partition of their first member, each fingerprint by its range, against a brute
/// count over the stored fingerprints, with what the coordinator receives counted.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class BoilerplateCountTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task CountBoilerplateAsync_GroupsAcrossPartitions_SameSetAsBruteCount_CoordinatorReceivesOnlyIt()
    {
        var (client, stored, starts, members) = await SetUpAsync("boilerplate-count", seed: 31);
        var expected = BruteCount(stored, starts, members, client.Options.CommonShingleDocuments);
        Assert.NotEmpty(expected);

        var listed = new List<int>();
        uint[] actual;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            actual = await client.CountBoilerplateAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], starts, members,
                g => { listed.Add(g); return Union(stored, starts, members, g); }, CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Equal(expected, actual);
        Assert.Empty(listed); // nothing changed since the "listing": every group counted at the partitions

        // What the coordinator received: the boilerplate set and the (empty) lists of groups not counted, not the
        // documents' fingerprints, which a count at the coordinator would have to read (several hundred kilobytes here).
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long received = calls.Sum(c => c.Result is null ? 0L : serializer.SerializeToArray(c.Result).Length);
        long fingerprintBytes = stored.Sum(s => 4L * s.Fingerprints.Length);
        Assert.DoesNotContain(calls, c => c.Result is SketchPage or StoredSketch[]);
        Assert.Contains(calls, c => c.Method == nameof(IDocumentPartitionGrain.CountGroups));
        // Orleans writes a uint[] element by element, up to 5 bytes each (a varint).
        Assert.True(received <= 5L * expected.Length + 64L * calls.Count,
            $"received {received:N0} B for {expected.Length} common fingerprints in {calls.Count} calls");
        Assert.True(received * 20 < fingerprintBytes, $"received {received:N0} B; the fingerprints are {fingerprintBytes:N0} B");
    }

    [Fact]
    public async Task CountBoilerplateAsync_MemberRemovedSinceListing_GroupCountedFromListing()
    {
        var (client, stored, starts, members) = await SetUpAsync("boilerplate-count-changed", seed: 32);
        var expected = BruteCount(stored, starts, members, client.Options.CommonShingleDocuments);
        // A group of three loses its last member in the index: the partition cannot count it as listed.
        int changed = Enumerable.Range(0, starts.Length - 1).First(g => starts[g + 1] - starts[g] == 3);
        Assert.True(await client.RemoveAsync(stored[members[starts[changed] + 2]].Id));

        var listed = new List<int>();
        var actual = await client.CountBoilerplateAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], starts, members,
            g => { lock (listed) { listed.Add(g); } return Union(stored, starts, members, g); }, CancellationToken.None);
        Assert.Equal([changed], listed);
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// The groups of one go as a bit each in chunks named by their place, not by id: the group calls carry the members
    /// of the groups of two or more only, every group of one is marked once, and what the coordinator sends for them is
    /// a small share of what their ids and content hashes took in a group call.
    /// </summary>
    [Fact]
    public async Task CountBoilerplateAsync_GroupsOfOne_SentByPlaceNotById()
    {
        var (client, stored, starts, members) = await SetUpAsync("boilerplate-count-singles", seed: 33);
        var expected = BruteCount(stored, starts, members, client.Options.CommonShingleDocuments);
        var singles = Enumerable.Range(0, starts.Length - 1).Where(g => starts[g + 1] - starts[g] == 1).Select(g => stored[members[starts[g]]].Id).ToHashSet();

        IReadOnlyList<(string Method, object?[] Arguments)> sent;
        uint[] actual;
        using (var log = ClientCalls.Start())
        {
            actual = await client.CountBoilerplateAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], starts, members,
                g => throw new InvalidOperationException($"group {g} counted from the listing"), CancellationToken.None);
            sent = log.Sent;
        }
        Assert.Equal(expected, actual);
        var grouped = sent.Where(c => c.Method == nameof(IDocumentPartitionGrain.CountGroups)).SelectMany(c => ((GroupCountRequest)c.Arguments[0]!).Ids).ToList();
        Assert.Equal(stored.Length - singles.Count, grouped.Count);
        Assert.DoesNotContain(grouped, singles.Contains);
        var byPlace = sent.Where(c => c.Method == nameof(IDocumentPartitionGrain.CountSingles)).Select(c => (SingleCountRequest)c.Arguments[0]!).ToList();
        Assert.Equal(client.Partitions, byPlace.Count);
        Assert.All(byPlace, r => Assert.Null(r.Ids));
        Assert.Equal(singles.Count, byPlace.Sum(r => r.Singles.Sum(b => System.Numerics.BitOperations.PopCount(b))));
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long placeBytes = byPlace.Sum(r => (long)serializer.SerializeToArray(r).Length);
        var asGroups = new GroupCountRequest(client.IndexName, client.Partitions, "run", 0, [.. Enumerable.Range(0, singles.Count + 1)],
            [.. stored.Where(s => singles.Contains(s.Id)).Select(s => s.Id)], [.. stored.Where(s => singles.Contains(s.Id)).Select(s => s.ContentHash)]);
        long idBytes = serializer.SerializeToArray(asGroups).Length;
        TestContext.Current.TestOutputHelper?.WriteLine($"{singles.Count} groups of one: {placeBytes:N0} B by place, {idBytes:N0} B by id");
        Assert.True(placeBytes * 3 < idBytes, $"{placeBytes:N0} B by place against {idBytes:N0} B by id for {singles.Count} groups of one");
    }

    /// <summary>
    /// A document added between listed ones moves the place of its partition's groups of one, which are then sent by id and
    /// counted at the partition; a group of one removed since the listing is counted from the listing, alone.
    /// </summary>
    [Fact]
    public async Task CountBoilerplateAsync_GroupsOfOneMovedOrChanged_ByIdThenFromListing()
    {
        var (client, stored, starts, members) = await SetUpAsync("boilerplate-count-singles-moved", seed: 34);
        var expected = BruteCount(stored, starts, members, client.Options.CommonShingleDocuments);
        string[] ids = [.. stored.Select(s => s.Id)];
        ulong[] content = [.. stored.Select(s => s.ContentHash)];
        // Sorts right after the first listed id, in the same partition: every chunk of that partition moves.
        string moved = Enumerable.Range(0, 1000).Select(k => ids[0] + "-" + k).First(id => PartitionMap.OfDocument(id, client.Partitions) == PartitionMap.OfDocument(ids[0], client.Partitions));
        await client.AddAsync(moved, "a document added after the listing, with words of its own that no other document has at all");
        var listed = new List<int>();
        Assert.Equal(expected, await client.CountBoilerplateAsync(ids, content, starts, members,
            g => { lock (listed) { listed.Add(g); } return Union(stored, starts, members, g); }, CancellationToken.None));
        Assert.Empty(listed);

        // The first listed document, group 0, is a group of one: it alone comes from the listing, its chunk's others by id.
        Assert.Equal(1, starts[1]);
        Assert.True(await client.RemoveAsync(ids[0]));
        Assert.Equal(expected, await client.CountBoilerplateAsync(ids, content, starts, members,
            g => { lock (listed) { listed.Add(g); } return Union(stored, starts, members, g); }, CancellationToken.None));
        Assert.Equal([0], listed);
    }

    /// <summary>
    /// 600 generated documents (templates among them) in an index of 4 partitions, read back in ordinal order of id, and
    /// groups of 1, 1, 2 and 3 consecutive documents in turn, so that groups span partitions.
    /// </summary>
    private async Task<(NearDupClusterClient Client, StoredSketch[] Stored, int[] Starts, int[] Members)> SetUpAsync(string index, ulong seed)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 4,
            NearDupOptions.Default with { CommonShingleDocuments = 4 });
        var docs = TestCorpus.Documents(600, seed, strongCopies: true);
        await client.AddRangeAsync(docs);
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions);
        var starts = new List<int> { 0 };
        int[] sizes = [1, 1, 2, 3];
        for (int at = 0, k = 0; at < stored.Length; k++)
        {
            at = Math.Min(stored.Length, at + sizes[k % sizes.Length]);
            starts.Add(at);
        }
        return (client, stored.ToArray(), starts.ToArray(), Enumerable.Range(0, stored.Length).ToArray());
    }

    private static uint[] Union(StoredSketch[] stored, int[] starts, int[] members, int g) =>
        [.. Enumerable.Range(starts[g], starts[g + 1] - starts[g]).SelectMany(m => stored[members[m]].Fingerprints).Distinct().Order()];

    /// <summary>Fingerprints in at least <paramref name="threshold"/> group unions, by a dictionary of counts.</summary>
    private static uint[] BruteCount(StoredSketch[] stored, int[] starts, int[] members, int threshold)
    {
        var groupsHolding = new Dictionary<uint, int>();
        for (int g = 0; g + 1 < starts.Length; g++)
        {
            foreach (uint fingerprint in Union(stored, starts, members, g))
            {
                groupsHolding[fingerprint] = groupsHolding.GetValueOrDefault(fingerprint) + 1;
            }
        }
        return [.. groupsHolding.Where(c => c.Value >= threshold).Select(c => c.Key).Order()];
    }
}
