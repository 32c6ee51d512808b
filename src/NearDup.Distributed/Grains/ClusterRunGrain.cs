namespace NearDup.Distributed.Grains;

/// <summary>Keeps an index's run numbers (<see cref="IClusterRunGrain"/>) in grain storage.</summary>
public sealed class ClusterRunGrain([PersistentState("runs", PartitionStorage.Name)] IPersistentState<ClusterRunState> state)
    : Grain, IClusterRunGrain
{
    /// <inheritdoc/>
    public async Task<(long Run, long Published)> Begin()
    {
        state.State.Last++;
        await state.WriteStateAsync();
        return (state.State.Last, state.State.Published);
    }

    /// <inheritdoc/>
    public async Task Publish(RunFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Run > state.State.Published)
        {
            state.State.Published = filters.Run;
            state.State.Filters = [filters, .. state.State.Filters.Take(1)];
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc/>
    public Task<long> Published() => Task.FromResult(state.State.Published);

    /// <inheritdoc/>
    public Task<RunFilters?> FiltersOf(long run) => Task.FromResult(state.State.Filters.FirstOrDefault(f => f.Run == run));

    /// <inheritdoc/>
    public Task<RunFilters?> FiltersSince(long known) =>
        Task.FromResult(state.State.Filters is [var published, ..] && published.Run != known ? published : null);
}
