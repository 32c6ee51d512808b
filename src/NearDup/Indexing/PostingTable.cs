using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NearDup.Indexing;

/// <summary>
/// A frozen multimap from unsigned integer keys to document numbers, as two flat arrays sorted by (key, document):
/// no dictionary of lists, no per-key object, binary search to find a key's run. The building block of the
/// LSH band tables, the SimHash block tables and the shingle-sample index. <typeparamref name="TKey"/> is
/// <see cref="ulong"/> or <see cref="uint"/> (8 rather than 12 bytes a posting where 32-bit keys suffice).
/// </summary>
internal sealed class PostingTable<TKey>
    where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
{
    private readonly TKey[] _keys;
    private readonly int[] _documents;

    // Directory over the keys' top significant bits: the run of keys sharing a prefix starts at _directory[prefix],
    // so a lookup binary-searches a handful of entries instead of the whole table (keys are hash values, so prefixes
    // are evenly filled). About one directory slot per four keys.
    private readonly int[] _directory;
    private readonly int _shift;

    private PostingTable(TKey[] keys, int[] documents)
    {
        _keys = keys;
        _documents = documents;
        ulong max = keys.Length == 0 ? 0 : ulong.CreateTruncating(keys[^1]);
        int significant = 64 - BitOperations.LeadingZeroCount(max);
        int bits = Math.Min(significant, Math.Clamp(BitOperations.Log2((uint)Math.Max(1, keys.Length)) - 2, 0, 24));
        _shift = significant - bits;
        _directory = new int[(1 << bits) + 1];
        foreach (var key in keys)
        {
            _directory[(int)Prefix(key) + 1]++;
        }
        for (int i = 1; i < _directory.Length; i++)
        {
            _directory[i] += _directory[i - 1];
        }
    }

    /// <summary>An empty table.</summary>
    public static PostingTable<TKey> Empty { get; } = new([], []);

    /// <summary>Number of (key, document) postings.</summary>
    public int Count => _keys.Length;

    /// <summary>Bytes held by the arrays.</summary>
    public long MemoryBytes => (long)_keys.Length * (Unsafe.SizeOf<TKey>() + sizeof(int)) + (long)_directory.Length * sizeof(int);

    /// <summary>The keys, sorted; equal keys are adjacent.</summary>
    public ReadOnlySpan<TKey> Keys => _keys;

    /// <summary>The documents, parallel to <see cref="Keys"/>; ascending within each key.</summary>
    public ReadOnlySpan<int> Documents => _documents;

    /// <summary>Builds a table, taking ownership of both arrays (they are sorted in place).</summary>
    public static PostingTable<TKey> Build(TKey[] keys, int[] documents)
    {
        Sort(keys, documents);
        return new PostingTable<TKey>(keys, documents);
    }

    /// <summary>
    /// Builds the table <see cref="Build"/> builds from postings whose documents already ascend wherever keys are equal
    /// (postings listed in document order, as a query index lists them): a stable radix sort on the key, a byte a
    /// pass, then leaves each run of equal keys in document order, in linear time where <see cref="Build"/> sorts by
    /// comparison (the query state's anchor table, millions of postings, took a second to sort). Takes ownership of both arrays.
    /// </summary>
    public static PostingTable<TKey> BuildInDocumentOrder(TKey[] keys, int[] documents)
    {
        Debug.Assert(keys.Length == documents.Length);
        TKey[] sourceKeys = keys, targetKeys = new TKey[keys.Length];
        int[] sourceDocuments = documents, targetDocuments = new int[documents.Length];
        Span<int> starts = stackalloc int[256 + 1];
        for (int shift = 0; shift < 8 * Unsafe.SizeOf<TKey>(); shift += 8)
        {
            starts.Clear();
            foreach (var key in sourceKeys)
            {
                starts[Digit(key, shift) + 1]++;
            }
            if (starts.Contains(sourceKeys.Length) && sourceKeys.Length > 0)
            {
                continue; // every key has this byte: the pass would move nothing
            }
            for (int d = 1; d < starts.Length; d++)
            {
                starts[d] += starts[d - 1];
            }
            for (int i = 0; i < sourceKeys.Length; i++)
            {
                int at = starts[Digit(sourceKeys[i], shift)]++;
                targetKeys[at] = sourceKeys[i];
                targetDocuments[at] = sourceDocuments[i];
            }
            (sourceKeys, targetKeys) = (targetKeys, sourceKeys);
            (sourceDocuments, targetDocuments) = (targetDocuments, sourceDocuments);
        }
        return new PostingTable<TKey>(sourceKeys, sourceDocuments);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit(TKey key, int shift) => (int)((ulong.CreateTruncating(key) >> shift) & 0xFF);

    /// <summary>A table over postings already sorted by (key, document), taking ownership of both arrays.</summary>
    internal static PostingTable<TKey> FromSorted(TKey[] keys, int[] documents)
    {
        Debug.Assert(keys.Length == documents.Length);
        for (int i = 1; i < keys.Length; i++)
        {
            Debug.Assert(keys[i - 1] < keys[i] || (keys[i - 1] == keys[i] && documents[i - 1] < documents[i]), "postings not sorted by (key, document)");
        }
        return new PostingTable<TKey>(keys, documents);
    }

    /// <summary>Sorts postings by (key, document) in place: what a table holds, for callers that only scan the runs once.</summary>
    public static void Sort(Span<TKey> keys, Span<int> documents)
    {
        Debug.Assert(keys.Length == documents.Length);
        keys.Sort(documents);
        // The sort is not stable: order each run of equal keys by document so the result is deterministic.
        int start = 0;
        for (int i = 1; i <= keys.Length; i++)
        {
            if (i == keys.Length || keys[i] != keys[start])
            {
                if (i - start > 1)
                {
                    documents[start..i].Sort();
                }
                start = i;
            }
        }
    }

    /// <summary>The documents posted under <paramref name="key"/>, ascending.</summary>
    public ReadOnlySpan<int> Find(TKey key)
    {
        var keys = _keys.AsSpan();
        if (keys.Length == 0)
        {
            return [];
        }
        ulong prefix = Prefix(key);
        if (prefix >= (ulong)(_directory.Length - 1))
        {
            return [];
        }
        int lo = _directory[(int)prefix], hi = _directory[(int)prefix + 1];
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
        int limit = _directory[(int)prefix + 1];
        while (end < limit && keys[end] == key)
        {
            end++;
        }
        return _documents.AsSpan(lo, end - lo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Prefix(TKey key) => _shift >= 64 ? 0 : ulong.CreateTruncating(key) >> _shift;
}
