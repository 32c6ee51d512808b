namespace NearDup.Distributed.Partitions;

/// <summary>
/// Candidate pairs of groups that a document partition verifies and judges for a batch run's weak-link stage, a chunk
/// of its <see cref="RunLinkRequest"/> (<see cref="PartitionRunLinks.Request"/>): group k's members are
/// <see cref="Ids"/>[<see cref="Starts"/>[k]..<see cref="Starts"/>[k + 1]], in ordinal order of id, the groups in the
/// order of the run's group numbers, so that a pair's smaller group stays first; the first group of each pair has its
/// first member stored in the partition asked, the other members and groups are read from wherever they are stored.
/// </summary>
/// <param name="Index">The index name, to find the other document partitions.</param>
/// <param name="Partitions">The index's partition count.</param>
/// <param name="Options">The run's options as JSON (<see cref="PartitionScorer.OptionsJson"/>): the verifier's and the judge's thresholds.</param>
/// <param name="Boilerplate">The run's boilerplate fingerprints, ascending.</param>
/// <param name="CommonFacts">The run's common facts (<see cref="Clustering.CommonFacts.Words"/>), ascending.</param>
/// <param name="Starts">Where each group's members start in <see cref="Ids"/>, and the end.</param>
/// <param name="Ids">The members, group after group.</param>
/// <param name="Content">The listed content hash of each member.</param>
/// <param name="Pairs">The pairs, packed (smaller, larger) places among the request's groups, ascending.</param>
/// <param name="Leftovers">Those of <see cref="Pairs"/> the strong stage left over (sent by the coordinator), ascending; the others are anchor candidates only.</param>
[GenerateSerializer, Immutable, Alias("NearDup.WeakLinkRequest")]
public sealed record WeakLinkRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] string Options,
    [property: Id(3)] uint[] Boilerplate, [property: Id(4)] uint[] CommonFacts, [property: Id(5)] int[] Starts, [property: Id(6)] string[] Ids,
    [property: Id(7)] ulong[] Content, [property: Id(8)] long[] Pairs, [property: Id(9)] long[] Leftovers);
