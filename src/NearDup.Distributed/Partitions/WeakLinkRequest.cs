namespace NearDup.Distributed.Partitions;

/// <summary>
/// Candidate pairs of groups that a document partition verifies and judges for a batch run's weak-link stage, a chunk
/// of its <see cref="RunLinkRequest"/> (<see cref="PartitionRunLinks.Request"/>): the groups in the order of the run's
/// group numbers, so that a pair's smaller group stays first, each with the members the judge reads (every member of a
/// group of up to <see cref="Clustering.StoryJudge.MaxJudgedMembers"/>, the representative alone of a larger one:
/// group k's are <see cref="Ids"/>[<see cref="Starts"/>[k]..<see cref="Starts"/>[k + 1]], in ordinal order of id), its
/// size, representative and core as kept for the run where they were computed; the members' sketches are read from
/// wherever they are stored.
/// </summary>
/// <param name="Index">The index name, to find the other document partitions.</param>
/// <param name="Partitions">The index's partition count.</param>
/// <param name="Options">The run's options as JSON (<see cref="PartitionScorer.OptionsJson"/>): the verifier's and the judge's thresholds.</param>
/// <param name="Boilerplate">The run's boilerplate fingerprints, ascending.</param>
/// <param name="CommonFacts">The run's common facts (<see cref="Clustering.CommonFacts.Words"/>), ascending.</param>
/// <param name="Starts">Where each group's judged members start in <see cref="Ids"/>, and the end.</param>
/// <param name="Ids">The judged members, group after group.</param>
/// <param name="Content">The listed content hash of each judged member.</param>
/// <param name="Sizes">Each group's size (its members, judged or not).</param>
/// <param name="Representatives">Each group's representative, by its place among the group's judged members.</param>
/// <param name="Cores">Each group's core relative to its representative's fingerprints; null for a group of one.</param>
/// <param name="Pairs">The pairs, packed (smaller, larger) places among the request's groups, ascending.</param>
/// <param name="Leftovers">Those of <see cref="Pairs"/> the strong stage left over (sent by the coordinator), ascending; the others are anchor candidates only.</param>
[GenerateSerializer, Immutable, Alias("NearDup.WeakLinkRequest")]
public sealed record WeakLinkRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] string Options,
    [property: Id(3)] uint[] Boilerplate, [property: Id(4)] uint[] CommonFacts, [property: Id(5)] int[] Starts, [property: Id(6)] string[] Ids,
    [property: Id(7)] ulong[] Content, [property: Id(10)] int[] Sizes, [property: Id(11)] int[] Representatives, [property: Id(12)] RelativeCore?[] Cores,
    [property: Id(8)] long[] Pairs, [property: Id(9)] long[] Leftovers);
