namespace NearDup.Distributed.Partitions;

/// <summary>
/// Groups of two or more members whose cores and representatives a document partition computes for a batch run
/// (<see cref="Grains.IDocumentPartitionGrain.Cores"/>): group k's members are
/// <see cref="Ids"/>[<see cref="Starts"/>[k]..<see cref="Starts"/>[k + 1]], in ordinal order of id, its first member
/// stored in the partition asked, the others anywhere. A group with a member changed or gone since the listing is not
/// computed there, and the run computes it from its listing.
/// </summary>
/// <param name="Index">The index name, to find the other document partitions.</param>
/// <param name="Partitions">The index's partition count.</param>
/// <param name="Starts">Where each group's members start in <see cref="Ids"/>, and the end.</param>
/// <param name="Ids">The members, group after group.</param>
/// <param name="Content">The listed content hash of each member.</param>
/// <param name="Anchors">When given, the anchors of each group's core computed here are posted to the run's anchor-key ranges.</param>
[GenerateSerializer, Immutable, Alias("NearDup.GroupCoreRequest")]
public sealed record GroupCoreRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] int[] Starts,
    [property: Id(3)] string[] Ids, [property: Id(4)] ulong[] Content, [property: Id(5)] AnchorPosting? Anchors = null);
