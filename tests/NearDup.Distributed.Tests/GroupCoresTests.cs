using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's group cores and representatives computed at the document partitions
/// (<see cref="NearDupClusterClient.CoreGroupsAsync"/>): each group at the partition of its first member, the others'
/// sketches fetched, against a brute quorum count and the stage run once over every stored sketch, with what the
/// coordinator receives and what it computes itself.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class GroupCoresTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task CoreGroupsAsync_GroupsAcrossPartitions_SameAsStage_CoordinatorComputesNone()
    {
        var (client, stored, starts, members) = await SetUpAsync("group-cores", seed: 51);
        var (expectedReps, expectedCores) = ByTheStageAtOnce(stored, starts);

        var listed = new List<int>();
        (int[] Representatives, uint[]?[] Cores) actual;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            actual = await client.CoreGroupsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], starts, members,
                i => stored[i].Fingerprints, some => { listed.AddRange(some); return ([], []); }, CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Empty(listed); // nothing changed since the "listing": the coordinator computed no group itself
        Assert.Equal(expectedReps, actual.Representatives);
        for (int g = 0; g + 1 < starts.Length; g++)
        {
            Assert.Equal(starts[g + 1] - starts[g] == 1 ? null : BruteCore(stored, starts, g), actual.Cores[g]);
            Assert.Equal(expectedCores[g], actual.Cores[g]);
        }
        // Not every representative is the first member: the stage's rules were applied, not skipped.
        Assert.Contains(Enumerable.Range(0, starts.Length - 1), g => actual.Representatives[g] != starts[g]);

        // What the coordinator received: a representative and a core a group of several, relative to the
        // representative's fingerprints (at most a bit each more than the core packed whole), no sketch, and fewer bytes
        // than the members' fingerprints a computation here would read.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long received = calls.Sum(c => c.Result is null ? 0L : serializer.SerializeToArray(c.Result).Length);
        var several = Enumerable.Range(0, starts.Length - 1).Where(g => starts[g + 1] - starts[g] >= 2).ToArray();
        long coreBytes = several.Sum(g => PackedFingerprints.Pack(actual.Cores[g]).Length + stored[actual.Representatives[g]].Fingerprints.Length / 8L);
        long memberBytes = several.Sum(g => Enumerable.Range(starts[g], starts[g + 1] - starts[g]).Sum(m => 4L * stored[m].Fingerprints.Length));
        Assert.All(calls, c => Assert.Equal(nameof(IDocumentPartitionGrain.Cores), c.Method));
        Assert.True(received <= coreBytes + 16L * several.Length + 64L * calls.Count, $"received {received:N0} B; the packed cores and a bit a representative's fingerprint are {coreBytes:N0} B");
        Assert.True(received * 2 < memberBytes, $"received {received:N0} B; the members' fingerprints are {memberBytes:N0} B");
    }

    [Fact]
    public async Task CoreGroupsAsync_MembersChangedAndRemovedSinceListing_OnlyTheirGroupsFromListing()
    {
        var (client, stored, starts, members) = await SetUpAsync("group-cores-changed", seed: 52);
        var (expectedReps, expectedCores) = ByTheStageAtOnce(stored, starts);
        // A group of three loses a member, and a group of four has one changed under the same id.
        int removedFrom = Enumerable.Range(0, starts.Length - 1).First(g => starts[g + 1] - starts[g] == 3);
        int changedIn = Enumerable.Range(0, starts.Length - 1).First(g => starts[g + 1] - starts[g] == 4);
        Assert.True(await client.RemoveAsync(stored[starts[removedFrom] + 1].Id));
        Assert.True(await client.RemoveAsync(stored[starts[changedIn] + 3].Id));
        await client.AddAsync(stored[starts[changedIn] + 3].Id, "another text under the same id, which the listing did not see at all");

        var listed = new List<int>();
        var actual = await client.CoreGroupsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], starts, members,
            i => stored[i].Fingerprints, some =>
            {
                listed.AddRange(some);
                return ([.. some.Select(g => expectedReps[g])], [.. some.Select(g => expectedCores[g]!)]);
            }, CancellationToken.None);
        Assert.Equal(new[] { removedFrom, changedIn }.Order(), listed.Order());
        Assert.Equal(expectedReps, actual.Representatives);
        Assert.Equal(expectedCores, actual.Cores);
    }

    private static GroupCoreRequest Request(StoredSketch[] stored, int[] starts) =>
        new("unused", 1, starts, [.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)]);

    /// <summary>
    /// 600 generated documents (copies among them) in an index of 4 partitions, read back in ordinal order of id, and
    /// groups of 1, 2, 3 and 4 consecutive documents in turn, so that groups span partitions.
    /// </summary>
    private async Task<(NearDupClusterClient Client, StoredSketch[] Stored, int[] Starts, int[] Members)> SetUpAsync(string index, ulong seed)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 4);
        await client.AddRangeAsync(TestCorpus.Documents(600, seed, strongCopies: true));
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions);
        var starts = StoredSketches.GroupsInTurn(stored.Length, 4);
        return (client, [.. stored], starts, [.. Enumerable.Range(0, stored.Length)]);
    }

    /// <summary>The stage over every stored sketch in one table, all groups in one call: what the coordinator would compute.</summary>
    private static (int[] Representatives, uint[]?[] Cores) ByTheStageAtOnce(StoredSketch[] stored, int[] starts)
    {
        var answer = PartitionGroupCores.Compute(Request(stored, starts), stored.ToDictionary(s => s.Id, StringComparer.Ordinal));
        var reps = Enumerable.Range(0, starts.Length - 1).Select(g => starts[g] + answer.Representatives[g]).ToArray();
        var cores = Enumerable.Range(0, starts.Length - 1).Select(g => starts[g + 1] - starts[g] == 1 ? null
            : RelativeCore.Decode(stored[reps[g]].Fingerprints, answer.Kept[g], answer.Added[g])).ToArray();
        return (reps, cores);
    }

    /// <summary>The fingerprints at least half a group's members (and two) hold, or either member of a pair, by counting.</summary>
    private static uint[] BruteCore(StoredSketch[] stored, int[] starts, int g)
    {
        int size = starts[g + 1] - starts[g];
        int quorum = size == 2 ? 1 : Math.Max(2, (size + 1) / 2);
        return [.. Enumerable.Range(starts[g], size).SelectMany(m => stored[m].Fingerprints.Distinct()).CountBy(f => f)
            .Where(c => c.Value >= quorum).Select(c => c.Key).Order()];
    }
}
