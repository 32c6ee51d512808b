namespace NearDup.Distributed.Grains;

/// <summary>Keeps an index's <see cref="IndexManifest"/>: the first <see cref="Create"/> fixes it (one stored without its options' JSON gains it).</summary>
public sealed class IndexManifestGrain([PersistentState("manifest", PartitionStorage.Name)] IPersistentState<ManifestState> state)
    : Grain, IIndexManifestGrain
{
    /// <inheritdoc/>
    public async Task<IndexManifest> Create(IndexManifest manifest)
    {
        if (state.State.Manifest is { } existing)
        {
            if (existing.OptionsJson is not null || manifest.OptionsJson is null || existing.OptionsHash != manifest.OptionsHash)
            {
                return existing;
            }
            manifest = existing with { OptionsJson = manifest.OptionsJson };
        }
        state.State.Manifest = manifest;
        await state.WriteStateAsync();
        return manifest;
    }

    /// <inheritdoc/>
    public Task<IndexManifest?> Get() => Task.FromResult(state.State.Manifest);
}
