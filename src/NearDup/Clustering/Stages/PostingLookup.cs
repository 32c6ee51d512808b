using System.Numerics;
using System.Runtime.CompilerServices;
using NearDup.Indexing;
using static NearDup.Internal.CacheHint;

namespace NearDup.Clustering;

/// <summary>
/// Lookups of many keys at once in posting tables too large for the cache (a query's anchors, its band keys). One at
/// a time, each lookup is a few dependent cache misses (directory slot, keys, documents) and the binary search's
/// branches keep the core from overlapping them with the next lookup's; looked up in passes, each pass prefetching what
/// the next one reads, the misses of all the keys overlap. Finds exactly what <see cref="PostingTable{TKey}.Find"/>
/// finds, key by key.
/// </summary>
internal sealed class PostingLookup
{
    // Per-thread scratch, reused from query to query: for each key, its directory slot, then its run.
    [ThreadStatic]
    private static int[]? t_starts;

    [ThreadStatic]
    private static int[]? t_ends;

    // Directory over the keys' top bits, as PostingTable's: about four keys a slot.
    private readonly int[] _directory;
    private readonly int _shift;

    public PostingLookup(PostingTable<uint> table)
    {
        Table = table;
        int bits = Math.Clamp(BitOperations.Log2((uint)Math.Max(1, table.Count)) - 2, 0, 24);
        _shift = 32 - bits;
        _directory = new int[(1 << bits) + 1];
        foreach (uint key in table.Keys)
        {
            _directory[Slot(key) + 1]++;
        }
        for (int i = 1; i < _directory.Length; i++)
        {
            _directory[i] += _directory[i - 1];
        }
    }

    /// <summary>The table looked up.</summary>
    public PostingTable<uint> Table { get; }

    /// <summary>
    /// Adds to <paramref name="found"/> the documents of each of <paramref name="keys"/>, key by key in order: all of
    /// them looked up in <paramref name="tables"/>[0] if it holds one table, else key k in table k.
    /// </summary>
    public static void Collect(ReadOnlySpan<PostingLookup> tables, ReadOnlySpan<uint> keys, List<int> found)
    {
        int n = keys.Length;
        if (t_starts is null || t_starts.Length < n)
        {
            t_starts = new int[Math.Max(n, 2 * (t_starts?.Length ?? 32))];
            t_ends = new int[t_starts.Length];
        }
        var starts = t_starts.AsSpan(0, n);
        var ends = t_ends.AsSpan(0, n);
        for (int k = 0; k < n; k++)
        {
            var table = tables[tables.Length == 1 ? 0 : k];
            starts[k] = table.Slot(keys[k]);
            Prefetch(in table._directory[starts[k]]);
        }
        for (int k = 0; k < n; k++)
        {
            var table = tables[tables.Length == 1 ? 0 : k];
            (starts[k], ends[k]) = (table._directory[starts[k]], table._directory[starts[k] + 1]);
            if (starts[k] < ends[k])
            {
                Prefetch(in table.Table.Keys[starts[k]]);
            }
        }
        for (int k = 0; k < n; k++)
        {
            var table = tables[tables.Length == 1 ? 0 : k];
            (starts[k], ends[k]) = Run(table.Table.Keys, keys[k], starts[k], ends[k]);
            if (starts[k] < ends[k])
            {
                Prefetch(in table.Table.Documents[starts[k]]);
            }
        }
        for (int k = 0; k < n; k++)
        {
            foreach (int d in tables[tables.Length == 1 ? 0 : k].Table.Documents[starts[k]..ends[k]])
            {
                found.Add(d);
            }
        }
    }

    /// <summary>The run of <paramref name="key"/> within [<paramref name="lo"/>, <paramref name="hi"/>), its directory slot's keys; empty when absent.</summary>
    private static (int Start, int End) Run(ReadOnlySpan<uint> keys, uint key, int lo, int hi)
    {
        int limit = hi;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (keys[mid] < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        int end = lo;
        while (end < limit && keys[end] == key)
        {
            end++;
        }
        return (lo, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(uint key) => _shift >= 32 ? 0 : (int)(key >> _shift);
}
