using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// A client's copy of the last batch run's boilerplate (<see cref="Grains.RunFilters"/>): the query's anchors are looked
/// up without it, as the single machine looks up only the query's fingerprints that are not boilerplate.
/// </summary>
/// <param name="Run">The run; 0 when the index has none.</param>
/// <param name="Boilerplate">Its boilerplate fingerprints.</param>
internal sealed record QueryFilters(long Run, BoilerplateFilter Boilerplate)
{
    /// <summary>No run: nothing left out.</summary>
    public static QueryFilters None { get; } = new(0, BoilerplateFilter.None);
}
