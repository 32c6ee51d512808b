using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's anchor candidates paired at the anchor-key ranges (<see cref="NearDupClusterClient.AnchorCandidatesAsync"/>):
/// the anchors of the cores posted by the core calls and by the document partitions, paired by key and counted by
/// pair at the pair range of the smaller group's owner, where they stay for that partition to judge, against a brute
/// count of the anchors each two groups' cores share (a key two groups alone hold counting twice when one core is
/// short), with what the
/// coordinator receives and what it posts itself.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class AnchorPairingTests(OrleansClusterFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnchorCandidatesAsync_AcrossPartitions_SameAsBruteCount_CoordinatorPostsNone(bool lowerBound)
    {
        var (client, stored, starts) = await SetUpAsync(lowerBound ? "anchor-pairing-bound" : "anchor-pairing", seed: 71);
        var run = Guid.NewGuid().ToString("N");
        // A large corpus's bound on short cores (DistinctiveAnchors.MaxShortIn): here one under which some distinctive
        // keys still count twice and others no longer do.
        int maxShort = lowerBound ? SplittingBound(client, await CoresAsync(client, stored, starts, run: null, unlisted: null)) : MaxShort;
        var cores = await CoresAsync(client, stored, starts, run, unlisted: null, maxShort);
        var common = Boilerplate(client, cores);
        var expected = BruteCount(client, cores, common, maxShort: maxShort);
        Assert.NotEmpty(expected);
        // The boilerplate is left out: without it there are more pairs. The short groups' distinctive keys count twice:
        // without that there are fewer; and the bound decides which groups are short.
        Assert.NotEqual(expected, BruteCount(client, cores, [], maxShort: maxShort));
        Assert.NotEqual(expected, BruteCount(client, cores, common, distinctive: false));
        Assert.Equal(lowerBound, !expected.SequenceEqual(BruteCount(client, cores, common)));

        var posted = new List<int>();
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            await client.AnchorCandidatesAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], Single(starts, stored.Length),
                run, maxShort, [], g => { posted.Add(g); return cores[g]; }, common, CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Equal(expected, await HeldAsync(client, stored, starts, run));
        Assert.Empty(posted); // nothing changed since the "listing": the coordinator posted no group's anchors

        // What the coordinator received: a flag a chunk, neither the candidates nor the cores a pairing here would read.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long received = calls.Sum(c => c.Result is null ? 0L : serializer.SerializeToArray(c.Result).Length);
        Assert.Contains(calls, c => c.Method == nameof(IDocumentPartitionGrain.PostAnchors));
        Assert.DoesNotContain(calls, c => c.Result is SketchPage or StoredSketch[] or AnchorPairAnswer);
        Assert.True(received <= 64L * calls.Count, $"received {received:N0} B for {expected.Length} candidates in {calls.Count} calls");
    }

    [Fact]
    public async Task AnchorCandidatesAsync_PairAnswersLost_SentAgain_SameAsBruteCount()
    {
        const string index = "anchor-pairing-lost";
        var (client, stored, starts) = await SetUpAsync(index, seed: 73);
        var run = Guid.NewGuid().ToString("N");
        var cores = await CoresAsync(client, stored, starts, run, unlisted: null);
        var common = Boilerplate(client, cores);
        var expected = BruteCount(client, cores, common);
        Assert.NotEmpty(expected);
        var retried = new ConcurrentBag<string>(); // retries of parallel calls are reported from several threads
        client.CallRetried += retried.Add;

        // Two ranges pair their keys and send their tallies, then their answers are lost: the client sends them again.
        InjectedFailures.FailPairsAfterRunning(index, 2);
        await client.AnchorCandidatesAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], Single(starts, stored.Length),
            run, MaxShort, [], g => cores[g], common, CancellationToken.None);
        Assert.Equal(2, retried.Count(r => r.StartsWith("anchor pairing of key range", StringComparison.Ordinal)));
        Assert.Equal(expected, await HeldAsync(client, stored, starts, run));
    }

    [Fact]
    public async Task Pair_SentAgainAfterATallyFailed_SameTalliesAsOnce()
    {
        const string index = "anchor-pair-tally-failed";
        const int partitions = 4;
        var random = new Random(74);
        uint[] keys = [.. Enumerable.Range(0, 3000).Select(_ => (uint)random.Next(400))];
        int[] groups = [.. Enumerable.Range(0, 3000).Select(_ => random.Next(300))];
        var grains = fixture.Cluster.Client;
        async Task<long[]> PairedAsync(string run, bool tallyFails)
        {
            // One key range only, and every pair counted once: a tally lost on the way is a pair missing.
            var range = grains.GetGrain<IAnchorKeyGrain>(PartitionMap.AnchorKey(index, run, 0));
            await range.Post("chunk", owner: 0, keys, groups, shortGroups: []);
            if (tallyFails)
            {
                InjectedFailures.FailTallies(index, 1);
                await Assert.ThrowsAnyAsync<Exception>(() => range.Pair(index, run, 0, partitions, []));
            }
            await range.Pair(index, run, 0, partitions, []);
            var shared = await Task.WhenAll(Enumerable.Range(0, partitions)
                .Select(r => grains.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(index, run, r)).Shared(1)));
            return [.. shared.SelectMany(p => p.Pairs).Order()];
        }
        var once = await PairedAsync("once", tallyFails: false);
        Assert.True(once.Length > 1000, $"{once.Length} pairs");
        Assert.Equal(once, await PairedAsync("retried", tallyFails: true));
    }

    [Fact]
    public async Task AnchorCandidatesAsync_ChangedSinceListing_PostedFromListing_SameAsBruteCount()
    {
        var (client, stored, starts) = await SetUpAsync("anchor-pairing-changed", seed: 72);
        var listedCores = await CoresAsync(client, stored, starts, run: null, unlisted: null);
        var common = Boilerplate(client, listedCores);
        var expected = BruteCount(client, listedCores, common);
        // After the listing, a member of a group of several and a group of one are removed.
        int several = Enumerable.Range(0, starts.Length - 1).Where(g => starts[g + 1] - starts[g] >= 2).ElementAt(3);
        int single = Enumerable.Range(0, starts.Length - 1).First(g => starts[g + 1] - starts[g] == 1 && g > several + 10);
        var gone = new[] { stored[starts[several] + 1].Id, stored[starts[single]].Id };
        foreach (var id in gone)
        {
            Assert.True(await client.RemoveAsync(id));
        }

        var run = Guid.NewGuid().ToString("N");
        var unposted = new List<int>();
        await CoresAsync(client, stored, starts, run, unposted.AddRange);
        Assert.Equal([several], unposted);
        var posted = new List<int>();
        var singles = Single(starts, stored.Length);
        await client.AnchorCandidatesAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], singles,
            run, MaxShort, unposted, g => { posted.Add(g); return listedCores[g]; }, common, CancellationToken.None);
        Assert.Equal(expected, await HeldAsync(client, stored, starts, run, ownersKnown: false));
        // Posted from the listing: that group, and the groups of one of the partitions whose documents changed.
        var touched = gone.Select(id => PartitionMap.OfDocument(id, client.Partitions)).ToHashSet();
        var touchedSingles = Enumerable.Range(0, stored.Length).Where(i => singles[i] >= 0 && touched.Contains(PartitionMap.OfDocument(stored[i].Id, client.Partitions)))
            .Select(i => singles[i]);
        Assert.Equal(touchedSingles.Append(several).Order(), posted.Order());
    }

    /// <summary>
    /// 600 generated documents (rewrites and excerpts among them, no strong copies) in an index of 4 partitions, read
    /// back in ordinal order of id, and groups of 1, 2 and 3 consecutive documents in turn, spanning partitions.
    /// </summary>
    private async Task<(NearDupClusterClient Client, StoredSketch[] Stored, int[] Starts)> SetUpAsync(string index, ulong seed)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 4);
        await client.AddRangeAsync(TestCorpus.Documents(600, seed, strongCopies: false));
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions);
        var starts = StoredSketches.GroupsInTurn(stored.Length, 3);
        return (client, [.. stored], starts);
    }

    /// <summary>
    /// Each group's core as the stored sketches give it, counted by brute force (<see cref="StoredSketches.BruteCore"/>);
    /// with <paramref name="run"/>, the core calls compute the groups of several at the partitions and post their anchors
    /// there, naming the groups no longer as listed to <paramref name="unlisted"/>.
    /// </summary>
    private static async Task<uint[][]> CoresAsync(NearDupClusterClient client, StoredSketch[] stored, int[] starts, string? run,
        Action<int[]>? unlisted, int maxShort = MaxShort)
    {
        if (run is not null)
        {
            await client.CoreGroupsAsync([.. stored.Select(s => s.Id)], [.. stored.Select(s => s.ContentHash)], starts,
                [.. Enumerable.Range(0, stored.Length)], unlisted ?? (some => Assert.Fail($"groups not as listed: {string.Join(", ", some)}")),
                CancellationToken.None, run, maxShort);
        }
        return [.. Enumerable.Range(0, starts.Length - 1).Select(g => StoredSketches.BruteCore(stored, starts, g))];
    }

    /// <summary>
    /// The anchor candidates the pair ranges of <paramref name="run"/> hold, ascending; unless some groups were posted
    /// from the listing (<paramref name="ownersKnown"/> false), each held at the range of its smaller group's owner
    /// (the partition of its first member), with its larger group's owner.
    /// </summary>
    private async Task<long[]> HeldAsync(NearDupClusterClient client, StoredSketch[] stored, int[] starts, string run, bool ownersKnown = true)
    {
        int OwnerOf(int g) => PartitionMap.OfDocument(stored[starts[g]].Id, client.Partitions);
        var held = await Task.WhenAll(Enumerable.Range(0, client.Partitions)
            .Select(r => fixture.Cluster.Client.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(client.IndexName, run, r)).Shared(client.Options.MinSharedAnchors)));
        for (int r = 0; r < held.Length && ownersKnown; r++)
        {
            Assert.All(held[r].Pairs, p => Assert.Equal(r, OwnerOf((int)(p >> 32))));
            Assert.Equal(held[r].Pairs.Select(p => OwnerOf((int)p)), held[r].Owners);
        }
        return [.. held.SelectMany(h => h.Pairs).Order()];
    }

    /// <summary>The group of each document that is a group of one, -1 for the others.</summary>
    private static int[] Single(int[] starts, int documents)
    {
        var single = Enumerable.Repeat(-1, documents).ToArray();
        for (int g = 0; g + 1 < starts.Length; g++)
        {
            if (starts[g + 1] - starts[g] == 1)
            {
                single[starts[g]] = g;
            }
        }
        return single;
    }

    private const int MaxShort = NearDup.Clustering.DistinctiveAnchors.MaxFingerprints;

    /// <summary>The least short core length under <see cref="MaxShort"/> whose pairs differ from both the full bound's and none's.</summary>
    private static int SplittingBound(NearDupClusterClient client, uint[][] cores)
    {
        var common = Boilerplate(client, cores);
        var full = BruteCount(client, cores, common);
        var none = BruteCount(client, cores, common, distinctive: false);
        return cores.Select(c => c.Length).Where(n => n < MaxShort).Distinct().Order()
            .First(n => BruteCount(client, cores, common, maxShort: n) is var pairs && !pairs.SequenceEqual(full) && !pairs.SequenceEqual(none));
    }

    /// <summary>Anchors held by 4 groups or more, standing for the run's boilerplate.</summary>
    private static uint[] Boilerplate(NearDupClusterClient client, uint[][] cores) =>
        [.. cores.SelectMany(c => Anchors(client, c, [])).CountBy(f => f).Where(c => c.Value >= 4).Select(c => c.Key).Order()];

    private static IEnumerable<uint> Anchors(NearDupClusterClient client, uint[] core, uint[] common) =>
        core.Where(f => (f & (uint)(client.Options.AnchorRate - 1)) == 0 && Array.BinarySearch(common, f) < 0).Distinct();

    /// <summary>The packed (smaller, larger) group pairs whose cores share enough anchors that are not <paramref name="common"/>, ascending.</summary>
    private static long[] BruteCount(NearDupClusterClient client, uint[][] cores, uint[] common, bool distinctive = true, int maxShort = MaxShort)
    {
        var holders = new Dictionary<uint, List<int>>();
        for (int g = 0; g < cores.Length; g++)
        {
            foreach (uint anchor in Anchors(client, cores[g], common))
            {
                (holders.TryGetValue(anchor, out var list) ? list : holders[anchor] = []).Add(g);
            }
        }
        var shared = new Dictionary<long, int>();
        foreach (var list in holders.Values)
        {
            for (int i = 0; i < list.Count; i++)
            {
                for (int j = i + 1; j < list.Count; j++)
                {
                    long pair = (long)list[i] << 32 | (uint)list[j];
                    // A key two groups alone hold, one of them short, is a distinctive anchor and counts as the stage counts it.
                    bool counted = distinctive && list.Count == 2 && (cores[list[0]].Length <= maxShort || cores[list[1]].Length <= maxShort);
                    shared[pair] = shared.GetValueOrDefault(pair) + (counted ? NearDup.Clustering.DistinctiveAnchors.Weight : 1);
                }
            }
        }
        return [.. shared.Where(p => p.Value >= client.Options.MinSharedAnchors).Select(p => p.Key).Order()];
    }
}
