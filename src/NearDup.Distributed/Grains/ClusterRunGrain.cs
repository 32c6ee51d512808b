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
    public async Task Publish(long run)
    {
        if (run > state.State.Published)
        {
            state.State.Published = run;
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc/>
    public Task<long> Published() => Task.FromResult(state.State.Published);
}
