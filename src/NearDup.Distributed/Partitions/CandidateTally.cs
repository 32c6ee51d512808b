namespace NearDup.Distributed.Partitions;

/// <summary>
/// The candidate pairs one key partition found for one document partition: each pair by its two rows' numbers in the
/// run's listing (<see cref="RunNumbering"/>), the first the one whose id sorts first (stored at that partition), and
/// the ids of the numbers used, once each, so that the partition can read the sketches.
/// </summary>
/// <param name="Pairs">Packed (first, second) numbers.</param>
/// <param name="Numbers">The numbers the pairs use, ascending.</param>
/// <param name="Ids">Their ids, parallel to <paramref name="Numbers"/>.</param>
[GenerateSerializer, Immutable, Alias("NearDup.CandidateTally")]
public sealed record CandidateTally([property: Id(0)] long[] Pairs, [property: Id(1)] int[] Numbers, [property: Id(2)] string[] Ids);
