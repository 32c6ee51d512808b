namespace NearDup.Distributed.Partitions;

/// <summary>
/// Clusters whose canonicals and roles a document partition works out for a batch run's stage 7
/// (<see cref="Grains.IDocumentPartitionGrain.JudgeClusters"/>): cluster k's members are
/// <see cref="Ids"/>[<see cref="Starts"/>[k]..<see cref="Starts"/>[k + 1]], in ordinal order of id (the run's document
/// order); the proposed canonical of each is stored in the partition asked, the other members are read from wherever
/// they are stored.
/// </summary>
/// <param name="Index">The index name, to find the other document partitions.</param>
/// <param name="Partitions">The index's partition count.</param>
/// <param name="Options">The run's options as JSON (<see cref="PartitionScorer.OptionsJson"/>): the verifier's and the judge's thresholds.</param>
/// <param name="Boilerplate">The run's boilerplate fingerprints, ascending.</param>
/// <param name="CommonFacts">The run's common facts (<see cref="Clustering.CommonFacts.Words"/>), ascending.</param>
/// <param name="Starts">Where each cluster's members start in <see cref="Ids"/>, and the end.</param>
/// <param name="Ids">The members, cluster after cluster.</param>
/// <param name="Content">The listed content hash of each member.</param>
/// <param name="Canonicals">Per cluster, the place among its members of its center group's representative.</param>
[GenerateSerializer, Immutable, Alias("NearDup.CanonicalRequest")]
public sealed record CanonicalRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] string Options,
    [property: Id(3)] uint[] Boilerplate, [property: Id(4)] uint[] CommonFacts, [property: Id(5)] int[] Starts, [property: Id(6)] string[] Ids,
    [property: Id(7)] ulong[] Content, [property: Id(8)] int[] Canonicals);
