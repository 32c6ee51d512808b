using System.IO.Hashing;
using System.Runtime.InteropServices;
using NearDup.Internal;

namespace NearDup.Indexing;

/// <summary>
/// A frozen MinHash LSH index: b band tables in flat sorted arrays. Queries are lock-free and may run
/// concurrently; <see cref="Remove"/> marks a document so that no query returns it.
/// </summary>
public sealed class LshIndex
{
    private readonly PostingTable<ulong>[] _tables;
    private readonly HashSet<int> _removed = [];
    private readonly Lock _removeLock = new();
    private volatile int[] _removedSnapshot = [];

    internal LshIndex(LshParameters parameters, PostingTable<ulong>[] tables, int count)
    {
        Parameters = parameters;
        _tables = tables;
        Count = count;
    }

    /// <summary>Bands and rows.</summary>
    public LshParameters Parameters { get; }

    /// <summary>Number of documents indexed (removed ones included).</summary>
    public int Count { get; }

    /// <summary>Bytes held by the band tables.</summary>
    public long MemoryBytes
    {
        get
        {
            long total = 0;
            foreach (var table in _tables)
            {
                total += table.MemoryBytes;
            }
            return total;
        }
    }

    /// <summary>Bytes per indexed document: 12 bytes (a 64-bit band key and a 32-bit document) per band.</summary>
    public double BytesPerDocument => Count == 0 ? 0 : (double)MemoryBytes / Count;

    internal ReadOnlySpan<PostingTable<ulong>> Tables => _tables;

    /// <summary>Computes the b band keys of a signature: each band's r values hashed to 64 bits.</summary>
    public static void ComputeBandKeys(ReadOnlySpan<ulong> signature, LshParameters parameters, Span<ulong> destination)
    {
        if (destination.Length < parameters.Bands)
        {
            ThrowHelper.ThrowDestinationTooShort();
        }
        for (int band = 0; band < parameters.Bands; band++)
        {
            var rows = signature.Slice(band * parameters.Rows, parameters.Rows);
            destination[band] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(rows), band);
        }
    }

    /// <summary>Marks a document removed: queries no longer return it.</summary>
    public void Remove(int document)
    {
        lock (_removeLock)
        {
            if (_removed.Add(document))
            {
                var snapshot = _removed.ToArray();
                Array.Sort(snapshot);
                _removedSnapshot = snapshot;
            }
        }
    }

    /// <summary>Returns the documents that share at least one band with <paramref name="signature"/>, ascending, each once.</summary>
    public int[] Query(ReadOnlySpan<ulong> signature)
    {
        Span<ulong> keys = stackalloc ulong[Parameters.Bands];
        if (signature.Length != Parameters.HashFunctions)
        {
            ThrowHelper.ThrowArgument(nameof(signature), $"Signature has {signature.Length} values; the index expects {Parameters.HashFunctions}.");
        }
        ComputeBandKeys(signature, Parameters, keys);
        var found = new List<int>();
        for (int band = 0; band < _tables.Length; band++)
        {
            foreach (int doc in _tables[band].Find(keys[band]))
            {
                found.Add(doc);
            }
        }
        return Finish(found);
    }

    private int[] Finish(List<int> found)
    {
        found.Sort();
        var removed = _removedSnapshot;
        var result = new List<int>(found.Count);
        for (int i = 0; i < found.Count; i++)
        {
            if ((i == 0 || found[i] != found[i - 1]) && Array.BinarySearch(removed, found[i]) < 0)
            {
                result.Add(found[i]);
            }
        }
        return [.. result];
    }
}
