using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's weak links verified and judged at the document partitions (<see cref="NearDupClusterClient.JudgeRunLinksAsync"/>):
/// each pair at the partition that owns its smaller group (kept there for the run by the core calls and anchor
/// postings), the anchor candidates taken from that partition's pair range, the larger groups' members read from their
/// owners and the members' sketches from wherever they are stored, against the stage run once over every stored
/// sketch, with what the coordinator receives and the pairs named when a member changed since the listing.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class WeakLinkJudgingTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task JudgeRunLinksAsync_AcrossPartitions_SameAsStage_CopiesAndReuse()
    {
        var (client, stored, starts, pairs) = await SetUpAsync("weak-link-judging", seed: 81);
        var (boilerplate, facts) = (Boilerplate(stored, starts), CommonFacts(stored));
        var (run, anchors) = await PairAsync(client, stored, starts, boilerplate);
        // The coordinator sends the pairs that are not anchor candidates and every other anchor candidate (judged once):
        // the partitions judge the union, the others taken from their pair ranges alone.
        long[] fromRanges = [.. anchors.Where((_, k) => k % 2 == 1)];
        pairs = [.. pairs.Except(anchors).Union(anchors.Where((_, k) => k % 2 == 0)).Order()];
        Assert.NotEmpty(pairs.Except(anchors));
        long[] union = [.. anchors.Union(pairs).Order()];
        var expected = ByTheStageAtOnce(client, stored, starts, union, pairs, boilerplate, facts);
        // Rewrites and excerpts of one story in different groups are copies; stories sharing text are reuse.
        Assert.Contains(expected, l => l.Same);
        Assert.Contains(expected, l => !l.Same);
        Assert.Contains(expected, l => l.Same && l.Lead != 0);
        Assert.DoesNotContain(expected, l => l.Same && l.Lead == sbyte.MinValue);
        Assert.Contains(expected, l => fromRanges.Contains(l.Key)); // some links come from the pair ranges alone
        // The boilerplate is left out: the scores change without it.
        Assert.NotEqual(expected, ByTheStageAtOnce(client, stored, starts, union, pairs, [], facts));

        List<(long Key, int Shared, int SizeA, int SizeB, bool Same, sbyte Lead)> links;
        List<long> unlisted;
        long anchorCandidates;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            (links, unlisted, anchorCandidates) = await client.JudgeRunLinksAsync(Ids(stored), starts, Members(stored), run, pairs, boilerplate, facts,
                CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Empty(unlisted);
        Assert.Equal(expected, links.Order());
        Assert.Equal(anchors.Length, anchorCandidates);

        // What the coordinator received: the verified links with their evidence, neither the anchor candidates nor the
        // sketches judging here would read.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long received = calls.Sum(c => c.Result is null ? 0L : serializer.SerializeToArray(c.Result).Length);
        long sketchBytes = stored.Sum(s => 6L * s.Fingerprints.Length + 4L * s.Facts.Length);
        Assert.All(calls, c => Assert.Equal(nameof(IDocumentPartitionGrain.JudgeRunLinks), c.Method));
        Assert.Equal(client.Partitions, calls.Count);
        Assert.True(received <= 24L * expected.Count + 64L * calls.Count, $"received {received:N0} B for {expected.Count} links in {calls.Count} calls");
        Assert.True(received * 20 < sketchBytes, $"received {received:N0} B; the sketches are {sketchBytes:N0} B");
        await client.DropRunAsync(run);
    }

    [Fact]
    public async Task JudgeRunLinksAsync_MemberChangedSinceListing_ItsPairsNamed_OthersSameAsStage()
    {
        var (client, stored, starts, pairs) = await SetUpAsync("weak-link-judging-changed", seed: 82);
        var (boilerplate, facts) = (Boilerplate(stored, starts), CommonFacts(stored));
        var (run, anchors) = await PairAsync(client, stored, starts, boilerplate);
        long[] union = [.. anchors.Union(pairs).Order()];
        var expected = ByTheStageAtOnce(client, stored, starts, union, pairs, boilerplate, facts);
        int changed = PairGroups(union).GroupBy(g => g).OrderByDescending(g => g.Count()).First(g => starts[g.Key + 1] - starts[g.Key] >= 2).Key;
        string id = stored[starts[changed] + 1].Id;
        Assert.True(await client.RemoveAsync(id));
        await client.AddAsync(id, "another text under the same id, which the listing did not see at all");

        var (links, unlisted, _) = await client.JudgeRunLinksAsync(Ids(stored), starts, Members(stored), run, pairs, boilerplate, facts,
            CancellationToken.None);
        var touching = union.Where(p => (int)(p >> 32) == changed || (int)p == changed).ToArray();
        Assert.NotEmpty(touching);
        Assert.Equal(touching, unlisted.Order());
        Assert.Equal(expected.Where(l => !touching.Contains(l.Key)), links.Order());
        await client.DropRunAsync(run);
    }

    [Fact]
    public async Task JudgeRunLinksAsync_RunDropped_FailsNamingTheRun()
    {
        var (client, stored, starts, pairs) = await SetUpAsync("weak-link-judging-dropped", seed: 83);
        var (run, _) = await PairAsync(client, stored, starts, []);
        await client.DropRunAsync(run);

        // The groups kept for the run are gone (as when a partition's silo leaves): the run fails, it judges nothing.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.JudgeRunLinksAsync(Ids(stored), starts, Members(stored), run, pairs, [], [],
            CancellationToken.None));
        Assert.Contains(run, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The run's core calls and anchor postings, which keep the groups at their owners and leave the anchor candidates
    /// at the pair ranges; returns the run and those candidates, ascending.
    /// </summary>
    private async Task<(string Run, long[] Anchors)> PairAsync(NearDupClusterClient client, StoredSketch[] stored, int[] starts, uint[] boilerplate)
    {
        var run = Guid.NewGuid().ToString("N");
        await client.CoreGroupsAsync(Ids(stored), Content(stored), starts, Members(stored), some => Assert.Fail($"groups not as listed: {some.Length}"),
            CancellationToken.None, run);
        var single = Enumerable.Repeat(-1, stored.Length).ToArray();
        for (int g = 0; g + 1 < starts.Length; g++)
        {
            if (starts[g + 1] - starts[g] == 1)
            {
                single[starts[g]] = g;
            }
        }
        await client.AnchorCandidatesAsync(Ids(stored), Content(stored), single, run, [], g => throw new InvalidOperationException($"group {g} unposted"),
            boilerplate, CancellationToken.None);
        var held = await Task.WhenAll(Enumerable.Range(0, client.Partitions)
            .Select(r => fixture.Cluster.Client.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(client.IndexName, run, r)).Shared(client.Options.MinSharedAnchors)));
        return (run, [.. held.SelectMany(h => h.Pairs).Order()]);
    }

    /// <summary>
    /// 600 generated documents (rewrites and excerpts among them, no strong copies) in an index of 4 partitions, read back
    /// in ordinal order of id; groups of 1, 2 and 3 consecutive documents in turn, spanning partitions; and as candidates,
    /// the pairs of groups whose members share an anchor (a fingerprint whose low bits are clear) two or more times.
    /// </summary>
    private async Task<(NearDupClusterClient Client, StoredSketch[] Stored, int[] Starts, long[] Pairs)> SetUpAsync(string index, ulong seed)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 4);
        await client.AddRangeAsync(TestCorpus.Documents(600, seed, strongCopies: false));
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions);
        var starts = StoredSketches.GroupsInTurn(stored.Length, 3);
        var holders = new Dictionary<uint, SortedSet<int>>();
        for (int g = 0; g + 1 < starts.Length; g++)
        {
            for (int m = starts[g]; m < starts[g + 1]; m++)
            {
                foreach (uint f in stored[m].Fingerprints.Where(f => (f & 7) == 0))
                {
                    (holders.TryGetValue(f, out var set) ? set : holders[f] = []).Add(g);
                }
            }
        }
        var shared = holders.Values.Where(s => s.Count is >= 2 and <= 8).SelectMany(s => s.SelectMany(g => s.Where(h => h > g).Select(h => (long)g << 32 | (uint)h)))
            .CountBy(p => p).Where(p => p.Value >= 2).Select(p => p.Key);
        return (client, [.. stored], starts, [.. shared.Order()]);
    }

    /// <summary>Fingerprints held by 4 groups or more, standing for the run's boilerplate.</summary>
    private static uint[] Boilerplate(StoredSketch[] stored, int[] starts) =>
        [.. Enumerable.Range(0, starts.Length - 1).SelectMany(g => stored[starts[g]..starts[g + 1]].SelectMany(s => s.Fingerprints).Distinct())
            .CountBy(f => f).Where(c => c.Value >= 4).Select(c => c.Key).Order()];

    /// <summary>Fact words (figure bit clear) 10 documents or more report, standing for the run's common facts.</summary>
    private static uint[] CommonFacts(StoredSketch[] stored) =>
        [.. stored.SelectMany(s => s.Facts.Select(f => f & ~1u).Distinct()).CountBy(f => f).Where(c => c.Value >= 10).Select(c => c.Key).Order()];

    /// <summary>
    /// The stage over every stored sketch in one table, all pairs in one call, <paramref name="leftovers"/> (ascending)
    /// the coordinator's: what the coordinator would compute.
    /// </summary>
    private static List<(long Key, int Shared, int SizeA, int SizeB, bool Same, sbyte Lead)> ByTheStageAtOnce(NearDupClusterClient client,
        StoredSketch[] stored, int[] starts, long[] pairs, long[] leftovers, uint[] boilerplate, uint[] facts)
    {
        var request = new WeakLinkRequest("unused", 1, PartitionScorer.OptionsJson(client.Options), boilerplate, facts, starts, Ids(stored),
            Content(stored), pairs, leftovers);
        var answer = PartitionWeakLinks.Compute(request, stored.ToDictionary(s => s.Id, StringComparer.Ordinal));
        Assert.Empty(answer.Unlisted);
        return [.. Enumerable.Range(0, answer.Links.Length).Select(k =>
            (pairs[answer.Links[k]], answer.Shared[k], answer.SizeA[k], answer.SizeB[k], answer.Same[k], answer.Leads[k])).Order()];
    }

    private static IEnumerable<int> PairGroups(long[] pairs) => pairs.SelectMany(p => new[] { (int)(p >> 32), (int)p });

    private static string[] Ids(StoredSketch[] stored) => [.. stored.Select(s => s.Id)];

    private static ulong[] Content(StoredSketch[] stored) => [.. stored.Select(s => s.ContentHash)];

    private static int[] Members(StoredSketch[] stored) => [.. Enumerable.Range(0, stored.Length)];
}
