namespace NearDup.Distributed.Partitions;

/// <summary>
/// Ids a key partition holds rows of, asked of their document partition for their places in a batch run's listing of
/// it (<see cref="Grains.IDocumentPartitionGrain.ListedRanks"/>): the partition listed <see cref="Count"/> documents,
/// the last <see cref="Last"/>, with <see cref="ListingDigest"/> <see cref="Digest"/> over them. The partition checks
/// that listing once per <see cref="Run"/>, and answers the run's other key partitions from the ids it checked.
/// </summary>
/// <param name="Count">Documents the run listed of the partition.</param>
/// <param name="Last">The last of them, or null when none.</param>
/// <param name="Digest"><see cref="ListingDigest"/> of their listed ids and content hashes.</param>
/// <param name="Ids">The ids asked about.</param>
/// <param name="Run">The batch run's candidate pairing, whose state the partition keeps the checked listing in.</param>
[GenerateSerializer, Immutable, Alias("NearDup.ListedRankRequest")]
public sealed record ListedRankRequest([property: Id(0)] int Count, [property: Id(1)] string? Last, [property: Id(2)] ulong Digest,
    [property: Id(3)] string[] Ids, [property: Id(4)] string Run);
