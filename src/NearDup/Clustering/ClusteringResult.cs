namespace NearDup.Clustering;

/// <summary>The clusters of a corpus, and optionally every verified pair.</summary>
/// <param name="Clusters">Every document in exactly one cluster, largest clusters first.</param>
/// <param name="Pairs">Verified pairs, when asked for; sorted by ids.</param>
/// <param name="Statistics">Counts and timings.</param>
public sealed record ClusteringResult(IReadOnlyList<DocumentCluster> Clusters, IReadOnlyList<VerifiedPair> Pairs, ClusteringStatistics Statistics);
