using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Signatures;

// Scalar kernels: the fallback, the oracle of the kernel-equivalence tests and the benchmark baseline
// (STYLE 4.1). One-permutation hashing has only this kernel: its inner step is a scatter-min into a
// data-dependent bin, which vectors do not speed up (AVX-512 has no conflict-free scatter-min), and it
// costs a few ns per hash, most of it the bin update (see SelectMin).
public sealed partial class MinHasher
{
    /// <summary>k-permutation reference: <c>mins[j] = min(mins[j], Permute(seeds[j] ^ h))</c> for every hash and j.</summary>
    internal static void AccumulateScalar(ReadOnlySpan<ulong> hashes, ReadOnlySpan<ulong> seeds, Span<ulong> mins)
    {
        Debug.Assert(seeds.Length == mins.Length);
        for (int j = 0; j < mins.Length; j++)
        {
            ulong seed = seeds[j];
            ulong min = mins[j];
            foreach (ulong h in hashes)
            {
                min = Math.Min(min, SignatureMix.Permute(seed ^ h));
            }
            mins[j] = min;
        }
    }

    /// <summary>
    /// Bin of a mixed value among <paramref name="k"/> bins: ⌊hi32(v)·k / 2^32⌋. Monotone in v, so each bin
    /// owns a contiguous range of values: a bin's minimum always lies in its own range, and a value copied
    /// into another bin by densification can never equal that bin's own minimum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint BinOf(ulong v, uint k) => (uint)(((v >> 32) * k) >> 32);

    /// <summary>One-permutation hashing into <paramref name="bins"/> (pre-filled with <see cref="EmptySlot"/>), then densification.</summary>
    private void OnePermutation(ReadOnlySpan<ulong> hashes, Span<ulong> bins)
    {
        Debug.Assert(!hashes.IsEmpty);
        if (_kernel == SignatureKernel.Vector512)
        {
            OnePermutationChunked<ChunkMixer512>(hashes, _binSeed, bins);
        }
        else if (_kernel == SignatureKernel.Vector256 && Avx2.IsSupported)
        {
            OnePermutationChunked<ChunkMixer256>(hashes, _binSeed, bins);
        }
        else
        {
            OnePermutationScalar(hashes, _binSeed, bins);
        }
        Densify(bins, _probeSeed);
    }

    /// <summary>Each hash's mixed value into its bin, keeping each bin's minimum: the reference of the vector kernel.</summary>
    private static void OnePermutationScalar(ReadOnlySpan<ulong> hashes, ulong seed, Span<ulong> bins)
    {
        uint k = (uint)bins.Length;
        foreach (ulong h in hashes)
        {
            ulong v = SignatureMix.Strong(h ^ seed);
            ref ulong slot = ref bins[(int)BinOf(v, k)];
            slot = SelectMin(slot, v);
        }
    }

    /// <summary>
    /// <c>Math.Min(a, b)</c> without a branch. Whether a shingle's value beats its bin's minimum so far is a coin toss
    /// for the first few shingles of each bin, and the JIT does not turn a compare inside a loop into a conditional
    /// move, so <c>Math.Min</c> there was a branch mispredicted about once a bin refill (a profile showed the compare
    /// and the store as the hot spots of <see cref="ComputeCore"/>). The borrow of <c>a - b</c> is 1 exactly when
    /// <c>a &lt; b</c> (Warren, Hacker's Delight, 2nd ed., 2-13), and it selects <c>a</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SelectMin(ulong a, ulong b)
    {
        ulong borrow = ((~a & b) | (~(a ^ b) & (a - b))) >> 63;
        return b ^ ((a ^ b) & (0 - borrow));
    }

    /// <summary>
    /// Optimal densification (Shrivastava 2017, Algorithm 2): each empty bin j copies the value of the
    /// first originally non-empty bin in a pseudo-random probe sequence that depends on j only, never on
    /// the document, which makes P[slot j equal] = J. The sequence is the top bits of a 64-bit LCG
    /// (Knuth's MMIX constants) started at Strong(probeSeed ^ j): one multiply per probe instead of a
    /// full remix, which matters for short documents, where most bins are empty and each needs about
    /// k / (non-empty bins) probes. A bin is "originally non-empty" iff it holds a value of its own
    /// range, so no side buffer is needed.
    /// </summary>
    private const ulong LcgMultiplier = 6364136223846793005;
    private const ulong LcgIncrement = 1442695040888963407;

    private static void Densify(Span<ulong> bins, ulong probeSeed)
    {
        uint k = (uint)bins.Length;
        int empty = 0;
        foreach (ulong v in bins)
        {
            empty += v == EmptySlot ? 1 : 0;
        }
        if (empty == 0)
        {
            return;
        }
        Debug.Assert(empty < (int)k, "an input with at least one hash fills at least one bin");

        // After this many probes a linear scan finishes the job, so the loop always ends; reaching it has
        // probability about e^-64 even with a single non-empty bin, so unbiasedness is unaffected in practice.
        ulong maxAttempts = 64UL * k;
        for (uint j = 0; j < k; j++)
        {
            if (bins[(int)j] != EmptySlot)
            {
                continue; // non-empty: bins are filled in order, so bins ≥ j still hold their own values
            }
            ulong value = EmptySlot;
            ulong x = SignatureMix.Strong(probeSeed ^ j);
            for (ulong attempt = 0; attempt < maxAttempts; attempt++)
            {
                x = x * LcgMultiplier + LcgIncrement;
                uint probe = BinOf(x, k);
                ulong candidate = bins[(int)probe];
                if (candidate != EmptySlot && BinOf(candidate, k) == probe)
                {
                    value = candidate;
                    break;
                }
            }
            for (uint p = (j + 1) % k; value == EmptySlot; p = (p + 1) % k)
            {
                ulong candidate = bins[(int)p];
                if (candidate != EmptySlot && BinOf(candidate, k) == p)
                {
                    value = candidate;
                }
            }
            bins[(int)j] = value;
        }
    }

    /// <summary>
    /// Reference match count: slots equal in both and not empty (<see cref="EmptySlot"/>, or <see cref="EmptyCompactSlot"/>
    /// for compact signatures: all bits set either way).
    /// </summary>
    internal static int CountMatchesScalar<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IBinaryInteger<T>
    {
        Debug.Assert(a.Length == b.Length);
        T empty = ~T.Zero;
        int count = 0;
        for (int i = 0; i < a.Length; i++)
        {
            count += a[i] == b[i] && a[i] != empty ? 1 : 0;
        }
        return count;
    }
}
