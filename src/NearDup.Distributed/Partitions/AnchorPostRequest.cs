namespace NearDup.Distributed.Partitions;

/// <summary>
/// A chunk of a document partition's listed documents whose anchors it posts for a batch run's anchor pairing
/// (<see cref="Grains.IDocumentPartitionGrain.PostAnchors"/>): where the chunk is and a digest of it, as a
/// <see cref="SizeRequest"/> gives them, and in <see cref="AnchorPosting.Groups"/> the group of each document that is
/// a group of one (its fingerprints are the group's core), -1 for the others (their groups' cores are posted by the core calls).
/// </summary>
/// <param name="Index">The index name.</param>
/// <param name="Partitions">The index's partition count, which is also the pairing's number of ranges.</param>
/// <param name="After">The id before the chunk in the partition's ordinal order (null: the chunk starts the partition).</param>
/// <param name="Last">The chunk's last id.</param>
/// <param name="Count">The chunk's documents.</param>
/// <param name="Digest"><see cref="ListingDigest"/> of their listed ids and content hashes.</param>
/// <param name="Anchors">The run, the sender's name, the mask, and a group number a document.</param>
/// <param name="Ids">Null, or the chunk's ids: sent again so when the partition's order around the chunk changed (a
/// document added between two listed ones), so the partition finds them by id.</param>
[GenerateSerializer, Immutable, Alias("NearDup.AnchorPostRequest")]
public sealed record AnchorPostRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] string? After,
    [property: Id(3)] string Last, [property: Id(4)] int Count, [property: Id(5)] ulong Digest, [property: Id(6)] AnchorPosting Anchors,
    [property: Id(7)] string[]? Ids = null);
