namespace NearDup.Distributed.Grains;

/// <summary>What is fixed when an index is created.</summary>
/// <param name="Partitions">Partitions of each kind.</param>
/// <param name="OptionsHash">XXH3 of the options that change results, so that a client with other options is refused.</param>
/// <param name="OptionsText">Those options, written out (for the error message).</param>
/// <param name="OptionsJson">
/// Those options as JSON (<see cref="Partitions.PartitionScorer.OptionsJson"/>): the document partitions score queries
/// with them, read once per activation, so that a query does not carry them. Null in a manifest stored before it was
/// kept; the first client that opens the index with the same options fills it in (<see cref="IIndexManifestGrain.Create"/>).
/// </param>
[GenerateSerializer, Immutable, Alias("NearDup.IndexManifest")]
public sealed record IndexManifest([property: Id(0)] int Partitions, [property: Id(1)] ulong OptionsHash, [property: Id(2)] string OptionsText,
    [property: Id(3)] string? OptionsJson = null);
