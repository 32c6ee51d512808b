using NearDup.Distributed.Partitions;
using Orleans.Runtime.Placement;

namespace NearDup.Distributed.Hosting;

/// <summary>Chooses the silo of a shard ingest: its turn (<see cref="PartitionMap.TurnOfShardKey"/>) among the compatible silos (<see cref="SiloTurns"/>).</summary>
internal sealed class ShardPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        Task.FromResult(SiloTurns.Of(PartitionMap.TurnOfShardKey(target.GrainIdentity.Key.ToString()!), context.GetCompatibleSilos(target)));
}
