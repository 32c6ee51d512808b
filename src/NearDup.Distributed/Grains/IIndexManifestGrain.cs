namespace NearDup.Distributed.Grains;

/// <summary>An index's manifest (the grain key is the index name): created once, then read by every client.</summary>
[Alias("NearDup.IIndexManifestGrain")]
public interface IIndexManifestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the index with <paramref name="manifest"/>, or returns the one it was created with (the caller compares).
    /// A stored manifest without <see cref="IndexManifest.OptionsJson"/> takes <paramref name="manifest"/>'s when both
    /// have the same options.
    /// </summary>
    [Alias("Create")]
    public Task<IndexManifest> Create(IndexManifest manifest);

    /// <summary>The manifest, or null when the index was never created.</summary>
    [Alias("Get")]
    public Task<IndexManifest?> Get();
}
