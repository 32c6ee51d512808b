using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>A partition of band, SimHash or anchor keys: rows (table, value, id, payload) in a <see cref="SegmentedTable{T}"/>.</summary>
public sealed class KeyPartitionGrain([PersistentState("keys", PartitionGrain<KeyEntry>.StorageName)] IPersistentState<SegmentState<KeyEntry>> state)
    : PartitionGrain<KeyEntry>(state), IKeyPartitionGrain
{
    /// <inheritdoc/>
    protected override IComparer<KeyEntry> Order => KeyEntryOrder.Instance;

    /// <inheritdoc/>
    public async Task Add(KeyEntry[] entries)
    {
        bool changed = false;
        foreach (var entry in entries)
        {
            changed |= Table.Add(entry);
        }
        if (changed)
        {
            await Persist();
        }
    }

    /// <inheritdoc/>
    public async Task Remove(KeyEntry[] entries)
    {
        bool changed = false;
        foreach (var entry in entries)
        {
            changed |= Table.Remove(entry);
        }
        if (changed)
        {
            await Persist();
        }
    }

    /// <inheritdoc/>
    public Task<KeyEntry[]> Find(KeyEntry[] probes)
    {
        var found = new List<KeyEntry>();
        foreach (var probe in probes)
        {
            Table.Range(row => KeyEntryOrder.CompareKey(row, probe.Table, probe.Value), found);
        }
        return Task.FromResult(found.ToArray());
    }
}
