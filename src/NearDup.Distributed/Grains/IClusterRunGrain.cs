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

    /// <summary>Serves <paramref name="run"/> from now on, unless a later run was already published.</summary>
    [Alias("Publish")]
    public Task Publish(long run);

    /// <summary>The published run; 0 when no run has finished.</summary>
    [Alias("Published"), Orleans.Concurrency.ReadOnly]
    public Task<long> Published();
}
