using NearDup.Distributed.Grains;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Fails chosen partition calls in the shared test cluster, as calls to a silo that died, or to a partition still
/// loading its state, fail: a test arms it for its own index, so the other tests' calls pass through.
/// </summary>
internal static class InjectedFailures
{
    private static string? s_index;
    private static string? s_method;
    private static int s_count;
    private static bool s_afterRunning;

    /// <summary>Fails the next <paramref name="count"/> key-partition adds of index <paramref name="index"/>.</summary>
    public static void FailKeyAdds(string index, int count) => Fail(index, nameof(IKeyPartitionGrain.Add), count);

    /// <summary>Fails the next <paramref name="count"/> listing calls (<see cref="IDocumentPartitionGrain.Scan"/>) of index <paramref name="index"/>.</summary>
    public static void FailScans(string index, int count) => Fail(index, nameof(IDocumentPartitionGrain.Scan), count);

    /// <summary>
    /// Fails the next <paramref name="count"/> anchor-pairing calls (<see cref="IAnchorKeyGrain.Pair"/>) of index
    /// <paramref name="index"/> after they ran, as a call whose answer was lost.
    /// </summary>
    public static void FailPairsAfterRunning(string index, int count) => Fail(index, nameof(IAnchorKeyGrain.Pair), count, afterRunning: true);

    /// <summary>
    /// Fails the next <paramref name="count"/> tallies sent to the pair ranges (<see cref="IAnchorPairGrain.Tally"/>) of
    /// index <paramref name="index"/>, so that the anchor-key range's pairing fails after sending some of its tallies.
    /// </summary>
    public static void FailTallies(string index, int count) => Fail(index, nameof(IAnchorPairGrain.Tally), count);

    /// <summary>
    /// Fails the next <paramref name="count"/> pairings of key partitions' runs (<see cref="IKeyPartitionGrain.PairRuns"/>)
    /// of index <paramref name="index"/> after they ran (their tallies sent), as a call whose answer was lost.
    /// </summary>
    public static void FailPairRunsAfterRunning(string index, int count) => Fail(index, nameof(IKeyPartitionGrain.PairRuns), count, afterRunning: true);

    /// <summary>
    /// Fails the next <paramref name="count"/> candidate tallies sent to document partitions (<see cref="IDocumentPartitionGrain.TallyCandidates"/>)
    /// of index <paramref name="index"/>, so that a key partition's pairing fails after sending some of its tallies.
    /// </summary>
    public static void FailCandidateTallies(string index, int count) => Fail(index, nameof(IDocumentPartitionGrain.TallyCandidates), count);

    /// <summary>Fails the next <paramref name="count"/> candidate measurings (<see cref="IDocumentPartitionGrain.MeasureCandidates"/>) of index <paramref name="index"/> after they ran.</summary>
    public static void FailMeasureCandidatesAfterRunning(string index, int count) =>
        Fail(index, nameof(IDocumentPartitionGrain.MeasureCandidates), count, afterRunning: true);

    /// <summary>
    /// Fails the next <paramref name="count"/> core calls (<see cref="IDocumentPartitionGrain.Cores"/>) of index
    /// <paramref name="index"/> after they ran (their groups kept and their anchors posted), as a call whose answer was lost.
    /// </summary>
    public static void FailCoresAfterRunning(string index, int count) => Fail(index, nameof(IDocumentPartitionGrain.Cores), count, afterRunning: true);

    /// <summary>Fails the next <paramref name="count"/> weak-link judgings (<see cref="IDocumentPartitionGrain.JudgeRunLinks"/>) of index <paramref name="index"/> after they ran.</summary>
    public static void FailJudgeRunLinksAfterRunning(string index, int count) =>
        Fail(index, nameof(IDocumentPartitionGrain.JudgeRunLinks), count, afterRunning: true);

    /// <summary>Fails the next <paramref name="count"/> shard ingests of index <paramref name="index"/> after they ran, as a silo that died before it answered.</summary>
    public static void FailShardIngestsAfterRunning(string index, int count) => Fail(index, nameof(IShardIngestGrain.Ingest), count, afterRunning: true);

    private static void Fail(string index, string method, int count, bool afterRunning = false)
    {
        Volatile.Write(ref s_afterRunning, afterRunning);
        Volatile.Write(ref s_index, index);
        Volatile.Write(ref s_method, method);
        Volatile.Write(ref s_count, count);
    }

    /// <summary>The silos' incoming call filter.</summary>
    public static async Task Filter(IIncomingGrainCallContext context)
    {
        if (!Armed(context))
        {
            await context.Invoke();
            return;
        }
        if (Volatile.Read(ref s_afterRunning))
        {
            await context.Invoke();
        }
        throw new OrleansException("injected: the partition's silo is gone");
    }

    private static bool Armed(IIncomingGrainCallContext context) =>
        (context.Grain is KeyPartitionGrain or DocumentPartitionGrain or AnchorKeyGrain or AnchorPairGrain or ShardIngestGrain) && context.InterfaceMethod.Name == Volatile.Read(ref s_method)
            && (context.Grain is KeyPartitionGrain) == (context.InterfaceMethod.Name is nameof(IKeyPartitionGrain.Add) or nameof(IKeyPartitionGrain.PairRuns))
            && Volatile.Read(ref s_index) is { } index && context.TargetId.Key.ToString()!.StartsWith(index + "/", StringComparison.Ordinal)
            && Interlocked.Decrement(ref s_count) >= 0;
}
