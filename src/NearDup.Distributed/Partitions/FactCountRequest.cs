namespace NearDup.Distributed.Partitions;

/// <summary>
/// A chunk of a document partition's listed documents whose representatives' facts it counts for a batch run's common
/// facts (<see cref="Grains.IDocumentPartitionGrain.CountFacts"/>): where the chunk is in the partition's ordinal order
/// and a digest of it, as a <see cref="SizeRequest"/> gives them, and one bit a document, set for the groups'
/// representatives, not their ids.
/// </summary>
/// <param name="Index">The index name.</param>
/// <param name="Partitions">The index's partition count, which is also the count's number of ranges.</param>
/// <param name="Run">The run's fact count (<see cref="PartitionMap.CountKey"/>), unique to the run.</param>
/// <param name="Chunk">This request's number in the run: its tallies replace those of an earlier send of it.</param>
/// <param name="After">The id before the chunk in the partition's ordinal order (null: the chunk starts the partition).</param>
/// <param name="Last">The chunk's last id.</param>
/// <param name="Count">The chunk's documents.</param>
/// <param name="Digest"><see cref="ListingDigest"/> of their listed ids and content hashes.</param>
/// <param name="Representatives">Bit k (of byte k / 8, from the lowest) set when the chunk's document k represents its group.</param>
/// <param name="Ids">Null, or the chunk's ids: sent again so when the partition's order around the chunk changed (a
/// document added between two listed ones), so the partition finds them by id.</param>
[GenerateSerializer, Immutable, Alias("NearDup.FactCountRequest")]
public sealed record FactCountRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] string Run,
    [property: Id(3)] int Chunk, [property: Id(4)] string? After, [property: Id(5)] string Last, [property: Id(6)] int Count,
    [property: Id(7)] ulong Digest, [property: Id(8)] byte[] Representatives, [property: Id(9)] string[]? Ids = null);
