namespace NearDup.Distributed;

/// <summary>Where the index's grains are active: what an operator checks after a silo joins or leaves.</summary>
public sealed partial class NearDupClusterClient
{
    /// <summary>
    /// The index's active grains on each silo, counted by grain class (for example <c>DocumentPartitionGrain</c>,
    /// <c>KeyPartitionGrain</c>, a batch run's ranges): silos in address order, classes by name. A silo holding none of
    /// them is left out. It asks every silo, so it is for inspection, not for a hot path.
    /// </summary>
    public async Task<IReadOnlyList<KeyValuePair<string, IReadOnlyDictionary<string, int>>>> ActivationsAsync()
    {
        var live = await _grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        string prefix = IndexName + "/";
        return [.. live.Where(g => g.GrainId.Key.ToString()!.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(g => g.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => KeyValuePair.Create(s.Key, (IReadOnlyDictionary<string, int>)s
                .GroupBy(g => ClassName(g.GrainType), StringComparer.Ordinal)
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(c => c.Key, c => c.Count(), StringComparer.Ordinal)))];
    }

    /// <summary>The class name of an Orleans grain type string (its last dotted part, before any assembly name).</summary>
    private static string ClassName(string grainType)
    {
        string type = grainType.Split(',')[0];
        return type[(type.LastIndexOf('.') + 1)..];
    }
}
