using System.Collections.Concurrent;
using NearDup.Distributed.Grains;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Fails chosen grain calls in the shared test cluster, as calls to a silo that died, or to a partition still
/// loading its state, fail (or, for the cleanup tests, with an error nothing retries): a test arms it for its own
/// index, so the other tests' calls pass through. Each method of each grain type is armed on its own, so a test may
/// fail several at once.
/// </summary>
internal static class InjectedFailures
{
    private static readonly ConcurrentDictionary<(Type Grain, string Method), Arming> s_armed = new();

    /// <summary>Fails the next <paramref name="count"/> key-partition adds of index <paramref name="index"/>.</summary>
    public static void FailKeyAdds(string index, int count) => Fail<KeyPartitionGrain>(index, nameof(IKeyPartitionGrain.Add), count);

    /// <summary>Fails the next <paramref name="count"/> listing calls (<see cref="IDocumentPartitionGrain.Scan"/>) of index <paramref name="index"/>.</summary>
    public static void FailScans(string index, int count) => Fail<DocumentPartitionGrain>(index, nameof(IDocumentPartitionGrain.Scan), count);

    /// <summary>Fails the next <paramref name="count"/> query scorings (<see cref="IDocumentPartitionGrain.Score"/>) of index <paramref name="index"/>.</summary>
    public static void FailScores(string index, int count) => Fail<DocumentPartitionGrain>(index, nameof(IDocumentPartitionGrain.Score), count);

    /// <summary>
    /// Fails the next <paramref name="count"/> calls to <paramref name="method"/> of grain type <paramref name="grain"/>
    /// of index <paramref name="index"/> as a silo that died fails them (an <see cref="OrleansException"/>, which reads send again).
    /// </summary>
    public static void FailReads(Type grain, string index, string method, int count) => s_armed[(grain, method)] = new Arming(index, count, false, fatal: false);

    /// <summary>
    /// Fails the next <paramref name="count"/> anchor-pairing calls (<see cref="IAnchorKeyGrain.Pair"/>) of index
    /// <paramref name="index"/> after they ran, as a call whose answer was lost.
    /// </summary>
    public static void FailPairsAfterRunning(string index, int count) => Fail<AnchorKeyGrain>(index, nameof(IAnchorKeyGrain.Pair), count, afterRunning: true);

    /// <summary>
    /// Fails the next <paramref name="count"/> tallies sent to the pair ranges (<see cref="IAnchorPairGrain.Tally"/>) of
    /// index <paramref name="index"/>, so that the anchor-key range's pairing fails after sending some of its tallies.
    /// </summary>
    public static void FailTallies(string index, int count) => Fail<AnchorPairGrain>(index, nameof(IAnchorPairGrain.Tally), count);

    /// <summary>
    /// Fails the next <paramref name="count"/> pairings of key partitions' runs (<see cref="IKeyPartitionGrain.PairRuns"/>)
    /// of index <paramref name="index"/> after they ran (their tallies sent), as a call whose answer was lost.
    /// </summary>
    public static void FailPairRunsAfterRunning(string index, int count) => Fail<KeyPartitionGrain>(index, nameof(IKeyPartitionGrain.PairRuns), count, afterRunning: true);

    /// <summary>
    /// Fails the next <paramref name="count"/> candidate tallies sent to document partitions (<see cref="IDocumentPartitionGrain.TallyCandidates"/>)
    /// of index <paramref name="index"/>, so that a key partition's pairing fails after sending some of its tallies.
    /// </summary>
    public static void FailCandidateTallies(string index, int count) => Fail<DocumentPartitionGrain>(index, nameof(IDocumentPartitionGrain.TallyCandidates), count);

    /// <summary>Fails the next <paramref name="count"/> candidate measurings (<see cref="IDocumentPartitionGrain.MeasureCandidates"/>) of index <paramref name="index"/> after they ran.</summary>
    public static void FailMeasureCandidatesAfterRunning(string index, int count) =>
        Fail<DocumentPartitionGrain>(index, nameof(IDocumentPartitionGrain.MeasureCandidates), count, afterRunning: true);

