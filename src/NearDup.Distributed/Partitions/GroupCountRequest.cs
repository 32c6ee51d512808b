namespace NearDup.Distributed.Partitions;

/// <summary>
/// Groups a document partition counts for a batch run's boilerplate (<see cref="Grains.IDocumentPartitionGrain.CountGroups"/>):
/// group k's members are <see cref="Ids"/>[<see cref="Starts"/>[k]..<see cref="Starts"/>[k + 1]], its first member
/// stored in the partition asked (which owns the group), the others anywhere. The content hashes are the listed ones: a
/// group with a member changed or gone since the listing is not counted there, and the run counts it from its listing.
/// </summary>
/// <param name="Index">The index name, to find the other document partitions.</param>
/// <param name="Partitions">The index's partition count, which is also the count's number of fingerprint ranges.</param>
/// <param name="Run">The run's count (<see cref="PartitionMap.CountKey"/>), unique to the run.</param>
/// <param name="Chunk">This request's number in the run: its tallies replace those of an earlier send of it.</param>
/// <param name="Starts">Where each group's members start in <see cref="Ids"/>, and the end.</param>
/// <param name="Ids">The members, group after group.</param>
/// <param name="Content">The listed content hash of each member.</param>
[GenerateSerializer, Immutable, Alias("NearDup.GroupCountRequest")]
public sealed record GroupCountRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] string Run,
    [property: Id(3)] int Chunk, [property: Id(4)] int[] Starts, [property: Id(5)] string[] Ids, [property: Id(6)] ulong[] Content);
