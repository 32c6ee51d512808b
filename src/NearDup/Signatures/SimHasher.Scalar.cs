using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NearDup.Signatures;

// Scalar kernels (reference, fallback and baseline), and the lane layout the vector kernels share.
//
// Vector kernels do not shuffle bits into place. They broadcast the 64-bit feature to every lane and
// give lane L its own mask, so lane L simply tests a fixed bit; the layout is undone once at the end.
//   byte counters (unweighted), 64 lanes:  lane L tests bit 8·(L mod 8) + ⌊L/8⌋   (byte L mod 8, mask 1 << ⌊L/8⌋)
//   float sums (weighted), 64 lanes:       lane L tests bit 32·(L mod 2) + ⌊L/2⌋  (word L mod 2, mask 1 << ⌊L/2⌋)
// The formula does not depend on the vector width, because a broadcast puts byte (or word) L mod 8
// (or 2) in lane L of every vector of 16, 32 or 64 bytes; Vector128/256/512 just split the 64 lanes
// into 4, 2 or 1 vectors (bytes) and 16, 8 or 4 vectors (floats).
public sealed partial class SimHasher
{
    /// <summary>Byte-counter lane masks: lane L holds 1 &lt;&lt; ⌊L/8⌋.</summary>
    internal static ReadOnlySpan<byte> ByteLaneMasks =>
    [
        1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 8, 8, 8, 8, 8, 8, 8, 8,
        16, 16, 16, 16, 16, 16, 16, 16, 32, 32, 32, 32, 32, 32, 32, 32, 64, 64, 64, 64, 64, 64, 64, 64,
        128, 128, 128, 128, 128, 128, 128, 128,
    ];

    /// <summary>Float-sum lane masks: lane L holds 1 &lt;&lt; ⌊L/2⌋.</summary>
    internal static ReadOnlySpan<uint> WordLaneMasks =>
    [
        1u << 0, 1u << 0, 1u << 1, 1u << 1, 1u << 2, 1u << 2, 1u << 3, 1u << 3,
        1u << 4, 1u << 4, 1u << 5, 1u << 5, 1u << 6, 1u << 6, 1u << 7, 1u << 7,
        1u << 8, 1u << 8, 1u << 9, 1u << 9, 1u << 10, 1u << 10, 1u << 11, 1u << 11,
        1u << 12, 1u << 12, 1u << 13, 1u << 13, 1u << 14, 1u << 14, 1u << 15, 1u << 15,
        1u << 16, 1u << 16, 1u << 17, 1u << 17, 1u << 18, 1u << 18, 1u << 19, 1u << 19,
        1u << 20, 1u << 20, 1u << 21, 1u << 21, 1u << 22, 1u << 22, 1u << 23, 1u << 23,
        1u << 24, 1u << 24, 1u << 25, 1u << 25, 1u << 26, 1u << 26, 1u << 27, 1u << 27,
        1u << 28, 1u << 28, 1u << 29, 1u << 29, 1u << 30, 1u << 30, 1u << 31, 1u << 31,
    ];

    /// <summary>Byte counters wrap after 255 increments, so the vector kernels flush them at least this often.</summary>
    internal const int ByteCounterBlock = 255;

    /// <summary>Reference unweighted SimHash: per-bit counts of ones, bit set iff ones &gt; zeros.</summary>
    [SkipLocalsInit]
    internal static ulong CountScalar(ReadOnlySpan<ulong> hashes, ulong seed)
    {
        Span<int> ones = stackalloc int[64];
        ones.Clear();
        foreach (ulong h in hashes)
        {
            ulong f = Feature(h, seed);
            for (int b = 0; b < 64; b++)
            {
                ones[b] += (int)((f >> b) & 1);
            }
        }
        return FromCounts(ones, hashes.Length);
    }

    /// <summary>Reference weighted SimHash: per-bit float sums of ±w in input order, bit set iff the sum &gt; 0.</summary>
    [SkipLocalsInit]
    internal static ulong WeightedScalar(ReadOnlySpan<ulong> hashes, ReadOnlySpan<float> weights, ulong seed)
    {
        Debug.Assert(hashes.Length == weights.Length);
        Span<float> sums = stackalloc float[64];
        sums.Clear();
        for (int i = 0; i < hashes.Length; i++)
        {
            ulong f = Feature(hashes[i], seed);
            float w = weights[i];
            for (int b = 0; b < 64; b++)
            {
                sums[b] += ((f >> b) & 1) != 0 ? w : -w;
            }
        }
        ulong fingerprint = 0;
        for (int b = 0; b < 64; b++)
        {
            fingerprint |= sums[b] > 0 ? 1UL << b : 0;
        }
        return fingerprint;
    }

    /// <summary>Bit b is set iff ones[b] &gt; n − ones[b] (ties give 0); no overflow since ones[b] ≤ n.</summary>
    internal static ulong FromCounts(ReadOnlySpan<int> ones, int n)
    {
        ulong fingerprint = 0;
        for (int b = 0; b < 64; b++)
        {
            fingerprint |= ones[b] > n - ones[b] ? 1UL << b : 0;
        }
        return fingerprint;
    }

    /// <summary>Adds 64 byte counters in lane layout to per-bit counts.</summary>
    internal static void AddByteLanes(ReadOnlySpan<byte> lanes, Span<int> ones)
    {
        for (int lane = 0; lane < 64; lane++)
        {
            ones[8 * (lane & 7) + (lane >> 3)] += lanes[lane];
        }
    }

    /// <summary>Turns 64 float sums in lane layout into a fingerprint.</summary>
    internal static ulong FromWordLanes(ReadOnlySpan<float> lanes)
    {
        ulong fingerprint = 0;
        for (int lane = 0; lane < 64; lane++)
        {
            fingerprint |= lanes[lane] > 0 ? 1UL << (32 * (lane & 1) + (lane >> 1)) : 0;
        }
        return fingerprint;
    }
}