    /// <summary>
    /// Fails the next <paramref name="count"/> core calls (<see cref="IDocumentPartitionGrain.Cores"/>) of index
    /// <paramref name="index"/> after they ran (their groups kept and their anchors posted), as a call whose answer was lost.
    /// </summary>
    public static void FailCoresAfterRunning(string index, int count) => Fail<DocumentPartitionGrain>(index, nameof(IDocumentPartitionGrain.Cores), count, afterRunning: true);

    /// <summary>Fails the next <paramref name="count"/> weak-link judgings (<see cref="IDocumentPartitionGrain.JudgeRunLinks"/>) of index <paramref name="index"/> after they ran.</summary>
    public static void FailJudgeRunLinksAfterRunning(string index, int count) =>
        Fail<DocumentPartitionGrain>(index, nameof(IDocumentPartitionGrain.JudgeRunLinks), count, afterRunning: true);

    /// <summary>Fails the next <paramref name="count"/> shard ingests of index <paramref name="index"/> after they ran, as a silo that died before it answered.</summary>
    public static void FailShardIngestsAfterRunning(string index, int count) => Fail<ShardIngestGrain>(index, nameof(IShardIngestGrain.Ingest), count, afterRunning: true);

    /// <summary>
    /// Fails the next <paramref name="count"/> calls (<see cref="int.MaxValue"/>: every call until <see cref="Disarm"/>)
    /// to <paramref name="method"/> of grain type <paramref name="grain"/> of index <paramref name="index"/>, before they
    /// run or after, with an error a batch run does not send again (not an <see cref="OrleansException"/>) naming the method.
    /// </summary>
    public static void FailFatally(Type grain, string index, string method, int count, bool afterRunning) =>
        s_armed[(grain, method)] = new Arming(index, count, afterRunning, fatal: true);

    /// <summary>Fails nothing more for index <paramref name="index"/>.</summary>
    public static void Disarm(string index)
    {
        foreach (var armed in s_armed.Where(a => a.Value.Index == index))
        {
            s_armed.TryRemove(armed);
        }
    }

    /// <summary>Arms one method of one grain type, replacing its arming before; the other methods stay as armed.</summary>
    private static void Fail<TGrain>(string index, string method, int count, bool afterRunning = false, bool fatal = false) where TGrain : Grain =>
        s_armed[(typeof(TGrain), method)] = new Arming(index, count, afterRunning, fatal);

    /// <summary>The silos' incoming call filter.</summary>
    public static async Task Filter(IIncomingGrainCallContext context)
    {
        if (!s_armed.TryGetValue((context.Grain.GetType(), context.InterfaceMethod.Name), out var armed) || !armed.Takes(context))
        {
            await context.Invoke();
            return;
        }
        if (armed.AfterRunning)
        {
            await context.Invoke();
        }
        throw armed.Fatal
            ? new InvalidOperationException($"injected: {context.InterfaceMethod.Name} failed at {context.TargetId.Key}")
            : new OrleansException("injected: the partition's silo is gone");
    }

    /// <summary>One armed method: the index whose calls it fails, how many more, and how.</summary>
    private sealed class Arming(string index, int count, bool afterRunning, bool fatal)
    {
        private int _count = count;

        public string Index { get; } = index;

        public bool AfterRunning { get; } = afterRunning;

        public bool Fatal { get; } = fatal;

        /// <summary>Whether to fail this call: one of the index's, while some remain.</summary>
        public bool Takes(IIncomingGrainCallContext context) =>
            context.TargetId.Key.ToString()!.StartsWith(Index + "/", StringComparison.Ordinal) && (_count == int.MaxValue || Interlocked.Decrement(ref _count) >= 0);
    }
}
