namespace NearDup.Distributed.Grains;

/// <summary>The run grain's persisted state.</summary>
[GenerateSerializer, Alias("NearDup.ClusterRunState")]
public sealed class ClusterRunState
{
    /// <summary>The last run number handed out.</summary>
    [Id(0)] public long Last { get; set; }

    /// <summary>The run whose result is served; 0 before any.</summary>
    [Id(1)] public long Published { get; set; }

    /// <summary>The filters of the published run, then of the one published before it, when there was one.</summary>
    [Id(2)] public RunFilters[] Filters { get; set; } = [];
}
