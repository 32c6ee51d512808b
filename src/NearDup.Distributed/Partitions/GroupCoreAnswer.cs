namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a document partition returns for a <see cref="GroupCoreRequest"/>, group by group: the representative
/// <see cref="Clustering.GroupStage.Cores"/> names, as its place among the group's members (-1: a member is not as
/// listed, nothing computed), and the group's core relative to that representative's fingerprints
/// (<see cref="RelativeCore"/>; empty for -1), which the anchors and weak links still read at the coordinator.
/// </summary>
/// <param name="Representatives">Each group's representative, by its place in the group (0 is the first member).</param>
/// <param name="Kept">Each group's <see cref="RelativeCore.Encode"/> bits: which of its representative's fingerprints the core holds.</param>
/// <param name="Added">Each group's core fingerprints its representative lacks, packed.</param>
[GenerateSerializer, Immutable, Alias("NearDup.GroupCoreAnswer")]
public sealed record GroupCoreAnswer([property: Id(0)] int[] Representatives, [property: Id(1)] byte[][] Kept, [property: Id(2)] byte[][] Added);
