namespace NearDup.Distributed.Partitions;

/// <summary>
/// A batch run's weak links to verify and judge at one document partition (<see cref="Grains.IDocumentPartitionGrain.JudgeRunLinks"/>):
/// the anchor candidates its pair range holds (paired there by the anchor-key ranges) and the leftovers' pairs of
/// groups the coordinator sends, every pair's smaller group kept at this partition for the run (by the core calls or
/// the anchor postings), the larger one at <see cref="Owners"/>.
/// </summary>
/// <param name="Index">The index name, to find the other document partitions.</param>
/// <param name="Partitions">The index's partition count.</param>
/// <param name="Partition">The partition asked: its pair range holds its anchor candidates.</param>
/// <param name="Run">The run's anchor pairing (<see cref="PartitionMap.AnchorPairKey"/>), under which the groups are kept.</param>
/// <param name="Options">The run's options as JSON (<see cref="PartitionScorer.OptionsJson"/>): the verifier's and the judge's thresholds.</param>
/// <param name="Boilerplate">The run's boilerplate fingerprints, ascending.</param>
/// <param name="CommonFacts">The run's common facts (<see cref="Clustering.CommonFacts.Words"/>), ascending.</param>
/// <param name="MinShared">The anchors two groups must share to be a candidate (<see cref="Clustering.NearDupOptions.MinSharedAnchors"/>).</param>
/// <param name="Pairs">The leftovers' pairs of groups owned here, packed (smaller, larger) run group numbers, ascending.</param>
/// <param name="Owners">Per pair, the document partition that keeps its larger group.</param>
[GenerateSerializer, Immutable, Alias("NearDup.RunLinkRequest")]
public sealed record RunLinkRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] int Partition,
    [property: Id(3)] string Run, [property: Id(4)] string Options, [property: Id(5)] uint[] Boilerplate, [property: Id(6)] uint[] CommonFacts,
    [property: Id(7)] int MinShared, [property: Id(8)] long[] Pairs, [property: Id(9)] int[] Owners);
