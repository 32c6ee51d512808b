using NearDup.Distributed.Partitions;
using Orleans.Runtime.Placement;

namespace NearDup.Distributed.Hosting;

/// <summary>Chooses the silo of a partition: its number (<see cref="PartitionMap.PartitionOfKey"/>) modulo the compatible silos, ordered by address.</summary>
internal sealed class PartitionPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        Task.FromResult(SiloOf(PartitionMap.PartitionOfKey(target.GrainIdentity.Key.ToString()!), context.GetCompatibleSilos(target)));

    /// <summary>The silo of partition <paramref name="partition"/> among <paramref name="silos"/>: the rule placement and a partition's own check share.</summary>
    public static SiloAddress SiloOf(int partition, IEnumerable<SiloAddress> silos)
    {
        var ordered = silos.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        return ordered[partition % ordered.Length];
    }
}
