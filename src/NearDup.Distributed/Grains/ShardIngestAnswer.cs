namespace NearDup.Distributed.Grains;

/// <summary>What a shard's ingest did: the counts acknowledged, and why it stopped, if it did.</summary>
[GenerateSerializer, Immutable, Alias("NearDup.ShardIngestAnswer")]
public sealed record ShardIngestAnswer([property: Id(0)] long Added, [property: Id(1)] long AlreadyPresent, [property: Id(2)] long Conflicts,
    [property: Id(3)] long Skipped, [property: Id(4)] string? Error, [property: Id(5)] string Silo);
