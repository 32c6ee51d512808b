using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Partitions a warm-up loads at once: a few, so that their state reads leave a silo's pool room for writes.</summary>
    private const int WarmUpConcurrency = 4;

    private long _retriedCalls;

    /// <summary>
    /// Reports each read-only call a batch run or a warm-up sends again after a failure of the cluster's, with why and
    /// when (the CLI prints it on stderr): right after a restart, partitions activate on their first call, each reading its
    /// state from storage, and some of those first calls can outlast their timeout.
    /// </summary>
    public event Action<string>? CallRetried;

    /// <summary>Read-only calls sent again after a failure so far (<see cref="RetriedAsync"/>).</summary>
    internal long RetriedCalls => Interlocked.Read(ref _retriedCalls);

    /// <summary>
    /// Activates every partition of the index (document, band, SimHash and anchor, <see cref="WarmUpConcurrency"/> at a
    /// time), so that each has read its state from storage before the first query or batch run needs it: a silo started on
    /// a stored index calls it before it reports itself serving. Returns the partitions activated.
    /// </summary>
    public async Task<int> WarmUpAsync(CancellationToken cancellationToken = default)
    {
        var grains = (PartitionKind[])[PartitionKind.Document, PartitionKind.Band, PartitionKind.SimHash, PartitionKind.Anchor];
        var keys = grains.SelectMany(kind => Enumerable.Range(0, Partitions).Select(p => (kind, p))).ToArray();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = WarmUpConcurrency, CancellationToken = cancellationToken },
            async (key, token) => await RetriedAsync($"warm-up of partition {PartitionMap.GrainKey(IndexName, key.kind, key.p)}",
                () => key.kind == PartitionKind.Document ? DocumentPartition(key.p).Stats() : KeyPartition(key.kind, key.p).Stats(), token));
        return keys.Length;
    }

    /// <summary>
    /// Runs a read-only (or idempotent) call, again while it fails for a reason of the cluster's (an <see cref="OrleansException"/>, a
    /// timeout, or a cancellation the caller did not ask for), up to <see cref="StoreAttempts"/> times with the waits of <see cref="StoreWithRetriesAsync"/> (1, 2, 4, 8,
    /// then 15 s): a partition activating after a restart, or moving off a silo that died, answers a little later. Each
    /// retry is reported (<see cref="CallRetried"/>); after the last, the failure is the caller's.
    /// </summary>
    private async Task<T> RetriedAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            // A cancellation the caller did not ask for is Orleans giving up on an activation (one that read its state
            // for longer than the activation timeout): the next call activates the partition again.
            catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException && attempt < StoreAttempts
                && !cancellationToken.IsCancellationRequested)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(15, 1 << (attempt - 1)));
                Interlocked.Increment(ref _retriedCalls);
                string reason = e.Message.Split('\n', 2)[0].Trim();
                CallRetried?.Invoke($"{what} failed ({reason}); sent again in {wait.TotalSeconds:0} s, attempt {attempt + 1} of {StoreAttempts} "
                    + "(partitions read their state from storage on their first call after a restart)");
                await Task.Delay(wait, cancellationToken);
            }
        }
    }
}
