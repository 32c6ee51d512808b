using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's weak links verified and judged at the document partitions (<see cref="NearDupClusterClient.JudgeLinksAsync"/>):
/// each candidate pair at the partition of its smaller group's first member, the members' sketches fetched from the
/// others, against the stage run once over every stored sketch, with what the coordinator receives and the pairs it
/// judges itself when a member changed since the listing.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class WeakLinkJudgingTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task JudgeLinksAsync_AcrossPartitions_SameAsStage_CopiesAndReuse()
    {
        var (client, stored, starts, pairs) = await SetUpAsync("weak-link-judging", seed: 81);
        var (boilerplate, facts) = (Boilerplate(stored, starts), CommonFacts(stored));
        var expected = ByTheStageAtOnce(client, stored, starts, pairs, boilerplate, facts);
        // Rewrites and excerpts of one story in different groups are copies; stories sharing text are reuse.
        Assert.Contains(expected, l => l.Same);
        Assert.Contains(expected, l => !l.Same);
        Assert.Contains(expected, l => l.Same && l.Lead != 0);
        Assert.DoesNotContain(expected, l => l.Same && l.Lead == sbyte.MinValue);
        // The boilerplate is left out: the scores change without it.
        Assert.NotEqual(expected, ByTheStageAtOnce(client, stored, starts, pairs, [], facts));

        List<(long Key, int Shared, int SizeA, int SizeB, bool Same, sbyte Lead)> links;
        List<long> unlisted;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            (links, unlisted) = await client.JudgeLinksAsync(Ids(stored), Content(stored), starts, Members(stored), pairs, boilerplate, facts,
                CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Empty(unlisted);
        Assert.Equal(expected, links.Order());
        Assert.True(calls.Count > 1, "the pairs went to more than one partition");

        // What the coordinator received: the verified links with their evidence, not the sketches judging here would read.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long received = calls.Sum(c => c.Result is null ? 0L : serializer.SerializeToArray(c.Result).Length);
        long sketchBytes = stored.Sum(s => 6L * s.Fingerprints.Length + 4L * s.Facts.Length);
        Assert.All(calls, c => Assert.Equal(nameof(IDocumentPartitionGrain.JudgeLinks), c.Method));
        Assert.True(received <= 20L * expected.Count + 64L * calls.Count, $"received {received:N0} B for {expected.Count} links in {calls.Count} calls");
        Assert.True(received * 20 < sketchBytes, $"received {received:N0} B; the sketches are {sketchBytes:N0} B");
    }

    [Fact]
    public async Task JudgeLinksAsync_MemberChangedSinceListing_ItsPairsNamed_OthersSameAsStage()
    {
        var (client, stored, starts, pairs) = await SetUpAsync("weak-link-judging-changed", seed: 82);
        var (boilerplate, facts) = (Boilerplate(stored, starts), CommonFacts(stored));
        var expected = ByTheStageAtOnce(client, stored, starts, pairs, boilerplate, facts);
        int changed = PairGroups(pairs).GroupBy(g => g).OrderByDescending(g => g.Count()).First(g => starts[g.Key + 1] - starts[g.Key] >= 2).Key;
        string id = stored[starts[changed] + 1].Id;
        Assert.True(await client.RemoveAsync(id));
        await client.AddAsync(id, "another text under the same id, which the listing did not see at all");

        var (links, unlisted) = await client.JudgeLinksAsync(Ids(stored), Content(stored), starts, Members(stored), pairs, boilerplate, facts,
            CancellationToken.None);
        var touching = pairs.Where(p => (int)(p >> 32) == changed || (int)p == changed).ToArray();
        Assert.NotEmpty(touching);
        Assert.Equal(touching, unlisted.Order());
        Assert.Equal(expected.Where(l => !touching.Contains(l.Key)), links.Order());
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

    /// <summary>The stage over every stored sketch in one table, all pairs in one call: what the coordinator would compute.</summary>
    private static List<(long Key, int Shared, int SizeA, int SizeB, bool Same, sbyte Lead)> ByTheStageAtOnce(NearDupClusterClient client,
        StoredSketch[] stored, int[] starts, long[] pairs, uint[] boilerplate, uint[] facts)
    {
        var request = new WeakLinkRequest("unused", 1, PartitionScorer.OptionsJson(client.Options), boilerplate, facts, starts, Ids(stored),
            Content(stored), pairs);
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
