namespace NearDup.Distributed.Partitions;

/// <summary>
/// A chunk of a document partition's listed documents whose groups of one it counts for a batch run's boilerplate
/// (<see cref="Grains.IDocumentPartitionGrain.CountSingles"/>): where the chunk is in the partition's ordinal order and
/// a digest of it, as a <see cref="SizeRequest"/> gives them, and one bit a document, set for a group of one, not their
/// ids. Most groups are of one document, stored where it is counted, so a bit is all the coordinator need send of one,
/// and the partition reads its rows in order instead of looking each up by id.
/// </summary>
/// <param name="Index">The index name.</param>
/// <param name="Partitions">The index's partition count, which is also the count's number of fingerprint ranges.</param>
/// <param name="Run">The run's count (<see cref="PartitionMap.CountKey"/>), unique to the run.</param>
/// <param name="Chunk">This request's number in the run: its tallies replace those of an earlier send of it.</param>
/// <param name="After">The id before the chunk in the partition's ordinal order (null: the chunk starts the partition).</param>
/// <param name="Last">The chunk's last id.</param>
/// <param name="Count">The chunk's documents.</param>
/// <param name="Digest"><see cref="ListingDigest"/> of their listed ids and content hashes.</param>
/// <param name="Singles">Bit k (of byte k / 8, from the lowest) set when the chunk's document k is a group of one.</param>
/// <param name="Ids">Null, or the ids of the chunk's groups of one alone, with <paramref name="Content"/>: sent again so
/// when the partition's order around the chunk changed (a document added or removed there), so the partition finds
/// them by id (the place fields and <paramref name="Singles"/> then unread).</param>
/// <param name="Content">With <paramref name="Ids"/>, their listed content hashes.</param>
[GenerateSerializer, Immutable, Alias("NearDup.SingleCountRequest")]
public sealed record SingleCountRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] string Run,
    [property: Id(3)] int Chunk, [property: Id(4)] string? After, [property: Id(5)] string Last, [property: Id(6)] int Count,
    [property: Id(7)] ulong Digest, [property: Id(8)] byte[] Singles, [property: Id(9)] string[]? Ids = null, [property: Id(10)] ulong[]? Content = null);
