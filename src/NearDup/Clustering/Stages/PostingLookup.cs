using System.Numerics;
using System.Runtime.CompilerServices;
using NearDup.Indexing;
using static NearDup.Internal.CacheHint;

namespace NearDup.Clustering;

/// <summary>
/// Lookups of many keys at once in posting tables too large for the cache (a query's anchors, its band keys). One at
/// a time, each lookup is a few dependent cache misses (directory slot, keys, documents) and the binary search's
/// branches keep the core from overlapping them with the next lookup's; looked up in passes, each pass prefetching what
/// the next one reads, the misses of all the keys overlap. Each posting is one 64-bit word, key above document, so a
/// key's documents come in the lines that hold its key: two rounds of misses a lookup (directory, postings), not three.
/// A large table's arrays are on huge pages where the OS gives them (<see cref="Internal.HugePages"/>), so that the
/// misses are not TLB misses too. Finds exactly what <see cref="PostingTable{TKey}.Find"/> finds, key by key.
/// </summary>
internal sealed class PostingLookup
{
    // Per-thread scratch, reused from query to query: for each key, its directory slot, then its slot's postings.
    [ThreadStatic]
    private static int[]? t_starts;

    [ThreadStatic]
    private static int[]? t_ends;

    // The table's postings as (key << 32) | document, in the table's (key, document) order.
    private readonly ulong[] _postings;

    // Directory over the keys' top bits, as PostingTable's: about four keys a slot.
    private readonly int[] _directory;
    private readonly int _shift;

    /// <summary>Postings from which <see cref="Build{TRuns}"/> fills a slot range on threads of its own (below, one thread fills them all).</summary>
    private const int ParallelFrom = 1 << 21;

    /// <summary>Most slot ranges <see cref="Build{TRuns}"/> makes: each range's thread reads every run.</summary>
    private const int MaxRanges = 8;

    /// <summary>Slots sorted by insertion (a handful of postings on average); a longer one, a key many documents hold, by <see cref="MemoryExtensions.Sort{T}(Span{T})"/>.</summary>
    private const int InsertionSortMax = 16;

    /// <summary>A lookup of <paramref name="table"/>'s postings; it keeps a copy of them, not the table.</summary>
    public PostingLookup(PostingTable<uint> table)
        : this(PostingsOf(table))
    {
    }

    /// <summary>
    /// A lookup of <paramref name="postings"/>, each <c>(key &lt;&lt; 32) | document</c>, ascending (as <see cref="Postings"/>
    /// gives them, and as an index saves the anchor table): it keeps the array, and builds only the directory, in one pass.
    /// </summary>
    public PostingLookup(ulong[] postings)
    {
        _postings = postings;
        int bits = DirectoryBits(postings.Length);
        _shift = 32 - bits;
        _directory = Internal.HugePages.Allocate<int>((1 << bits) + 1);
        foreach (ulong posting in postings)
        {
            _directory[Slot((uint)(posting >> 32)) + 1]++;
        }
        for (int i = 1; i < _directory.Length; i++)
        {
            _directory[i] += _directory[i - 1];
        }
    }

    private PostingLookup(ulong[] postings, int[] directory, int shift) => (_postings, _directory, _shift) = (postings, directory, shift);

    /// <summary>
    /// The lookup of <paramref name="runs"/>' postings (<paramref name="postings"/> of them), the same as one of the
    /// table <see cref="PostingTable{TKey}.BuildInDocumentOrder"/> builds from them, built without the table: the
    /// directory's slots counted, the postings moved into their slots and each slot sorted, one scan of the runs for
    /// the counts and one for the moves, where the table's radix sort took four passes and the lookup two more copies.
    /// A posting is its key and owner in one word, so sorting a slot orders it by (key, owner) whatever order the runs
    /// came in. The slots are split into ranges, each counted, filled and sorted by one thread reading every run, so no
    /// two threads write one slot.
    /// </summary>
    public static PostingLookup Build<TRuns>(TRuns runs, int postings, ParallelOptions parallel)
        where TRuns : struct, IPostingRuns
    {
        int bits = DirectoryBits(postings);
        int shift = 32 - bits, slots = 1 << bits;
        // Neither array is cleared here, on one thread: each range's thread zeroes its own slots' counts, and the
        // fill writes every posting, so each page is first touched (and faulted in) by the thread of its range.
        var directory = Internal.HugePages.Allocate<int>(slots + 1, zeroed: false);
        var table = Internal.HugePages.Allocate<ulong>(postings, zeroed: false);
        directory[0] = 0;
        int degree = parallel.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : parallel.MaxDegreeOfParallelism;
        int ranges = postings < ParallelFrom ? 1 : Math.Clamp(degree, 1, MaxRanges);
        int RangeStart(int r) => (int)((long)slots * r / ranges);
        if (ranges == 1)
        {
            CountSlots(runs, shift, directory, 0, slots);
        }
        else
        {
            Parallel.For(0, ranges, parallel, r => CountSlots(runs, shift, directory, RangeStart(r), RangeStart(r + 1)));
        }
        for (int i = 1; i < directory.Length; i++)
        {
            directory[i] += directory[i - 1];
        }
        if (ranges == 1)
        {
            Fill(runs, shift, directory, table, 0, slots);
        }
        else
        {
            Parallel.For(0, ranges, parallel, r => Fill(runs, shift, directory, table, RangeStart(r), RangeStart(r + 1)));
        }
        return new PostingLookup(table, directory, shift);
    }

