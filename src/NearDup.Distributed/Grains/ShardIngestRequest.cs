namespace NearDup.Distributed.Grains;

/// <summary>A shard to read and add to an index (<see cref="IShardIngestGrain.Ingest"/>).</summary>
/// <param name="Index">The index.</param>
/// <param name="OptionsJson">The client's options (<see cref="Partitions.PartitionScorer.OptionsJson"/>), checked against the index's as a client's are.</param>
/// <param name="Shard">The shard.</param>
/// <param name="ReaderSettings">The silo's <see cref="IShardReader"/> settings.</param>
[GenerateSerializer, Immutable, Alias("NearDup.ShardIngestRequest")]
public sealed record ShardIngestRequest([property: Id(0)] string Index, [property: Id(1)] string OptionsJson, [property: Id(2)] IngestShard Shard,
    [property: Id(3)] string ReaderSettings);
