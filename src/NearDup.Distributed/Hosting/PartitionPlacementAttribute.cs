using Orleans.Placement;

namespace NearDup.Distributed.Hosting;

/// <summary>Marks a grain class placed by <see cref="PartitionPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PartitionPlacementAttribute() : PlacementAttribute(PartitionPlacement.Instance);
