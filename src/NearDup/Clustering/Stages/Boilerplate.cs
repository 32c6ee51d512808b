namespace NearDup.Clustering;

/// <summary>What the boilerplate stage hands on: the filter, and every size counted without what it marks.</summary>
/// <param name="Filter">The boilerplate fingerprints.</param>
/// <param name="Verifier">The verifier that ignores them (weak links, roles, pairs, queries).</param>
/// <param name="Sizes">Each document's fingerprints that are not boilerplate.</param>
/// <param name="CoreSizes">Each group core's fingerprints that are not boilerplate (weak links only), or none when the weak-link stage counts them as it reads the cores (<see cref="CoreSizes"/>).</param>
internal sealed record Boilerplate(BoilerplateFilter Filter, Verifier Verifier, int[] Sizes, int[] CoreSizes);
