namespace NearDup.Distributed.Partitions;

/// <summary>Orders key rows by table, value, then id (ordinal): a row's identity; the payload is not part of it.</summary>
public sealed class KeyEntryOrder : IComparer<KeyEntry>
{
    /// <summary>The one instance.</summary>
    public static KeyEntryOrder Instance { get; } = new();

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
}
