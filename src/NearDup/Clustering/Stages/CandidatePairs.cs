namespace NearDup.Clustering;

/// <summary>What the candidate stage hands to strong-link verification.</summary>
/// <param name="Identical">Documents with equal content, each paired with the first of its run (already links).</param>
/// <param name="Candidates">LSH and SimHash candidate pairs (smaller, larger), sorted, each once: still to verify.</param>
/// <param name="SignatureBytes">What the band tables and SimHash index would hold, for the index-size statistic.</param>
internal sealed record CandidatePairs(List<(int A, int B)> Identical, (int A, int B)[] Candidates, long SignatureBytes);
