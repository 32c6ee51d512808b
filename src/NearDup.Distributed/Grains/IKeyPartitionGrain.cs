using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>One partition of an index's band, SimHash or anchor keys (grain key from <see cref="PartitionMap.GrainKey"/>).</summary>
[Alias("NearDup.IKeyPartitionGrain")]
public interface IKeyPartitionGrain : IGrainWithStringKey
{
    /// <summary>Adds rows (one already present is kept once) and persists them before returning.</summary>
    [Alias("Add")]
    public Task Add(KeyEntry[] entries);

    /// <summary>Removes rows (by identity; missing ones are ignored) and persists that before returning.</summary>
    [Alias("Remove")]
    public Task Remove(KeyEntry[] entries);

    /// <summary>The rows whose (table, value) is a probe's; ids and payloads of the probes are ignored.</summary>
    [Alias("Find")]
    public Task<KeyEntry[]> Find(KeyEntry[] probes);

    /// <summary>Folds the tail into the segment now.</summary>
    [Alias("Merge")]
    public Task Merge();

    /// <summary>The partition's sizes.</summary>
    [Alias("Stats")]
    public Task<PartitionStats> Stats();
}
