namespace NearDup.Distributed.Hosting;

/// <summary>
/// Places shard ingests round the silos in turn (<see cref="ShardPlacementDirector"/>): shard k's attempt a on the
/// (k + a)th compatible silo by address. Orleans' random and activation-count placements pick among silos by chance, so
/// three shards on three silos land on three different ones only 2 times in 9 with random placement; a turn spreads
/// every round of shards evenly, and a shard sent again after its silo died goes to the next live silo.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("NearDup.ShardPlacement")]
public sealed class ShardPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static ShardPlacement Instance { get; } = new();
}
