using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's group cores and representatives computed at the document partitions
/// (<see cref="NearDupClusterClient.CoreGroupsAsync"/>): each group at the partition of its first member, the others'
/// sketches fetched, against the stage run once over every stored sketch, with what the coordinator receives: the
/// representatives only (the cores stay at the partitions; <c>AnchorPairingTests</c> checks the anchors they post
/// against cores counted by brute force).
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class GroupCoresTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task CoreGroupsAsync_GroupsAcrossPartitions_SameAsStage_CoordinatorReceivesRepresentativesOnly()
    {
        var (client, stored, starts, members) = await SetUpAsync("group-cores", seed: 51);
        var expectedReps = ByTheStageAtOnce(stored, starts);

        var listed = new List<int>();
        int[] actual;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            actual = await client.CoreGroupsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], starts, members,
                listed.AddRange, CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Empty(listed); // nothing changed since the "listing": every group computed at the partitions
        Assert.Equal(expectedReps, actual);
        // Not every representative is the first member: the stage's rules were applied, not skipped.
        Assert.Contains(Enumerable.Range(0, starts.Length - 1), g => actual[g] != starts[g]);

        // What the coordinator received: a representative a group of several (an int each and the call's framing), no core.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long received = calls.Sum(c => c.Result is null ? 0L : serializer.SerializeToArray(c.Result).Length);
        int several = Enumerable.Range(0, starts.Length - 1).Count(g => starts[g + 1] - starts[g] >= 2);
        Assert.All(calls, c => Assert.Equal(nameof(IDocumentPartitionGrain.Cores), c.Method));
        Assert.True(received <= 5L * several + 64L * calls.Count, $"received {received:N0} B for {several} groups of several in {calls.Count} calls");
    }

    [Fact]
    public async Task CoreGroupsAsync_MembersChangedAndRemovedSinceListing_OnlyTheirGroupsNamed()
    {
        var (client, stored, starts, members) = await SetUpAsync("group-cores-changed", seed: 52);
        var expectedReps = ByTheStageAtOnce(stored, starts);
        // A group of three loses a member, and a group of four has one changed under the same id.
        int removedFrom = Enumerable.Range(0, starts.Length - 1).First(g => starts[g + 1] - starts[g] == 3);
        int changedIn = Enumerable.Range(0, starts.Length - 1).First(g => starts[g + 1] - starts[g] == 4);
        Assert.True(await client.RemoveAsync(stored[starts[removedFrom] + 1].Id));
        Assert.True(await client.RemoveAsync(stored[starts[changedIn] + 3].Id));
        await client.AddAsync(stored[starts[changedIn] + 3].Id, "another text under the same id, which the listing did not see at all");

        var listed = new List<int>();
        var actual = await client.CoreGroupsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], starts, members,
            listed.AddRange, CancellationToken.None);
        Assert.Equal(new[] { removedFrom, changedIn }.Order(), listed.Order());
        var others = Enumerable.Range(0, starts.Length - 1).Where(g => g != removedFrom && g != changedIn).ToArray();
        Assert.Equal(others.Select(g => expectedReps[g]), others.Select(g => actual[g]));
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
    private static int[] ByTheStageAtOnce(StoredSketch[] stored, int[] starts)
    {
        var answer = PartitionGroupCores.Compute(Request(stored, starts), stored.ToDictionary(s => s.Id, StringComparer.Ordinal));
        return [.. Enumerable.Range(0, starts.Length - 1).Select(g => starts[g] + answer.Representatives[g])];
    }
}
