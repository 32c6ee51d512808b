namespace NearDup.Clustering;

/// <summary>
/// A least-significant-digit radix sort of one <see cref="AnchorPairs"/> bucket's packed pair keys, with its scratch
/// array (one per worker, grown to the largest bucket). A bucket's keys have first groups within 2^<c>firstBits</c> of
/// its first and second groups below the group count, so each key is mapped to (first − base, second), a dense number
/// of a few tens of bits, that sorts in the same order; a few counting passes then replace the comparison sort, whose
/// pivoting on interleaved keys was most of the candidates' time.
/// </summary>
internal sealed class PairRadixSort
{
    /// <summary>Key bits per pass: 2^11 counters (8 KiB) stay in L1 with the bucket's lines.</summary>
    private const int DigitBits = 11;

    /// <summary>Below this many keys the comparison sort costs less than clearing the counters.</summary>
    private const int MinRadixLength = 512;

    private readonly int[] _counts = new int[1 << DigitBits];
    private ulong[] _scratch = [];

    /// <summary>
    /// Sorts <paramref name="keys"/> (<see cref="PairKey"/>s whose first group is in [<paramref name="firstBase"/>,
    /// <paramref name="firstBase"/> + 2^<paramref name="firstBits"/>) and second group below 2^<paramref name="secondBits"/>) ascending.
    /// </summary>
    public void Sort(Span<long> keys, int firstBase, int firstBits, int secondBits)
    {
        if (keys.Length < MinRadixLength)
        {
            keys.Sort();
            return;
        }
        if (_scratch.Length < keys.Length)
        {
            _scratch = new ulong[keys.Length];
        }
        var dense = System.Runtime.InteropServices.MemoryMarshal.Cast<long, ulong>(keys);
        var scratch = _scratch.AsSpan(0, keys.Length);
        Dense(dense, firstBase, secondBits);
        int bits = firstBits + secondBits;
        bool inScratch = false;
        for (int shift = 0; shift < bits; shift += DigitBits)
        {
            int digit = Math.Min(DigitBits, bits - shift);
            if (inScratch)
            {
                Pass(scratch, dense, shift, digit);
            }
            else
            {
                Pass(dense, scratch, shift, digit);
            }
            inScratch = !inScratch;
        }
        if (inScratch)
        {
            scratch.CopyTo(dense);
        }
        Packed(dense, firstBase, secondBits);
    }

    /// <summary>Maps each key to (first − <paramref name="firstBase"/>) · 2^<paramref name="secondBits"/> + second, in place.</summary>
    private static void Dense(Span<ulong> keys, int firstBase, int secondBits)
    {
        foreach (ref ulong key in keys)
        {
            key = ((key >> 32) - (uint)firstBase) << secondBits | (uint)key;
        }
    }

    /// <summary>Maps each dense number back to its packed key, in place.</summary>
    private static void Packed(Span<ulong> keys, int firstBase, int secondBits)
    {
        ulong secondMask = (1UL << secondBits) - 1;
        foreach (ref ulong key in keys)
        {
            key = ((key >> secondBits) + (uint)firstBase) << 32 | (key & secondMask);
        }
    }

    /// <summary>One stable counting pass on the <paramref name="bits"/> bits from <paramref name="shift"/>.</summary>
    private void Pass(ReadOnlySpan<ulong> keys, Span<ulong> to, int shift, int bits)
    {
        var counts = _counts.AsSpan(0, 1 << bits);
        counts.Clear();
        ulong mask = (1UL << bits) - 1;
        foreach (ulong key in keys)
        {
            counts[(int)((key >> shift) & mask)]++;
        }
        for (int d = 0, at = 0; d < counts.Length; d++)
        {
            (counts[d], at) = (at, at + counts[d]);
        }
        foreach (ulong key in keys)
        {
            to[counts[(int)((key >> shift) & mask)]++] = key;
        }
    }
}