    /// <summary>Counts the postings of each slot in [<paramref name="lo"/>, <paramref name="hi"/>) into the next slot's directory entry (zeroed first).</summary>
    private static void CountSlots<TRuns>(TRuns runs, int shift, int[] directory, int lo, int hi)
        where TRuns : struct, IPostingRuns
    {
        directory.AsSpan(lo + 1, hi - lo).Clear();
        for (int r = 0; r < runs.Count; r++)
        {
            foreach (uint key in runs.Keys(r))
            {
                int slot = Slot(key, shift);
                if ((uint)(slot - lo) < (uint)(hi - lo))
                {
                    directory[slot + 1]++;
                }
            }
        }
    }

    /// <summary>Moves the postings of the slots in [<paramref name="lo"/>, <paramref name="hi"/>) to their slots, then sorts each of them.</summary>
    private static void Fill<TRuns>(TRuns runs, int shift, int[] directory, ulong[] postings, int lo, int hi)
        where TRuns : struct, IPostingRuns
    {
        var next = directory.AsSpan(lo, hi - lo).ToArray();
        for (int r = 0; r < runs.Count; r++)
        {
            ulong owner = (uint)runs.Owner(r);
            foreach (uint key in runs.Keys(r))
            {
                int slot = Slot(key, shift);
                if ((uint)(slot - lo) < (uint)(hi - lo))
                {
                    postings[next[slot - lo]++] = (ulong)key << 32 | owner;
                }
            }
        }
        for (int slot = lo; slot < hi; slot++)
        {
            SortSlot(postings.AsSpan(directory[slot], directory[slot + 1] - directory[slot]));
        }
    }

    /// <summary>Sorts one slot's postings: by insertion when few (no call, and mostly in order already: a key's owners come ascending).</summary>
    private static void SortSlot(Span<ulong> slot)
    {
        if (slot.Length > InsertionSortMax)
        {
            slot.Sort();
            return;
        }
        for (int i = 1; i < slot.Length; i++)
        {
            ulong value = slot[i];
            int j = i - 1;
            for (; j >= 0 && slot[j] > value; j--)
            {
                slot[j + 1] = slot[j];
            }
            slot[j + 1] = value;
        }
    }

    /// <summary>Bits of the directory over the keys' top bits for a table of <paramref name="postings"/>: about four keys a slot.</summary>
    private static int DirectoryBits(int postings) => Math.Clamp(BitOperations.Log2((uint)Math.Max(1, postings)) - 2, 0, 24);

    /// <summary>The postings looked up, <c>(key &lt;&lt; 32) | document</c>, ascending: the lookup's own array, not to be written to.</summary>
    public ulong[] Postings => _postings;

    /// <summary>The postings of <paramref name="table"/>, each key above its document, in the table's order.</summary>
    private static ulong[] PostingsOf(PostingTable<uint> table)
    {
        var keys = table.Keys;
        var documents = table.Documents;
        var postings = Internal.HugePages.Allocate<ulong>(keys.Length, zeroed: false);
        for (int i = 0; i < keys.Length; i++)
        {
            postings[i] = (ulong)keys[i] << 32 | (uint)documents[i];
        }
        return postings;
    }

