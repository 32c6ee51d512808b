namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a document partition returns for a <see cref="GroupCoreRequest"/>, group by group: the representative
/// <see cref="Clustering.GroupStage.Cores"/> names, as its place among the group's members (-1: a member is not as
/// listed, nothing computed). The cores themselves stay at the partitions: their anchors are posted from there, and
/// they are kept there for the run, for the weak links' judging partitions to verify on.
/// </summary>
/// <param name="Representatives">Each group's representative, by its place in the group (0 is the first member).</param>
[GenerateSerializer, Immutable, Alias("NearDup.GroupCoreAnswer")]
public sealed record GroupCoreAnswer([property: Id(0)] int[] Representatives);
