namespace NearDup.Clustering;

/// <summary>What strong-link verification hands on.</summary>
/// <param name="Pairs">The strong links: identical texts first, then the verified candidates in their sorted order.</param>
/// <param name="Leftovers">Candidates that are not strong: the weak-link stage tries them again between groups.</param>
/// <param name="Candidates">How many LSH and SimHash candidates were verified, for the statistics.</param>
internal sealed record StrongLinks(List<(int A, int B)> Pairs, List<(int A, int B)> Leftovers, int Candidates);
