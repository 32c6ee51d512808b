namespace NearDup.Distributed.Grains;

/// <summary>A result partition's persisted state: its parts of the last runs (at most the published one and a newer one).</summary>
[GenerateSerializer, Alias("NearDup.ClusterResultState")]
public sealed class ClusterResultState
{
    /// <summary>Parts by ascending run.</summary>
    [Id(0)] public ClusterRunPart[] Runs { get; set; } = [];
}
