namespace NearDup.Clustering;

/// <summary>
/// A stable least-significant-digit radix sort of postings on the low bits of their keys, with its scratch arrays
/// (one per worker, grown to the largest bucket). Postings listed in owner order come out sorted by (key, owner), as
/// <see cref="Indexing.PostingTable{TKey}.Sort"/> sorts them, in linear time and without its comparison sort's
/// pivoting, which was the anchor table's largest cost and a large part of stage 1's band tables.
/// </summary>
internal sealed class PostingRadixSort
{
    /// <summary>Key bits per pass: 2^11 counters (8 KiB) stay in L1 with the bucket's lines.</summary>
    private const int DigitBits = 11;

    /// <summary>Below this many postings the comparison sort costs less than clearing the counters.</summary>
    private const int MinRadixLength = 256;

    private readonly int[] _counts = new int[1 << DigitBits];
    private uint[] _keys = [];
    private int[] _owners = [];

    /// <summary>
    /// Sorts <paramref name="keys"/> (whose bits from <paramref name="keyBits"/> up are all equal) with their
    /// <paramref name="owners"/> by (key, owner); the owners of equal keys must already ascend in input order.
    /// </summary>
    public void Sort(Span<uint> keys, Span<int> owners, int keyBits)
    {
        if (keys.Length < MinRadixLength)
        {
            Indexing.PostingTable<uint>.Sort(keys, owners);
            return;
        }
        if (_keys.Length < keys.Length)
        {
            _keys = new uint[keys.Length];
            _owners = new int[keys.Length];
        }
        var scratchKeys = _keys.AsSpan(0, keys.Length);
        var scratchOwners = _owners.AsSpan(0, keys.Length);
        bool inScratch = false;
        for (int shift = 0; shift < keyBits; shift += DigitBits)
        {
            int bits = Math.Min(DigitBits, keyBits - shift);
            if (inScratch)
            {
                Pass(scratchKeys, scratchOwners, keys, owners, shift, bits);
            }
            else
            {
                Pass(keys, owners, scratchKeys, scratchOwners, shift, bits);
            }
            inScratch = !inScratch;
        }
        if (inScratch)
        {
            scratchKeys.CopyTo(keys);
            scratchOwners.CopyTo(owners);
        }
    }

    /// <summary>One stable counting pass on the <paramref name="bits"/> key bits from <paramref name="shift"/>.</summary>
    private void Pass(ReadOnlySpan<uint> keys, ReadOnlySpan<int> owners, Span<uint> toKeys, Span<int> toOwners, int shift, int bits)
    {
        var counts = _counts.AsSpan(0, 1 << bits);
        counts.Clear();
        uint mask = (1u << bits) - 1;
        foreach (uint key in keys)
        {
            counts[(int)((key >> shift) & mask)]++;
        }
        for (int d = 0, at = 0; d < counts.Length; d++)
        {
            (counts[d], at) = (at, at + counts[d]);
        }
        for (int i = 0; i < keys.Length; i++)
        {
            int to = counts[(int)((keys[i] >> shift) & mask)]++;
            toKeys[to] = keys[i];
            toOwners[to] = owners[i];
        }
    }
}
