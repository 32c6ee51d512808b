namespace NearDup.Clustering;

/// <summary>The clusters of a corpus, and optionally every verified pair.</summary>
/// <param name="Clusters">Every document in exactly one cluster, largest clusters first.</param>
/// <param name="Pairs">Verified pairs, when asked for; sorted by ids.</param>
/// <param name="Statistics">Counts and timings.</param>
public sealed record ClusteringResult(IReadOnlyList<DocumentCluster> Clusters, IReadOnlyList<VerifiedPair> Pairs, ClusteringStatistics Statistics)
{
    /// <summary>
    /// The result within <paramref name="filter"/>'s bounds: members outside them become singletons, clusters are
    /// ordered and numbered again as <see cref="DocumentCluster.Id"/> says, and pairs outside them are dropped.
    /// Returns this result when the filter lets everything through. <see cref="Statistics"/> stay those of the run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound lies outside 0 to 1.</exception>
    public ClusteringResult Filter(OutputFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.Validate();
        return filter.IsNone ? this : ResultFilter.Apply(this, filter);
    }
}
