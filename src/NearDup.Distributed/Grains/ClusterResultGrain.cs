namespace NearDup.Distributed.Grains;

/// <summary>Keeps a partition of batch clustering results (<see cref="IClusterResultGrain"/>) in grain storage.</summary>
[Hosting.PartitionPlacement]
public sealed class ClusterResultGrain([PersistentState("result", PartitionStorage.Name)] IPersistentState<ClusterResultState> state)
    : Grain, IClusterResultGrain
{
    /// <inheritdoc/>
    public async Task Put(ClusterRunPart part, long keepFrom)
    {
        state.State.Runs = [.. state.State.Runs.Where(r => r.Run >= keepFrom && r.Run != part.Run).Append(part).OrderBy(r => r.Run)];
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task<string?> ClusterOf(long run, string id) => Task.FromResult(Part(run)?.ClusterOf(id));

    /// <inheritdoc/>
    public Task<string?[]> ClustersOf(long run, string[] ids)
    {
        var part = Part(run);
        return Task.FromResult(Array.ConvertAll(ids, id => part?.ClusterOf(id)));
    }

    /// <inheritdoc/>
    public Task<string?[]> GroupsOf(long run, string[] ids)
    {
        var part = Part(run);
        return Task.FromResult(Array.ConvertAll(ids, id => part?.GroupOf(id)));
    }

    /// <inheritdoc/>
    public Task<StoredGroup?[]> Groups(long run, string[] keys)
    {
        var part = Part(run);
        return Task.FromResult(Array.ConvertAll(keys, key => part?.Group(key)));
    }

    /// <inheritdoc/>
    public Task<StoredCluster?> Cluster(long run, string clusterId) => Task.FromResult(Part(run)?.Cluster(clusterId));

    private ClusterRunPart? Part(long run) => Array.Find(state.State.Runs, r => r.Run == run);
}
