namespace NearDup.Distributed.Partitions;

/// <summary>
/// A pair range's anchor candidates (<see cref="Grains.IAnchorPairGrain.Shared"/>): the pairs of groups sharing enough
/// anchors, and where each one's larger group's members are kept for the run.
/// </summary>
/// <param name="Pairs">Packed (smaller, larger) groups, ascending.</param>
/// <param name="Owners">Per pair, the document partition that keeps its larger group's members (-1: none).</param>
[GenerateSerializer, Immutable, Alias("NearDup.AnchorPairAnswer")]
public sealed record AnchorPairAnswer([property: Id(0)] long[] Pairs, [property: Id(1)] int[] Owners);
