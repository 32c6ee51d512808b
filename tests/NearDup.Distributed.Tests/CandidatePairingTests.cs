using System.Collections.Concurrent;
using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using NearDup.Indexing;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Stage 2's candidate pairs formed at the key partitions (<see cref="IKeyPartitionGrain.PairRuns"/>), sent to their
/// first document's partition and measured there once (<see cref="IDocumentPartitionGrain.MeasureCandidates"/>): the
/// pairs the coordinator forms from the same runs sent by id, each with its shared fingerprints; a pair found in runs
/// on several partitions measured once; retried calls and a lost tally.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class CandidatePairingTests(OrleansClusterFixture fixture)
{
    private static readonly PartitionKind[] s_kinds = [PartitionKind.Band, PartitionKind.SimHash];

    [Fact]
    public async Task PairRuns_NothingChangedSinceListing_PairsOfTheRunsById_EachMeasuredOnce()
    {
        var (client, _, stored, numbering, documentOf) = await RunNumberingTests.SetUpAsync(fixture, "pairs-numbered", seed: 51);
        string[] ids = [.. stored.Select(s => s.Id)];
        // A listing no partition holds: every run comes back by id, unpaired, which the test pairs as the stage does.
        var byId = await PairRunsAsync(client, numbering with { Digests = [.. numbering.Digests.Select(d => ~d)] }, "by-id");
        Assert.All(byId, a => Assert.All(a.Sent, n => Assert.Equal(0, n)));
        var expected = PairedById(client, byId, ids);

        var answers = await PairRunsAsync(client, numbering, "numbered");
        Assert.All(answers, a => Assert.Equal(0, a.Unpaired.Count));
        var measured = await MeasuredAsync(client, "numbered", answers, ids, documentOf);

        Assert.Equal(expected.Keys.Order(), measured.Keys);
        Assert.All(measured, m => Assert.Equal(Shared(stored, m.Key), m.Value));
        // Pairs found in runs on several band partitions were sent by each and measured once.
        Assert.Contains(expected.Values, senders => senders.Count(s => s < client.Partitions) >= 2);
        Assert.True(answers.Sum(a => a.Sent.Sum()) > measured.Count, $"{answers.Sum(a => a.Sent.Sum())} sent, {measured.Count} measured");
    }

    [Fact]
    public async Task PairRuns_CopiesAddedAfterListing_ChangedPartitionsRunsById_SamePairsAsTheListing()
    {
        var (client, documents, stored, numbering, documentOf) = await RunNumberingTests.SetUpAsync(fixture, "pairs-added", seed: 52);
        string[] ids = [.. stored.Select(s => s.Id)];
        var before = await MeasuredAsync(client, "before", await PairRunsAsync(client, numbering, "before"), ids, documentOf);
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

        var answers = await PairRunsAsync(client, numbering, "after");
        var unpaired = answers.SelectMany(a => a.Unpaired.Unpack()).ToArray();
        Assert.Contains(unpaired, run => run.Ids.Contains(among));
        foreach (var run in unpaired)
        {
            // Rows by id are exactly those of the changed partition; the copy sorting last was left out by its partition's numbers.
            Assert.Contains(Enumerable.Range(0, run.Ids.Length), k => run.NumberOf(k) < 0);
            for (int k = 0; k < run.Ids.Length; k++)
            {
                Assert.Equal(run.NumberOf(k) < 0, PartitionMap.OfDocument(run.NumberOf(k) < 0 ? run.Ids[k] : ids[documentOf[run.NumberOf(k)]], client.Partitions) == changed);
                Assert.NotEqual(after, run.Ids[k]);
            }
        }
        // The pairs measured at the partitions and those of the runs by id (the unlisted copy left out) are the listing's.
        var measured = await MeasuredAsync(client, "after", answers, ids, documentOf);
        var all = measured.Keys.Union(PairedById(client, answers, ids, documentOf).Keys).Order();
        Assert.Equal(before.Keys, all);
    }

    [Fact]
    public async Task ClusterAsync_PairingAndMeasuringSentAgain_SameResultAsOnce()
    {
        const string index = "pairs-retried";
        var docs = TestCorpus.Documents(600, seed: 55, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 3);
        await client.AddRangeAsync(docs);
        string once = await ClusteredAsync(client);
        var retried = new ConcurrentBag<string>(); // retries of parallel calls are reported from several threads
        client.CallRetried += retried.Add;

        // Two key partitions pair their runs and send their tallies, then their answers are lost: sent again, their
        // tallies replace the first ones, which the measuring partitions would otherwise count twice.
        InjectedFailures.FailPairRunsAfterRunning(index, 2);
        Assert.Equal(once, await ClusteredAsync(client));
        Assert.Equal(2, retried.Count(r => r.StartsWith("pairing of", StringComparison.Ordinal)));

        // A tally fails on its way, so its key partition's pairing fails after sending some: sent again, whole.
        InjectedFailures.FailCandidateTallies(index, 1);
        Assert.Equal(once, await ClusteredAsync(client));
        Assert.Equal(3, retried.Count(r => r.StartsWith("pairing of", StringComparison.Ordinal)));

        // A measuring partition's answer is lost: asked again, it measures the same pairs, kept until the run drops them.
        InjectedFailures.FailMeasureCandidatesAfterRunning(index, 1);
        Assert.Equal(once, await ClusteredAsync(client));
        Assert.Single(retried, r => r.StartsWith("measuring at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MeasureCandidates_TallyLost_FailsNamingThePartition()
    {
        var (client, _, _, numbering, _) = await RunNumberingTests.SetUpAsync(fixture, "pairs-lost", seed: 54);
        var answers = await PairRunsAsync(client, numbering, "lost");
        int p = Enumerable.Range(0, client.Partitions).First(p => answers.Sum(a => a.Sent[p]) > 0);
        var partition = DocumentPartition(client, p);
        // The partition's silo left: its new activation holds none of the run's pairs.
        await partition.DropRun("lost");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            partition.MeasureCandidates(new CandidateMeasureRequest(client.IndexName, client.Partitions, "lost", answers.Sum(a => (long)a.Sent[p]))));
        Assert.Contains($"{client.IndexName}/Document/{p}", error.Message, StringComparison.Ordinal);
        Assert.Contains("candidate pairs", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A run's clusters and verified pairs as JSON (its statistics hold timings).</summary>
    private static async Task<string> ClusteredAsync(NearDupClusterClient client)
    {
        var result = await client.ClusterAsync(includePairs: true);
        return ClusterEqualityTests.Json(result.Clusters) + ClusterEqualityTests.Json(result.Pairs);
    }

    /// <summary>Every band and SimHash partition's pairing for <paramref name="run"/>, senders numbered as the client numbers them.</summary>
    private async Task<CandidatePairAnswer[]> PairRunsAsync(NearDupClusterClient client, RunNumbering numbering, string run) =>
        await Task.WhenAll(s_kinds.SelectMany((kind, k) => Enumerable.Range(0, client.Partitions).Select(p =>
            fixture.Cluster.Client.GetGrain<IKeyPartitionGrain>(PartitionMap.GrainKey(client.IndexName, kind, p))
                .PairRuns(new CandidatePairRequest(numbering, run, k * client.Partitions + p, kind, client.Options.SimHashMaxDistance)))));

    /// <summary>The pairs measured at the document partitions, by document numbers, ascending, with their shared fingerprints.</summary>
    private async Task<SortedDictionary<long, int>> MeasuredAsync(NearDupClusterClient client, string run, CandidatePairAnswer[] answers, string[] ids, int[] documentOf)
    {
        var measured = new SortedDictionary<long, int>();
        for (int p = 0; p < client.Partitions; p++)
        {
            long expected = answers.Sum(a => (long)a.Sent[p]);
            var (pairs, shared) = (await DocumentPartition(client, p).MeasureCandidates(new CandidateMeasureRequest(client.IndexName, client.Partitions, run, expected))).Unpack();
            Assert.True(pairs.Length <= expected);
            for (int k = 0; k < pairs.Length; k++)
            {
                var (a, b) = PairKey.Unpack(pairs[k]);
                Assert.Equal(p, PartitionMap.OfDocument(ids[documentOf[a]], client.Partitions)); // measured where its first document is
                measured.Add(PairKey.Pack(documentOf[a], documentOf[b]), shared[k]);
            }
            await DocumentPartition(client, p).DropRun(run);
        }
        return measured;
    }

    /// <summary>
    /// The pairs of the runs sent back by id, paired here as the candidate stage pairs a band or SimHash run, by document
    /// number (numbered rows through <paramref name="documentOf"/>, rows by id of documents not listed left out), with the
    /// senders whose runs gave each.
    /// </summary>
    private static Dictionary<long, HashSet<int>> PairedById(NearDupClusterClient client, CandidatePairAnswer[] answers, string[] ids, int[]? documentOf = null)
    {
        var senders = new Dictionary<long, HashSet<int>>();
        var found = new HashSet<long>();
        for (int s = 0; s < answers.Length; s++)
        {
            foreach (var run in answers[s].Unpaired.Unpack())
            {
                int[] docs = [.. Enumerable.Range(0, run.Ids.Length).Select(k => run.NumberOf(k) >= 0 ? documentOf![run.NumberOf(k)] : Array.BinarySearch(ids, run.Ids[k], StringComparer.Ordinal))];
                int[] rows = [.. Enumerable.Range(0, docs.Length).Where(k => docs[k] >= 0)];
                found.Clear();
                var sink = new PairCollector(found);
                if (s < client.Partitions)
                {
                    CandidateStage.EmitRun([.. rows.Select(k => docs[k])], ref sink);
                }
                else
                {
                    SimHashIndex.ForEachPairInRun([.. rows.Select(k => run.Payloads[k])], [.. rows.Select(k => docs[k])], (int)run.Table,
                        client.Options.SimHashMaxDistance, ref sink);
                }
                foreach (long pair in found)
                {
                    (senders.TryGetValue(pair, out var from) ? from : senders[pair] = []).Add(s);
                }
            }
        }
        return senders;
    }

    private static int Shared(StoredSketch[] stored, long pair)
    {
        var (a, b) = PairKey.Unpack(pair);
        return stored[a].Fingerprints.Intersect(stored[b].Fingerprints).Count();
    }

    private IDocumentPartitionGrain DocumentPartition(NearDupClusterClient client, int p) =>
        fixture.Cluster.Client.GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey(client.IndexName, PartitionKind.Document, p));
}
