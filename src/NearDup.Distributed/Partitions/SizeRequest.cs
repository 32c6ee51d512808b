namespace NearDup.Distributed.Partitions;

/// <summary>
/// Documents a document partition sizes for a batch run (<see cref="Grains.IDocumentPartitionGrain.Sizes"/>): each one's
/// fingerprints that are not in <see cref="Common"/>, the run's boilerplate. The documents are named by where they are,
/// not by id: the <see cref="Count"/> stored after <see cref="After"/>, in ordinal order of id, the last of them
/// <see cref="Last"/>, with <see cref="Digest"/> over them as listed. If the partition does not hold them so (a document
/// added, changed or removed there since the listing), it sizes none of them; the run sends their ids then, and a
/// document changed or removed since fails the run.
/// </summary>
/// <param name="After">The id just before them in the listing of this partition, or null from its first.</param>
/// <param name="Last">The last one's id.</param>
/// <param name="Count">How many.</param>
/// <param name="Digest"><see cref="ListingDigest"/> of their listed ids and content hashes.</param>
/// <param name="Common">The run's boilerplate fingerprints, packed (<see cref="PackedFingerprints"/>).</param>
/// <param name="Ids">Null, or the chunk's ids: sent again so when the partition's order around the chunk changed (a
/// document added between two listed ones), so the partition finds them by id.</param>
[GenerateSerializer, Immutable, Alias("NearDup.SizeRequest")]
public sealed record SizeRequest([property: Id(0)] string? After, [property: Id(1)] string Last, [property: Id(2)] int Count,
    [property: Id(3)] ulong Digest, [property: Id(4)] byte[] Common, [property: Id(5)] string[]? Ids = null);
