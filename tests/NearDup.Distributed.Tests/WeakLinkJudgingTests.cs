using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's weak links verified and judged at the document partitions (<see cref="NearDupClusterClient.JudgeRunLinksAsync"/>):
/// each pair at the partition that owns its smaller group (kept there for the run by the core calls and anchor
/// postings, with its representative and core), the anchor candidates taken from that partition's pair range, the
/// larger groups read from their owners and the sketches of the members the judge reads from wherever they are stored,
/// against the stage run once over every stored sketch (cores computed there), with what the coordinator receives, the
/// pairs named when a member read changed since the listing, and core and judging calls sent again.
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
        // Groups of five or more are judged on their representative alone, and read so at the partitions.
        Assert.Contains(expected, l => PairGroups([l.Key]).Any(g => starts[g + 1] - starts[g] > StoryJudge.MaxJudgedMembers));
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
        // A group of several whose every member the judge reads.
        int changed = PairGroups(union).GroupBy(g => g).OrderByDescending(g => g.Count())
            .First(g => starts[g.Key + 1] - starts[g.Key] is >= 2 and <= StoryJudge.MaxJudgedMembers).Key;
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
    public async Task JudgeRunLinksAsync_UnreadMemberChangedSinceListing_JudgedOnTheKeptCore_SameAsStage()
    {
        var (client, stored, starts, pairs) = await SetUpAsync("weak-link-judging-unread", seed: 84);
        var (boilerplate, facts) = (Boilerplate(stored, starts), CommonFacts(stored));
        var (run, anchors) = await PairAsync(client, stored, starts, boilerplate);
        long[] union = [.. anchors.Union(pairs).Order()];
        var expected = ByTheStageAtOnce(client, stored, starts, union, pairs, boilerplate, facts);
        // A member of a group judged on its representative, not the representative, replaced after the cores were kept:
        // the judging partitions neither read it nor compute the core again, so the group is judged as listed.
        int large = PairGroups(union).First(g => starts[g + 1] - starts[g] > StoryJudge.MaxJudgedMembers);
        var answer = await client.CoreGroupsAsync(Ids(stored), Content(stored), starts, Members(stored), _ => { }, CancellationToken.None);
        string id = stored.Skip(starts[large]).Take(starts[large + 1] - starts[large]).First(s => s.Id != stored[answer[large]].Id).Id;
        Assert.True(await client.RemoveAsync(id));
        await client.AddAsync(id, "another text under the same id, which the listing did not see at all");

        var (links, unlisted, _) = await client.JudgeRunLinksAsync(Ids(stored), starts, Members(stored), run, pairs, boilerplate, facts,
            CancellationToken.None);
        Assert.Empty(unlisted);
        Assert.Equal(expected, links.Order());
        await client.DropRunAsync(run);
    }

    [Fact]
    public async Task JudgeRunLinksAsync_CoreAndJudgingAnswersLost_SentAgain_SameAsStage()
    {
        const string index = "weak-link-judging-retried";
        var (client, stored, starts, pairs) = await SetUpAsync(index, seed: 85);
        var (boilerplate, facts) = (Boilerplate(stored, starts), CommonFacts(stored));
        var retried = new ConcurrentBag<string>(); // retries of parallel calls are reported from several threads
        client.CallRetried += retried.Add;

        // Two core calls keep their groups and post their anchors, then their answers are lost: sent again, they keep
        // the same groups and cores and replace their postings.
        InjectedFailures.FailCoresAfterRunning(index, 2);
        var (run, anchors) = await PairAsync(client, stored, starts, boilerplate);
        Assert.Equal(2, retried.Count(r => r.StartsWith("group cores at document partition", StringComparison.Ordinal)));
        long[] union = [.. anchors.Union(pairs).Order()];
        var expected = ByTheStageAtOnce(client, stored, starts, union, pairs, boilerplate, facts);
        Assert.NotEmpty(expected);
        // A judging partition's answer is lost: it judges again on what the run keeps, which it did not change.
        InjectedFailures.FailJudgeRunLinksAfterRunning(index, 1);
        var (links, unlisted, anchorCandidates) = await client.JudgeRunLinksAsync(Ids(stored), starts, Members(stored), run, pairs, boilerplate, facts,
            CancellationToken.None);
        Assert.Equal(1, retried.Count(r => r.StartsWith("weak links at document partition", StringComparison.Ordinal)));
        Assert.Empty(unlisted);
        Assert.Equal(expected, links.Order());
        Assert.Equal(anchors.Length, anchorCandidates);
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
            CancellationToken.None, run, NearDup.Clustering.DistinctiveAnchors.MaxFingerprints);
        var single = Enumerable.Repeat(-1, stored.Length).ToArray();
        for (int g = 0; g + 1 < starts.Length; g++)
        {
            if (starts[g + 1] - starts[g] == 1)
            {
                single[starts[g]] = g;
            }
        }
        await client.AnchorCandidatesAsync(Ids(stored), Content(stored), single, run, NearDup.Clustering.DistinctiveAnchors.MaxFingerprints, [], g => throw new InvalidOperationException($"group {g} unposted"),
            boilerplate, CancellationToken.None);
        var held = await Task.WhenAll(Enumerable.Range(0, client.Partitions)
            .Select(r => fixture.Cluster.Client.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(client.IndexName, run, r)).Shared(client.Options.MinSharedAnchors)));
        return (run, [.. held.SelectMany(h => h.Pairs).Order()]);
    }

    /// <summary>
    /// 600 generated documents (rewrites and excerpts among them, no strong copies) and 4 copies of every 40th wrapped in
    /// other sites' headers and footers, in an index of 4 partitions, read back in ordinal order of id; each story with
    /// its copies a group of 5 (judged on its representative), the other documents in groups of 1, 2 and 3 consecutive
    /// ones in turn, spanning partitions; and as candidates,
    /// the pairs of groups whose members share an anchor (a fingerprint whose low bits are clear) two or more times.
    /// </summary>
    private async Task<(NearDupClusterClient Client, StoredSketch[] Stored, int[] Starts, long[] Pairs)> SetUpAsync(string index, ulong seed)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 4);
        var documents = TestCorpus.Documents(600, seed, strongCopies: false);
        await client.AddRangeAsync([.. documents, .. documents.Where((_, i) => i % 40 == 0).SelectMany(Wrapped)]);
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions);
        var starts = GroupsWithCopies(stored);
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

    /// <summary>Four copies of <paramref name="story"/>, each in a site's own header and footer, under its id and "-copy" and a digit.</summary>
    private static IEnumerable<DocumentInput> Wrapped(DocumentInput story) => Enumerable.Range(1, 4).Select(c => new DocumentInput(
        $"{story.Id}-copy{c}", $"Site {c} morning desk {c} brings this wire report to subscribers of edition {c}.\n\n{story.Text}\n\n"
        + $"Follow site {c} for more from desk {c}; reprinted under licence {c} of the agency.", story.Date));

    /// <summary>
    /// Groups over <paramref name="stored"/> (ordinal order of id): each story with its copies (their ids follow its own),
    /// the other documents in groups of 1, 2 and 3 in turn that stop before a copied story.
    /// </summary>
    private static int[] GroupsWithCopies(StoredSketch[] stored)
    {
        bool IsCopyOf(int i, int story) => i < stored.Length && stored[i].Id.StartsWith(stored[story].Id + "-copy", StringComparison.Ordinal);
        var starts = new List<int> { 0 };
        for (int at = 0, k = 0; at < stored.Length; k++)
        {
            int end = at + 1;
            if (IsCopyOf(end, at))
            {
                while (IsCopyOf(end, at))
                {
                    end++;
                }
            }
            else
            {
                while (end < Math.Min(stored.Length, at + 1 + k % 3) && !IsCopyOf(end + 1, end))
                {
                    end++;
                }
            }
            starts.Add(at = end);
        }
        return [.. starts];
    }

    /// <summary>Fingerprints held by 4 groups or more, standing for the run's boilerplate.</summary>
    private static uint[] Boilerplate(StoredSketch[] stored, int[] starts) =>
        [.. Enumerable.Range(0, starts.Length - 1).SelectMany(g => stored[starts[g]..starts[g + 1]].SelectMany(s => s.Fingerprints).Distinct())
            .CountBy(f => f).Where(c => c.Value >= 4).Select(c => c.Key).Order()];

    /// <summary>Fact words (figure bit clear) 10 documents or more report, standing for the run's common facts.</summary>
    private static uint[] CommonFacts(StoredSketch[] stored) =>
        [.. stored.SelectMany(s => s.Facts.Select(f => f & ~1u).Distinct()).CountBy(f => f).Where(c => c.Value >= 10).Select(c => c.Key).Order()];

    /// <summary>
    /// The stage over every stored sketch in one table, all pairs in one call, the cores computed there,
    /// <paramref name="leftovers"/> (ascending) the coordinator's: what the coordinator would compute.
    /// </summary>
    private static List<(long Key, int Shared, int SizeA, int SizeB, bool Same, sbyte Lead)> ByTheStageAtOnce(NearDupClusterClient client,
        StoredSketch[] stored, int[] starts, long[] pairs, long[] leftovers, uint[] boilerplate, uint[] facts)
    {
        var table = PartitionJudgeTable.Of(PartitionScorer.OptionsJson(client.Options), starts, Ids(stored), Content(stored), boilerplate, facts,
            stored.ToDictionary(s => s.Id, StringComparer.Ordinal));
        Assert.Equal(starts.Length - 1, table.Listed.Length);
        using var cores = GroupStage.Cores(table.Docs, table.Layout, spillDirectory: null, PartitionJudgeTable.Sequential);
        var found = BoilerplateStage.Find(table.Options, table.Layout, cores, table.Filter, table.Sizes, PartitionJudgeTable.Sequential);
        var judged = WeakLinkStage.VerifyAndJudge(table.Options, table.Layout, cores, found, pairs, leftovers, table.Judge, PartitionJudgeTable.Sequential);
        WeakLinkStage.FillLeads(judged, table.Layout, table.Judge);
        var (keys, scores) = (judged.Links.Keys, judged.Links.Scores);
        return [.. Enumerable.Range(0, keys.Length).Select(k => (keys[k], scores[k].Shared, scores[k].SizeA, scores[k].SizeB, judged.Same[k], judged.Leads[k]))
            .Order()];
    }

    private static IEnumerable<int> PairGroups(long[] pairs) => pairs.SelectMany(p => new[] { (int)(p >> 32), (int)p });

    private static string[] Ids(StoredSketch[] stored) => [.. stored.Select(s => s.Id)];

    private static ulong[] Content(StoredSketch[] stored) => [.. stored.Select(s => s.ContentHash)];

    private static int[] Members(StoredSketch[] stored) => [.. Enumerable.Range(0, stored.Length)];
}
