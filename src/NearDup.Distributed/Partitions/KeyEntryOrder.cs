namespace NearDup.Distributed.Partitions;

/// <summary>
/// Orders key rows by table, value, then id (ordinal): a row's identity; the payload is not part of it. A struct, so
/// that a <see cref="SegmentedTable{T, TOrder}"/>'s bisections call it directly, inlined.
/// </summary>
public readonly struct KeyEntryOrder : IComparer<KeyEntry>
{
    /// <summary>The order as an <see cref="IComparer{T}"/> object (sorted sets, LINQ).</summary>
    public static IComparer<KeyEntry> Instance { get; } = new KeyEntryOrder();

    /// <inheritdoc/>
    public int Compare(KeyEntry x, KeyEntry y)
    {
        int byKey = CompareKey(x, y.Table, y.Value);
        return byKey != 0 ? byKey : string.CompareOrdinal(x.Id, y.Id);
    }

    /// <summary>Compares a row's (table, value) with a probe's.</summary>
    public static int CompareKey(KeyEntry entry, uint table, ulong value)
    {
        int byTable = entry.Table.CompareTo(table);
        return byTable != 0 ? byTable : entry.Value.CompareTo(value);
    }

    /// <summary>
    /// The least and the greatest row any row of key (<paramref name="table"/>, <paramref name="value"/>) can be in this
    /// order: the key with the empty id, and the next key with the empty id (stored rows never have an empty id).
    /// </summary>
    public static (KeyEntry Low, KeyEntry High) Bounds(uint table, ulong value) =>
        (new KeyEntry(table, value, "", 0),
         value == ulong.MaxValue ? new KeyEntry(table + 1, 0, "", 0) : new KeyEntry(table, value + 1, "", 0));
}
