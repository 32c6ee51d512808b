using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>
    /// Adds the documents of <paramref name="shards"/>, each read, sketched and stored at a silo
    /// (<see cref="IShardIngestGrain"/>, placed round the silos in turn) with this client's options and the same partition
    /// calls as <see cref="AddRangeAsync(IEnumerable{Clustering.DocumentInput}, CancellationToken)"/>: the client sends each shard's path and range, not its documents. The silos
    /// must see the paths (shared storage) and be started with a reader (<see cref="Hosting.NearDupSiloExtensions.AddNearDupShardIngest"/>).
    /// Runs <paramref name="concurrency"/> shards at once (0: one per active silo). A shard whose call fails for a reason of
    /// the cluster's (its silo died, a timeout) is sent again to the next silo, up to 10 times: re-adding its documents
    /// answers <see cref="AddOutcome.AlreadyPresent"/>. A shard that stops on its input (a bad line, a path the silo cannot
    /// read, ids taken) is not sent again; its result says why, with what it acknowledged before.
    /// </summary>
    /// <param name="shards">The shards, in the order their results come back.</param>
    /// <param name="readerSettings">The silos' reader's settings (the CLI's: its input flags as JSON); empty for its defaults.</param>
    /// <param name="progress">Told each shard's result as it finishes.</param>
    /// <param name="concurrency">Shards in flight at once; 0 for the number of active silos.</param>
    /// <param name="cancellationToken">Stops sending shards (those in flight finish at their silos).</param>
    public async Task<ShardIngestResult[]> AddShardsAsync(IReadOnlyList<IngestShard> shards, string readerSettings = "",
        IProgress<ShardIngestResult>? progress = null, int concurrency = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(readerSettings);
        ArgumentOutOfRangeException.ThrowIfNegative(concurrency);
        if (concurrency == 0)
        {
            concurrency = await ActiveSilosAsync();
        }
        string run = Guid.NewGuid().ToString("N");
        var results = new ShardIngestResult[shards.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, shards.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (k, token) =>
            {
                results[k] = await IngestShardAsync(run, k, shards[k], readerSettings, token);
                progress?.Report(results[k]);
            });
        return results;
    }

    /// <summary>
    /// The silos active now (at least 1): the shards <see cref="AddShardsAsync"/> runs at once by default, and so the
    /// stripes worth dealing a compressed file into (<see cref="IngestShard.Striped"/>).
    /// </summary>
    public async Task<int> ActiveSilosAsync() => Math.Max(1, (await _grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);

    /// <summary>One shard, sent again under a new key (so placed afresh) while its call fails for a reason of the cluster's.</summary>
    private async Task<ShardIngestResult> IngestShardAsync(string run, int k, IngestShard shard, string readerSettings, CancellationToken cancellationToken)
    {
        var request = new ShardIngestRequest(IndexName, _optionsJson, shard, readerSettings);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var grain = _grains.GetGrain<IShardIngestGrain>(PartitionMap.ShardKey(IndexName, run, k, attempt - 1));
                var answer = await grain.Ingest(request);
                return new ShardIngestResult(shard, answer.Added, answer.AlreadyPresent, answer.Conflicts, answer.Skipped, answer.Error, answer.Silo, attempt);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && attempt < StoreAttempts && !cancellationToken.IsCancellationRequested)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(15, 1 << (attempt - 1)));
                Interlocked.Increment(ref _retriedCalls);
                CallRetried?.Invoke($"shard {shard} failed ({e.Message.Split('\n', 2)[0].Trim()}); sent again in {wait.TotalSeconds:0} s, "
                    + $"attempt {attempt + 1} of {StoreAttempts} (its documents added already count as already present)");
                await Task.Delay(wait, cancellationToken);
            }
        }
    }
}
