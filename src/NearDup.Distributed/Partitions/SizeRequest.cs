namespace NearDup.Distributed.Partitions;

/// <summary>
/// Documents a document partition sizes for a batch run (<see cref="Grains.IDocumentPartitionGrain.Sizes"/>): each one's
/// fingerprints that are not in <see cref="Common"/>, the run's boilerplate. The content hashes are the listed ones: a
/// document changed or gone since the listing is not sized there, and the run sizes it from its listing instead.
/// </summary>
/// <param name="Ids">Ids stored in the partition asked.</param>
/// <param name="Content">The listed content hash of each.</param>
/// <param name="Common">The run's boilerplate fingerprints, ascending.</param>
[GenerateSerializer, Immutable, Alias("NearDup.SizeRequest")]
public sealed record SizeRequest([property: Id(0)] string[] Ids, [property: Id(1)] ulong[] Content, [property: Id(2)] uint[] Common);
