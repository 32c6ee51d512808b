namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a batch run asks a band or SimHash partition (<see cref="Grains.IKeyPartitionGrain.PairRuns"/>): pair the runs of
/// its listed rows and send each pair to the document partition of its first document for <paramref name="Run"/>.
/// </summary>
/// <param name="Numbering">What the run listed of each document partition: the rows' numbers come from it.</param>
/// <param name="Run">The batch run's key for its candidate pairs at the document partitions.</param>
/// <param name="Sender">This key partition's number among the run's senders: a tally sent again under it replaces the first.</param>
/// <param name="Kind">Band or SimHash: which of the candidate stage's rules pairs a run.</param>
/// <param name="SimHashMaxDistance">The index's SimHash distance, for SimHash runs.</param>
[GenerateSerializer, Immutable, Alias("NearDup.CandidatePairRequest")]
public sealed record CandidatePairRequest([property: Id(0)] RunNumbering Numbering, [property: Id(1)] string Run, [property: Id(2)] int Sender,
    [property: Id(3)] PartitionKind Kind, [property: Id(4)] int SimHashMaxDistance);
