namespace NearDup.Distributed.Grains;

/// <summary>
/// What a batch run learned that a query of the index reads afterwards, as a single-machine query reads its clustering
/// run's: the boilerplate fingerprints (held by <c>CommonShingleDocuments</c> groups or more), left out of every score,
/// and the common facts, left out of the judge's fact agreement. Kept by the run grain with the run's number
/// (<see cref="IClusterRunGrain.Publish"/>).
/// </summary>
/// <param name="Run">The run's number.</param>
/// <param name="Boilerplate">The boilerplate fingerprints, ascending.</param>
/// <param name="CommonFacts">The common fact hashes, ascending.</param>
[GenerateSerializer, Immutable, Alias("NearDup.RunFilters")]
public sealed record RunFilters([property: Id(0)] long Run, [property: Id(1)] uint[] Boilerplate, [property: Id(2)] uint[] CommonFacts);
