using NearDup.Distributed.Partitions;
using Orleans.Runtime.Placement;

namespace NearDup.Distributed.Hosting;

/// <summary>Chooses the silo of a partition: its number (<see cref="PartitionMap.PartitionOfKey"/>) as its turn among the compatible silos (<see cref="SiloTurns"/>).</summary>
internal sealed class PartitionPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        Task.FromResult(SiloTurns.Of(PartitionMap.PartitionOfKey(target.GrainIdentity.Key.ToString()!), context.GetCompatibleSilos(target)));
}
