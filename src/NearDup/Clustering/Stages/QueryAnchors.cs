using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>
/// A query's anchor lookups, all of a text's anchors at once. The anchor table is tens of megabytes, so each lookup
/// is a few cache misses (directory slot, keys, groups), and one at a time the binary search's branches keep the core
/// from overlapping them: looked up in passes, each pass prefetching what the next one reads, the misses of all the
/// anchors overlap. Gives exactly the groups <see cref="PostingTable{TKey}.Find"/> gives, key by key.
/// </summary>
internal sealed class QueryAnchors
{
    // Per-thread scratch, reused from query to query: the anchors and, for each, its directory slot and then its run.
    [ThreadStatic]
    private static int[]? t_starts;

    [ThreadStatic]
    private static int[]? t_ends;

    [ThreadStatic]
    private static uint[]? t_keys;

    // Directory over the keys' top bits, as PostingTable's: about four keys a slot.
    private readonly int[] _directory;
    private readonly int _shift;

    public QueryAnchors(PostingTable<uint> table)
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
    /// Adds to <paramref name="hits"/> the group of every posting of every anchor among <paramref name="fingerprints"/>
    /// (those with no bit of <paramref name="anchorMask"/> set), anchor by anchor in the order given.
    /// </summary>
    public void Collect(ReadOnlySpan<uint> fingerprints, uint anchorMask, List<int> hits)
    {
        int n = Gather(fingerprints, anchorMask);
        var tableKeys = Table.Keys;
        var groups = Table.Documents;
        if (n == 0 || tableKeys.IsEmpty)
        {
            return;
        }
        var keys = t_keys.AsSpan(0, n);
        var starts = t_starts.AsSpan(0, n);
        var ends = t_ends.AsSpan(0, n);
        for (int k = 0; k < n; k++)
        {
            starts[k] = Slot(keys[k]);
            Prefetch(in _directory[starts[k]]);
        }
        for (int k = 0; k < n; k++)
        {
            int slot = starts[k];
            starts[k] = _directory[slot];
            ends[k] = _directory[slot + 1];
            if (starts[k] < ends[k])
            {
                Prefetch(in tableKeys[starts[k]]);
            }
        }
        for (int k = 0; k < n; k++)
        {
            (starts[k], ends[k]) = Run(tableKeys, keys[k], starts[k], ends[k]);
            if (starts[k] < ends[k])
            {
                Prefetch(in groups[starts[k]]);
            }
        }
        for (int k = 0; k < n; k++)
        {
            foreach (int g in groups[starts[k]..ends[k]])
            {
                hits.Add(g);
            }
        }
    }

    /// <summary>Copies the anchors of <paramref name="fingerprints"/> to the thread's scratch, which it sizes; returns their number.</summary>
    private static int Gather(ReadOnlySpan<uint> fingerprints, uint anchorMask)
    {
        if (t_keys is null || t_keys.Length < fingerprints.Length)
        {
            int length = Math.Max(fingerprints.Length, 2 * (t_keys?.Length ?? 64));
            t_keys = new uint[length];
            t_starts = new int[length];
            t_ends = new int[length];
        }
        var keys = t_keys;
        int n = 0;
        foreach (uint fp in fingerprints)
        {
            keys[n] = fp;
            n += (fp & anchorMask) == 0 ? 1 : 0;
        }
        return n;
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

    /// <summary>A hint that <paramref name="location"/> is read soon; nothing where the CPU has no prefetch instruction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch<T>(ref readonly T location)
    {
        if (Sse.IsSupported)
        {
            // Taking the address of an array element is safe for a hint: if the GC moves the array (a small one, outside
            // the large object heap) before the read, the prefetch was wasted, never a fault.
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in location)));
        }
    }
}
