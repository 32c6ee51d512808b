namespace NearDup.Distributed.Grains;

/// <summary>What is fixed when an index is created.</summary>
/// <param name="Partitions">Partitions of each kind.</param>
/// <param name="OptionsHash">XXH3 of the options that change results, so that a client with other options is refused.</param>
/// <param name="OptionsText">Those options, written out (for the error message).</param>
[GenerateSerializer, Immutable, Alias("NearDup.IndexManifest")]
public sealed record IndexManifest([property: Id(0)] int Partitions, [property: Id(1)] ulong OptionsHash, [property: Id(2)] string OptionsText);