    /// <summary>The table looked up, made again from the postings (for tests and the anchor table's users; not on the query path).</summary>
    public PostingTable<uint> ToTable()
    {
        var keys = new uint[_postings.Length];
        var documents = new int[_postings.Length];
        for (int i = 0; i < _postings.Length; i++)
        {
            keys[i] = (uint)(_postings[i] >> 32);
            documents[i] = (int)(uint)_postings[i];
        }
        return PostingTable<uint>.FromSorted(keys, documents);
    }

    /// <summary>
    /// Adds to <paramref name="found"/> the documents of each of <paramref name="keys"/>, key by key in order: all of
    /// them looked up in <paramref name="tables"/>[0] if it holds one table, else key k in table k.
    /// </summary>
    public static void Collect(ReadOnlySpan<PostingLookup> tables, ReadOnlySpan<uint> keys, List<int> found)
    {
        if (tables.Length == 1)
        {
            Collect([], tables[0], keys, found, found, single: null);
        }
        else
        {
            Collect(tables, shared: null, keys, found, found, single: null);
        }
    }

    /// <summary>
    /// Adds the documents of each of <paramref name="keys"/>, key by key in order: key k below
    /// <paramref name="perKey"/>'s length looked up in <paramref name="perKey"/>[k] and added to
    /// <paramref name="first"/>, every later key looked up in <paramref name="shared"/> and added to
    /// <paramref name="rest"/>, and to <paramref name="single"/> as well when it is the key's only posting (a query's
    /// anchor that it and one group alone hold, <see cref="DistinctiveAnchors"/>). One call for a query's band keys and
    /// its anchors lets the misses of both overlap, where two calls wait for the bands' last round of misses before the
    /// anchors' first.
    /// </summary>
    public static void Collect(ReadOnlySpan<PostingLookup> perKey, PostingLookup? shared, ReadOnlySpan<uint> keys, List<int> first, List<int> rest,
        List<int>? single)
    {
        int n = keys.Length;
        if (n > perKey.Length)
        {
            ArgumentNullException.ThrowIfNull(shared);
        }
        if (t_starts is null || t_starts.Length < n)
        {
            t_starts = new int[Math.Max(n, 2 * (t_starts?.Length ?? 32))];
            t_ends = new int[t_starts.Length];
        }
        var starts = t_starts.AsSpan(0, n);
        var ends = t_ends.AsSpan(0, n);
        for (int k = 0; k < n; k++)
        {
            var table = k < perKey.Length ? perKey[k] : shared!;
            starts[k] = table.Slot(keys[k]);
            Prefetch(in table._directory[starts[k]]);
        }
        for (int k = 0; k < n; k++)
        {
            var table = k < perKey.Length ? perKey[k] : shared!;
            (starts[k], ends[k]) = (table._directory[starts[k]], table._directory[starts[k] + 1]);
            if (starts[k] < ends[k])
            {
                Prefetch(in table._postings[starts[k]]);
                Prefetch(in table._postings[ends[k] - 1]);
            }
        }
        for (int k = 0; k < n; k++)
        {
            var postings = (k < perKey.Length ? perKey[k] : shared!)._postings;
            var found = k < perKey.Length ? first : rest;
            int from = Start(postings, (ulong)keys[k] << 32, starts[k], ends[k]), i = from;
            for (; i < postings.Length && (uint)(postings[i] >> 32) == keys[k]; i++)
            {
                found.Add((int)(uint)postings[i]);
            }
            if (single is not null && k >= perKey.Length && i - from == 1)
            {
                single.Add((int)(uint)postings[from]);
            }
        }
    }

    /// <summary>
    /// The first posting in [<paramref name="lo"/>, <paramref name="hi"/>) (a directory slot's) not below
    /// <paramref name="low"/> (the key's lowest posting), or <paramref name="hi"/>. The halving steps are computed, not
    /// branched on: a slot holds a handful of keys in random order, so each branch of a binary search mispredicts half
    /// the time.
    /// </summary>
    private static int Start(ulong[] postings, ulong low, int lo, int hi)
    {
        int n = hi - lo;
        if (n <= 0)
        {
            return lo;
        }
        while (n > 1)
        {
            int half = n >> 1;
            lo += half & -Unsafe.BitCast<bool, byte>(postings[lo + half] < low);
            n -= half;
        }
        return lo + Unsafe.BitCast<bool, byte>(postings[lo] < low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(uint key) => Slot(key, _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(uint key, int shift) => shift >= 32 ? 0 : (int)(key >> shift);
}
