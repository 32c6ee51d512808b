namespace NearDup.Distributed.Partitions;

/// <summary>
/// Measures the candidate pairs the key partitions sent a document partition for batch run <paramref name="Run"/>
/// (<see cref="Grains.IDocumentPartitionGrain.MeasureCandidates"/>).
/// </summary>
/// <param name="Index">The index name, to find the other document partitions.</param>
/// <param name="Partitions">The index's partition count.</param>
/// <param name="Run">The run's key, as the key partitions sent it.</param>
/// <param name="Expected">Pairs the key partitions said they sent here, repeats included: fewer kept means a tally was lost.</param>
[GenerateSerializer, Immutable, Alias("NearDup.CandidateMeasureRequest")]
public sealed record CandidateMeasureRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] string Run,
    [property: Id(3)] long Expected);
