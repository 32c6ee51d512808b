namespace NearDup.Distributed.Partitions;

/// <summary>
/// Groups a document partition keeps for a batch run (<see cref="Grains.IDocumentPartitionGrain.RunGroups"/>), as the
/// run listed them: group k's members are <see cref="Ids"/>[<see cref="Starts"/>[k]..<see cref="Starts"/>[k + 1]],
/// in ordinal order of id, with the representative and core the partition computed for it.
/// </summary>
/// <param name="Starts">Where each group's members start in <see cref="Ids"/>, and the end.</param>
/// <param name="Ids">The members, group after group.</param>
/// <param name="Content">The listed content hash of each member.</param>
/// <param name="Representatives">Each group's representative, by its place among the group's members.</param>
/// <param name="Cores">Each group's core relative to its representative's fingerprints; null for a group of one.</param>
[GenerateSerializer, Immutable, Alias("NearDup.RunGroupMembers")]
public sealed record RunGroupMembers([property: Id(0)] int[] Starts, [property: Id(1)] string[] Ids, [property: Id(2)] ulong[] Content,
    [property: Id(3)] int[] Representatives, [property: Id(4)] RelativeCore?[] Cores);
