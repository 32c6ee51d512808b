using Orleans.Placement;

namespace NearDup.Distributed.Hosting;

/// <summary>Marks a grain class placed by <see cref="ShardPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ShardPlacementAttribute() : PlacementAttribute(ShardPlacement.Instance);
