using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// Sorts a pair's shared positions, each <c>(first position &lt;&lt; 32) | second position</c> with both below 2^16 (a
/// sketch's positions are 16-bit), into the order <see cref="MemoryExtensions.Sort{T}(Span{T})"/> gives: a stable
/// least-significant-digit radix sort on the first position's two bytes, then one insertion pass for entries whose
/// first positions are equal (coarse positions of a text over 65,536 shingles; a finer position holds one shingle,
/// so the pass only reads). The comparison sort's pivoting was most of the judge's sorting cost per query.
/// </summary>
internal static class PositionRadixSort
{
    /// <summary>Bits of the first position taken a pass: 256 counters a digit, both digits' kept on the stack.</summary>
    private const int DigitBits = 8;

    private const int Buckets = 1 << DigitBits;

    /// <summary>Below this many entries the comparison sort costs less than counting.</summary>
    public const int MinRadixLength = 32;

    /// <summary>
    /// Sorts <paramref name="values"/> ascending, as <c>values.Sort()</c> does; <paramref name="scratch"/> is at least
    /// as long and its contents are lost.
    /// </summary>
    [SkipLocalsInit]
    public static void Sort(Span<ulong> values, Span<ulong> scratch)
    {
        Debug.Assert(scratch.Length >= values.Length);
        if (values.Length < MinRadixLength)
        {
            values.Sort();
            return;
        }
        scratch = scratch[..values.Length];
        Span<int> counts = stackalloc int[2 * Buckets];
        counts.Clear();
        foreach (ulong v in values)
        {
            Debug.Assert(v >> 48 == 0 && (uint)v >> 16 == 0, "positions are 16-bit");
            counts[(int)(v >> 32) & (Buckets - 1)]++;
            counts[Buckets + (int)(v >> (32 + DigitBits))]++;
        }
        bool inScratch = false;
        for (int digit = 0; digit < 2; digit++)
        {
            var digitCounts = counts.Slice(digit * Buckets, Buckets);
            int shift = 32 + digit * DigitBits;
            // A digit every entry shares leaves a stable pass's order as it was.
            if (digitCounts[(int)(values[0] >> shift) & (Buckets - 1)] == values.Length)
            {
                continue;
            }
            if (inScratch)
            {
                Pass(scratch, values, shift, digitCounts);
            }
            else
            {
                Pass(values, scratch, shift, digitCounts);
            }
            inScratch = !inScratch;
        }
        if (inScratch)
        {
            scratch.CopyTo(values);
        }
        OrderTies(values);
    }

    /// <summary>One stable counting pass of <paramref name="source"/> into <paramref name="destination"/> on the digit at <paramref name="shift"/>.</summary>
    private static void Pass(ReadOnlySpan<ulong> source, Span<ulong> destination, int shift, Span<int> counts)
    {
        for (int b = 0, start = 0; b < Buckets; b++)
        {
            (counts[b], start) = (start, start + counts[b]);
        }
        foreach (ulong v in source)
        {
            destination[counts[(int)(v >> shift) & (Buckets - 1)]++] = v;
        }
    }

    /// <summary>
    /// Orders entries of equal first position by their second (an insertion sort: the entries are sorted by first
    /// position, so only ties move, and without ties this is one read).
    /// </summary>
    private static void OrderTies(Span<ulong> values)
    {
        for (int k = 1; k < values.Length; k++)
        {
            ulong v = values[k];
            int j = k - 1;
            while (j >= 0 && values[j] > v)
            {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = v;
        }
    }
}
