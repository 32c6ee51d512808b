namespace NearDup.Distributed.Grains;

/// <summary>
/// Numbers an index's batch clustering runs and says which one's result is served (grain key: the index name). A run's
/// result is stored in every result partition first, then published, so a lookup never mixes two runs.
/// </summary>
[Alias("NearDup.IClusterRunGrain")]
public interface IClusterRunGrain : IGrainWithStringKey
{
    /// <summary>A new run number, and the published run (whose parts the result partitions keep meanwhile).</summary>
    [Alias("Begin")]
    public Task<(long Run, long Published)> Begin();

    /// <summary>
    /// Serves run <paramref name="filters"/>.Run from now on, with its filters for queries, unless a later run was
    /// already published.
    /// </summary>
    [Alias("PublishWithFilters")]
    public Task Publish(RunFilters filters);

    /// <summary>The published run; 0 when no run has finished.</summary>
    [Alias("Published"), Orleans.Concurrency.ReadOnly]
    public Task<long> Published();

    /// <summary>
    /// The filters of run <paramref name="run"/> when it is the published run or the one published before it (a query
    /// that read the run number as another was published); else null.
    /// </summary>
    [Alias("FiltersOf"), Orleans.Concurrency.ReadOnly]
    public Task<RunFilters?> FiltersOf(long run);

    /// <summary>The published run's filters, or null when they are those of run <paramref name="known"/> (or no run has finished).</summary>
    [Alias("FiltersSince"), Orleans.Concurrency.ReadOnly]
    public Task<RunFilters?> FiltersSince(long known);
}
