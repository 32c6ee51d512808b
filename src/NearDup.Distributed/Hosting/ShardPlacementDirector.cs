using NearDup.Distributed.Partitions;
using Orleans.Runtime.Placement;

namespace NearDup.Distributed.Hosting;

/// <summary>Chooses the silo of a shard ingest: its turn (<see cref="PartitionMap.TurnOfShardKey"/>) among the compatible silos ordered by address.</summary>
internal sealed class ShardPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        int turn = PartitionMap.TurnOfShardKey(target.GrainIdentity.Key.ToString()!);
        return Task.FromResult(silos[turn % silos.Length]);
    }
}
