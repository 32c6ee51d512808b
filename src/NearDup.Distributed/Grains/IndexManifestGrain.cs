namespace NearDup.Distributed.Grains;

/// <summary>Keeps an index's <see cref="IndexManifest"/>: the first <see cref="Create"/> fixes it.</summary>
public sealed class IndexManifestGrain([PersistentState("manifest", PartitionStorage.Name)] IPersistentState<ManifestState> state)
    : Grain, IIndexManifestGrain
{
    /// <inheritdoc/>
    public async Task<IndexManifest> Create(IndexManifest manifest)
    {
        if (state.State.Manifest is { } existing)
        {
            return existing;
        }
        state.State.Manifest = manifest;
        await state.WriteStateAsync();
        return manifest;
    }

    /// <inheritdoc/>
    public Task<IndexManifest?> Get() => Task.FromResult(state.State.Manifest);
}
