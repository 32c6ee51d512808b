using Orleans.Concurrency;

namespace NearDup.Distributed.Grains;

/// <summary>
/// Reads one shard of input at a silo, sketches it there and adds it through the partitions' add path
/// (<see cref="NearDupClusterClient.AddShardsAsync"/>). Key from <see cref="Partitions.PartitionMap.ShardKey"/>: one
/// activation per shard and attempt, placed by <see cref="Hosting.ShardPlacementAttribute"/> so shards spread over the silos.
/// </summary>
[Alias("NearDup.IShardIngestGrain")]
public interface IShardIngestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reads, sketches and adds the shard; returns when every batch is acknowledged or the shard stopped. A shard is
    /// minutes of work, so the call may take a day: a silo that dies fails it (Orleans breaks its callbacks), sooner.
    /// </summary>
    [Alias("Ingest"), ResponseTimeout("1.00:00:00")]
    public Task<ShardIngestAnswer> Ingest(ShardIngestRequest request);

    /// <summary>Documents read so far by <see cref="Ingest"/> (answered while it runs).</summary>
    [Alias("Progress"), AlwaysInterleave]
    public Task<long> Progress();
}
