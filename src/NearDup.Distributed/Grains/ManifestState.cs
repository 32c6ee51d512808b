namespace NearDup.Distributed.Grains;

/// <summary>The manifest grain's persisted state.</summary>
[GenerateSerializer, Alias("NearDup.ManifestState")]
public sealed class ManifestState
{
    /// <summary>The manifest, once the index is created.</summary>
    [Id(0)] public IndexManifest? Manifest { get; set; }
}
