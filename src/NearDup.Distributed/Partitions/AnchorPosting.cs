namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a document partition needs to send a batch run's anchor postings (the anchors of groups' cores, with their
/// group numbers) to the anchor-key ranges, with a request that gives it the cores or the documents.
/// </summary>
/// <param name="Run">The run's anchor pairing (<see cref="PartitionMap.AnchorKey"/>), unique to the run.</param>
/// <param name="Chunk">The sender's name in the run: postings sent again under it (a retried call) replace the first.</param>
/// <param name="Mask">The anchor mask (<see cref="Clustering.AnchorTable.MaskOf"/>).</param>
/// <param name="Groups">The run's group number of each group (or document) of the request; -1 for one that posts nothing.</param>
/// <param name="Owner">The document partition asked, which keeps the posted groups' members for the run: the weak links
/// of a pair of groups are judged at its smaller group's owner, which reads the larger one's members from its owner.</param>
/// <param name="MaxShort">The most fingerprints a short core holds in the run (<see cref="Clustering.DistinctiveAnchors.MaxShortIn"/>).</param>
[GenerateSerializer, Immutable, Alias("NearDup.AnchorPosting")]
public sealed record AnchorPosting([property: Id(0)] string Run, [property: Id(1)] string Chunk, [property: Id(2)] uint Mask,
    [property: Id(3)] int[] Groups, [property: Id(4)] int Owner, [property: Id(5)] int MaxShort);
