using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>A partition of band, SimHash or anchor keys: rows (table, value, id, payload) in a <see cref="SegmentedTable{T, TOrder}"/>.</summary>
public sealed class KeyPartitionGrain([PersistentState("keys", PartitionStorage.Name)] IPersistentState<SegmentState<KeyEntry>> state)
    : PartitionGrain<KeyEntry, KeyEntryOrder>(state), IKeyPartitionGrain
{
    /// <inheritdoc/>
    public async Task Add(KeyEntry[] entries)
    {
        foreach (var entry in entries)
        {
            Table.Add(entry);
        }
        await Persist();
    }

    /// <inheritdoc/>
    public async Task Remove(KeyEntry[] entries)
    {
        foreach (var entry in entries)
        {
            Table.Remove(entry);
        }
        await Persist();
    }

    /// <inheritdoc/>
    public Task<RunPage> Runs()
    {
        var runs = new List<KeyRun>();
        var ids = new List<string>();
        var payloads = new List<ulong>();
        KeyEntry first = default;
        foreach (var row in Table.Rows())
        {
            if (ids.Count > 0 && KeyEntryOrder.CompareKey(row, first.Table, first.Value) != 0)
            {
                AddRun(runs, first, ids, payloads);
            }
            if (ids.Count == 0)
            {
                first = row;
            }
            ids.Add(row.Id);
            payloads.Add(row.Payload);
        }
        AddRun(runs, first, ids, payloads);
        return Task.FromResult(RunPage.Pack(runs));
    }

    private static void AddRun(List<KeyRun> runs, KeyEntry first, List<string> ids, List<ulong> payloads)
    {
        if (ids.Count > 1)
        {
            runs.Add(new KeyRun(first.Table, [.. ids], [.. payloads]));
        }
        ids.Clear();
        payloads.Clear();
    }

    /// <inheritdoc/>
    public Task<KeyEntry[]> Find(KeyEntry[] probes)
    {
        var found = new List<KeyEntry>();
        foreach (var probe in probes)
        {
            var (low, high) = KeyEntryOrder.Bounds(probe.Table, probe.Value);
            Table.Range(row => KeyEntryOrder.CompareKey(row, probe.Table, probe.Value), low, high, found);
        }
        return Task.FromResult(found.ToArray());
    }

    /// <inheritdoc/>
    public Task<KeyHits> Count(KeyEntry[] probes)
    {
        var counts = new SortedDictionary<string, (int Held, int Alone)>(StringComparer.Ordinal);
        var rows = new List<KeyEntry>();
        foreach (var probe in probes)
        {
            rows.Clear();
            var (low, high) = KeyEntryOrder.Bounds(probe.Table, probe.Value);
            Table.Range(row => KeyEntryOrder.CompareKey(row, probe.Table, probe.Value), low, high, rows);
            foreach (var row in rows)
            {
                var (held, alone) = counts.GetValueOrDefault(row.Id);
                counts[row.Id] = (held + 1, alone + (rows.Count == 1 ? 1 : 0));
            }
        }
        return Task.FromResult(new KeyHits([.. counts.Keys], [.. counts.Values.Select(c => c.Held)], [.. counts.Values.Select(c => c.Alone)]));
    }
}
