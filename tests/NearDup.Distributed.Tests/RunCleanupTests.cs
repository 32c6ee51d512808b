using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// What a batch run leaves at the grains once it ends: nothing, whether it succeeded or failed part-way. Every grain
/// that holds state for a run is asked what it holds (<see cref="IRunStateProbe"/>): the document partitions (the
/// candidate pairing's run and the anchor run: kept groups, candidate tallies, the checked listing), and every live
/// anchor-key range, pair range and count range of the index, found among the silos' activations.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class RunCleanupTests(OrleansClusterFixture fixture)
{
    /// <summary>
    /// A run that fails at a grain call (with an error nothing sends again) leaves no state at any grain: stage 2's
    /// measuring (the candidate run held), 4a's cores (groups kept, anchors posted), the boilerplate count (4b) and the
    /// common facts' (5a) after the partitions sent their tallies, and the count ranges' answer before they drop their
    /// counts, 5b's anchor pairing (postings at the key ranges, tallies at the pair ranges) and 5b's judging, the
    /// furthest the anchor run goes before it is dropped.
    /// </summary>
    [Theory]
    [InlineData(nameof(DocumentPartitionGrain), nameof(IDocumentPartitionGrain.MeasureCandidates), true)]
    [InlineData(nameof(DocumentPartitionGrain), nameof(IDocumentPartitionGrain.Cores), true)]
    [InlineData(nameof(DocumentPartitionGrain), nameof(IDocumentPartitionGrain.CountGroups), true)]
    [InlineData(nameof(FingerprintCountGrain), nameof(IFingerprintCountGrain.Common), false)]
    [InlineData(nameof(DocumentPartitionGrain), nameof(IDocumentPartitionGrain.CountFacts), true)]
    [InlineData(nameof(AnchorKeyGrain), nameof(IAnchorKeyGrain.Pair), true)]
    [InlineData(nameof(DocumentPartitionGrain), nameof(IDocumentPartitionGrain.JudgeRunLinks), true)]
    public async Task ClusterAsync_FailsAtAGrainCall_LeavesNoRunState(string grain, string method, bool afterRunning)
    {
        var client = await IndexAsync($"cleanup-{method}");
        InjectedFailures.FailFatally(GrainType(grain), client.IndexName, method, int.MaxValue, afterRunning);
        Exception error;
        try
        {
            error = await Assert.ThrowsAnyAsync<Exception>(() => client.ClusterAsync());
        }
        finally
        {
            InjectedFailures.Disarm(client.IndexName);
        }
        Assert.Contains($"injected: {method} failed", error.Message, StringComparison.Ordinal);
        Assert.Empty(await HeldAsync(client));
        // The index is as before: the next run succeeds.
        Assert.Equal(600, (await client.ClusterAsync()).Statistics.Documents);
        Assert.Empty(await HeldAsync(client));
    }

    /// <summary>
    /// A run that fails, and whose drop then fails too, reaches the caller with its own error, not the drop's, which it
    /// carries (<see cref="RunCleanup.DropFailureKey"/>): the candidate run's drop after stage 2's measuring failed, and
    /// the anchor run's after 5b's judging failed (its drops armed when stage 4 starts, the candidate run dropped by then).
    /// </summary>
    [Theory]
    [InlineData(nameof(IDocumentPartitionGrain.MeasureCandidates), 0)]
    [InlineData(nameof(IDocumentPartitionGrain.JudgeRunLinks), 4)]
    public async Task ClusterAsync_FailsThenItsDropFails_RunsOwnErrorReachesCaller(string method, int dropsFailFromStage)
    {
        var client = await IndexAsync($"cleanup-both-{method}");
        InjectedFailures.FailFatally(typeof(DocumentPartitionGrain), client.IndexName, method, int.MaxValue, afterRunning: true);
        var error = await FailDropsFromAsync(client, dropsFailFromStage, int.MaxValue);
        Assert.Contains($"injected: {method} failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("injected: DropRun failed", (string)error.Data[RunCleanup.DropFailureKey]!, StringComparison.Ordinal);
    }

    /// <summary>
    /// A run whose steps succeed but whose drop fails fails with the drop's error, not silently: the candidate run's
    /// drop at one partition after stage 2, and the anchor run's at one partition once its weak links are judged (armed
    /// when stage 4 starts). Only one drop call fails, so the drops after it pass and do not report it.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task ClusterAsync_StepsSucceedButDropFails_DropsErrorReachesCaller(int dropsFailFromStage)
    {
        var client = await IndexAsync($"cleanup-drop-{dropsFailFromStage}");
        var error = await FailDropsFromAsync(client, dropsFailFromStage, count: 1);
        Assert.Contains("injected: DropRun failed", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs a clustering whose next <paramref name="count"/> drops at the document partitions fail, armed when stage
    /// <paramref name="stage"/> starts (0: before the run); returns its error.
    /// </summary>
    private static async Task<Exception> FailDropsFromAsync(NearDupClusterClient client, int stage, int count)
    {
        void FailDrops() => InjectedFailures.FailFatally(typeof(DocumentPartitionGrain), client.IndexName, nameof(IDocumentPartitionGrain.DropRun),
            count, afterRunning: false);
        if (stage == 0)
        {
            FailDrops();
        }
        try
        {
            return await Assert.ThrowsAnyAsync<Exception>(() => client.ClusterAsync(includePairs: false, new StageProbe(p =>
            {
                if (p.Stage == stage)
                {
                    FailDrops();
                }
            })));
        }
        finally
        {
            InjectedFailures.Disarm(client.IndexName);
        }
    }

    /// <summary>
    /// A run cancelled when stage 5 starts (the anchor run held, its postings at the key ranges) stops at the common
    /// facts' count, after the partitions sent their tallies, and leaves no state at any grain.
    /// </summary>
    [Fact]
    public async Task ClusterAsync_CancelledAtStageFive_LeavesNoRunState()
    {
        var client = await IndexAsync("cleanup-cancelled");
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ClusterAsync(includePairs: false, new StageProbe(p =>
        {
            if (p.Stage == 5)
            {
                cancel.Cancel();
            }
        }), cancel.Token));
        Assert.Empty(await HeldAsync(client));
    }

    /// <summary>
    /// A count that fails after the partitions sent their tallies, and whose ranges' drop then fails too, reaches the
    /// caller with its own error, carrying the drop's.
    /// </summary>
    [Fact]
    public async Task ClusterAsync_CountFailsThenItsDropFails_CountsOwnErrorReachesCaller()
    {
        var client = await IndexAsync("cleanup-both-count");
        InjectedFailures.FailFatally(typeof(DocumentPartitionGrain), client.IndexName, nameof(IDocumentPartitionGrain.CountGroups), int.MaxValue, afterRunning: true);
        InjectedFailures.FailFatally(typeof(FingerprintCountGrain), client.IndexName, nameof(IFingerprintCountGrain.Drop), int.MaxValue, afterRunning: false);
        Exception error;
        try
        {
            error = await Assert.ThrowsAnyAsync<Exception>(() => client.ClusterAsync());
        }
        finally
        {
            InjectedFailures.Disarm(client.IndexName);
        }
        Assert.Contains("injected: CountGroups failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("injected: Drop failed", (string)error.Data[RunCleanup.DropFailureKey]!, StringComparison.Ordinal);
    }

    /// <summary>
    /// A run that succeeds frees each stage's state once the stage is done: when stage 5 starts, the partitions hold the
    /// anchor run alone, its postings at its anchor-key ranges (the candidate run dropped, the boilerplate count's ranges
    /// empty); when stage 6 starts, nothing
    /// (the anchor run dropped once its weak links were judged, the common facts' ranges empty); and nothing at the end.
    /// </summary>
    [Fact]
    public async Task ClusterAsync_Succeeds_EachStagesStateFreedOnceDone()
    {
        var client = await IndexAsync("cleanup-succeeds");
        var seen = new Dictionary<int, Dictionary<string, int>>();
        var result = await client.ClusterAsync(includePairs: false, new StageProbe(p =>
        {
            if (p.Stage is 5 or 6)
            {
                seen[p.Stage] = HeldAsync(client).GetAwaiter().GetResult();
            }
        }));
        Assert.True(result.Statistics.AnchorCandidates > 0); // the anchor run had pairs to judge
        Assert.Equal([5, 6], seen.Keys.Order());
        // At stage 5: each document partition holds one run, the anchor run, whose postings wait at its key ranges.
        var atFive = seen[5];
        var partitions = Enumerable.Range(0, client.Partitions).Select(p => PartitionMap.GrainKey(client.IndexName, PartitionKind.Document, p)).ToList();
        Assert.All(partitions, p => Assert.Equal(1, atFive.GetValueOrDefault(p)));
        var ranges = atFive.Keys.Except(partitions).ToList();
        Assert.NotEmpty(ranges);
        Assert.Single(ranges.Select(r => r[..r.LastIndexOf('/')]).Distinct());
        Assert.All(ranges, r => Assert.StartsWith($"{client.IndexName}/AnchorKeys/", r, StringComparison.Ordinal));
        Assert.Empty(seen[6]);
        Assert.Empty(await HeldAsync(client));
    }

    /// <summary>600 generated documents with strong copies (every stage has work), in an index of 3 partitions.</summary>
    private async Task<NearDupClusterClient> IndexAsync(string index)
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 3);
        await client.AddRangeAsync(TestCorpus.Documents(600, seed: 171, strongCopies: true));
        return client;
    }

    private static Type GrainType(string name) => typeof(DocumentPartitionGrain).Assembly.GetType($"{typeof(DocumentPartitionGrain).Namespace}.{name}", throwOnError: true)!;

    /// <summary>
    /// The grains of the index that hold something for a run, by grain key, with what they hold: its document
    /// partitions, and every grain of the index live on any silo that keeps per-run state (<see cref="IRunStateProbe"/>:
    /// the anchor-key, pair and count ranges; a range dropped deactivates, and one asked after that is activated empty).
    /// </summary>
    private async Task<Dictionary<string, int>> HeldAsync(NearDupClusterClient client)
    {
        var grains = fixture.Cluster.Client;
        var probed = Enumerable.Range(0, client.Partitions)
            .Select(p => grains.GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey(client.IndexName, PartitionKind.Document, p)).GetGrainId())
            .ToHashSet();
        // Activations name their grain class as "type, assembly".
        var live = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        probed.UnionWith(live.Where(a => a.GrainId.Key.ToString()!.StartsWith(client.IndexName + "/", StringComparison.Ordinal)
            && typeof(IRunStateProbe).IsAssignableFrom(Type.GetType(a.GrainType, throwOnError: true))).Select(a => a.GrainId));
        var held = new Dictionary<string, int>();
        foreach (var grain in probed)
        {
            int entries = await grains.GetGrain<IRunStateProbe>(grain).HeldRunState();
            if (entries > 0)
            {
                held[grain.Key.ToString()!] = entries;
            }
        }
        return held;
    }

    /// <summary>Reports each stage on the builder's own thread, as it starts (<see cref="Progress{T}"/> would post it elsewhere, later).</summary>
    private sealed class StageProbe(Action<ClusteringProgress> report) : IProgress<ClusteringProgress>
    {
        public void Report(ClusteringProgress value) => report(value);
    }
}
