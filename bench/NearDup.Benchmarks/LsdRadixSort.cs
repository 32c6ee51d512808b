using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NearDup.Benchmarks;

/// <summary>
/// The fingerprint-key sort the sketcher used before its bucket pass (<c>Sketcher.SortFingerprints</c> up to 80c6691):
/// a stable LSD radix sort on the fingerprint half, four 8-bit passes with the four histograms counted in one read.
/// Kept here as the comparison for <see cref="SketchKernelBench"/>.
/// </summary>
internal static class LsdRadixSort
{
    private const int MinRadixSort = 64;
    private const int DigitBits = 8;
    private const int Digits = 1 << DigitBits;

    /// <summary>Sorts keys whose low halves ascend in input order; <paramref name="scratch"/> is at least as long as <paramref name="keys"/>.</summary>
    [SkipLocalsInit]
    public static void Sort(Span<ulong> keys, Span<ulong> scratch)
    {
        if (keys.Length < MinRadixSort)
        {
            keys.Sort();
            return;
        }
        Span<int> counts = stackalloc int[4 * Digits];
        counts.Clear();
        ref int count0 = ref MemoryMarshal.GetReference(counts);
        foreach (ulong key in keys)
        {
            uint f = (uint)(key >> 32);
            Unsafe.Add(ref count0, (int)(f & 0xFF))++;
            Unsafe.Add(ref count0, Digits + (int)(f >> 8 & 0xFF))++;
            Unsafe.Add(ref count0, 2 * Digits + (int)(f >> 16 & 0xFF))++;
            Unsafe.Add(ref count0, 3 * Digits + (int)(f >> 24))++;
        }
        Span<ulong> from = keys, to = scratch[..keys.Length];
        for (int pass = 0; pass < 4; pass++)
        {
            Scatter(from, to, counts.Slice(pass * Digits, Digits), 32 + pass * DigitBits);
            var swap = from;
            from = to;
            to = swap;
        }
        // An even number of passes ends where it began, in keys.
    }

    /// <summary>One stable radix pass: the digit of each key at <paramref name="shift"/> picks its place in <paramref name="to"/>.</summary>
    private static void Scatter(ReadOnlySpan<ulong> from, Span<ulong> to, Span<int> counts, int shift)
    {
        int sum = 0;
        for (int d = 0; d < counts.Length; d++)
        {
            int c = counts[d];
            counts[d] = sum;
            sum += c;
        }
        ref int next = ref MemoryMarshal.GetReference(counts);
        ref ulong target = ref MemoryMarshal.GetReference(to);
        foreach (ulong key in from)
        {
            Unsafe.Add(ref target, Unsafe.Add(ref next, (int)(key >> shift) & (Digits - 1))++) = key;
        }
    }
}
