using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Clustering;

/// <summary>
/// The merge of two sorted, distinct fingerprint sets that every verification runs: each shared fingerprint that is not
/// boilerplate goes to a sink, a struct the JIT specializes (counting, collecting positions for <see cref="PairEvidence"/>),
/// so the hot loop pays no call. <see cref="Verifier"/> counts with <see cref="CountShared"/>, which has no branch per step.
/// </summary>
internal static partial class SharedFingerprints
{
    /// <summary>
    /// Tells <paramref name="sink"/> of each fingerprint the two sorted sets share that is not boilerplate, in ascending
    /// order. As in <see cref="CountShared"/>, the merge moves its cursors by comparisons and writes each candidate
    /// match's indexes to a small buffer, so that it takes no branch per step (the branch of a plain merge of two sets
    /// that interleave mispredicts often); the buffer's matches then go through the boilerplate filter and to the sink
    /// in order. With 256-bit vectors, eight values of each set a step (<see cref="MergeVector256{TSink}"/>).
    /// </summary>
    public static void Merge<TSink>(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common, ref TSink sink)
        where TSink : ISharedFingerprintSink, allows ref struct
    {
        if (Vector256.IsHardwareAccelerated)
        {
            MergeVector256(a, b, common, ref sink);
        }
        else
        {
            MergeTail(a, b, 0, 0, common, ref sink);
        }
    }

    /// <summary>
    /// <see cref="Merge{TSink}"/> one value a step, from <paramref name="i"/> in <paramref name="a"/> and
    /// <paramref name="j"/> in <paramref name="b"/> on: the vectorized merge's tail, its fallback and its test oracle.
    /// </summary>
    [SkipLocalsInit]
    internal static void MergeTail<TSink>(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, int i, int j, BoilerplateFilter common, ref TSink sink)
        where TSink : ISharedFingerprintSink, allows ref struct
    {
        Span<int> matchedA = stackalloc int[MatchBatch];
        Span<int> matchedB = stackalloc int[MatchBatch];
        while (i < a.Length && j < b.Length)
        {
            int m = 0;
            // At most MatchBatch steps, so at most MatchBatch matches: the buffers cannot overflow.
            for (int steps = 0; steps < MatchBatch && i < a.Length && j < b.Length; steps++)
            {
                uint x = a[i], y = b[j];
                matchedA[m] = i;
                matchedB[m] = j;
                m += x == y ? 1 : 0;
                i += x <= y ? 1 : 0;
                j += y <= x ? 1 : 0;
            }
            PassKept(a, matchedA[..m], matchedB, common, ref sink);
        }
    }

    /// <summary>
    /// The number of fingerprints two sorted sets share that are not boilerplate: what <see cref="Merge{TSink}"/> with
    /// <see cref="Count"/> gives. Widest first: blocks of eight of each set compared all against all with 256-bit
    /// vectors (<see cref="CountSharedVector256(ReadOnlySpan{uint}, ReadOnlySpan{uint}, BoilerplateFilter)"/>), of four with 128-bit ones (<see cref="CountSharedVector128"/>); the
    /// scalar merge (<see cref="CountSharedScalar"/>) finishes the sets' tails.
    /// </summary>
    public static int CountShared(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common) =>
        Vector256.IsHardwareAccelerated ? CountSharedVector256(a, b, common)
        : Vector128.IsHardwareAccelerated ? CountSharedVector128(a, b, common)
        : CountSharedScalar(a, b, common);

    /// <summary>
    /// <see cref="CountShared"/> without a branch per step. The merge writes each candidate match to a small buffer
    /// and moves its cursors by comparisons, so that the mispredicted branch of a merge of two sets that interleave at
    /// random is gone; the buffer's matches are then counted against the boilerplate filter in one batch.
    /// </summary>
    internal static int CountSharedScalar(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common) => CountTail(a, b, 0, 0, common);

    /// <summary>The shared non-boilerplate fingerprints of <paramref name="a"/> from <paramref name="i"/> on and <paramref name="b"/> from <paramref name="j"/> on, merged one step at a time.</summary>
    internal static int CountTail(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, int i, int j, BoilerplateFilter common)
    {
        Span<uint> matched = stackalloc uint[MatchBatch];
        int shared = 0;
        while (i < a.Length && j < b.Length)
        {
            int m = 0;
            // At most MatchBatch steps, so at most MatchBatch matches: the buffer cannot overflow.
            for (int steps = 0; steps < MatchBatch && i < a.Length && j < b.Length; steps++)
            {
                uint x = a[i], y = b[j];
                matched[m] = x;
                m += x == y ? 1 : 0;
                i += x <= y ? 1 : 0;
                j += y <= x ? 1 : 0;
            }
            shared += common.CountNotBoilerplate(matched[..m]);
        }
        return shared;
    }

    /// <summary>
    /// <see cref="CountShared"/> four values of each set a step: a block of <paramref name="a"/> is compared with a
    /// block of <paramref name="b"/> and its three rotations, the matches of <paramref name="a"/>'s block go to a
    /// buffer, and the block whose last value is smaller moves on (both when they are equal). Every value of the block
    /// that moves has then met every value of the other set it could equal, as each set is sorted and distinct, so each
    /// shared value is found once; the scalar merge takes over where a set has fewer than four values left.
    /// </summary>
    [SkipLocalsInit]
    internal static int CountSharedVector128(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common)
    {
        Span<uint> matched = stackalloc uint[MatchBatch];
        int shared = 0, m = 0, i = 0, j = 0;
        ref uint baseA = ref MemoryMarshal.GetReference(a);
        ref uint baseB = ref MemoryMarshal.GetReference(b);
        while (i <= a.Length - 4 && j <= b.Length - 4)
        {
            var blockA = Vector128.LoadUnsafe(ref baseA, (nuint)i);
            var blockB = Vector128.LoadUnsafe(ref baseB, (nuint)j);
            var equal = Vector128.Equals(blockA, blockB)
                | Vector128.Equals(blockA, Vector128.Shuffle(blockB, Vector128.Create(1u, 2, 3, 0)))
                | Vector128.Equals(blockA, Vector128.Shuffle(blockB, Vector128.Create(2u, 3, 0, 1)))
                | Vector128.Equals(blockA, Vector128.Shuffle(blockB, Vector128.Create(3u, 0, 1, 2)));
            for (uint mask = equal.ExtractMostSignificantBits(); mask != 0; mask &= mask - 1)
            {
                matched[m++] = a[i + BitOperations.TrailingZeroCount(mask)];
            }
            // A block's four matches at most: count the buffer before it could overflow.
            if (m > MatchBatch - 4)
            {
                shared += common.CountNotBoilerplate(matched[..m]);
                m = 0;
            }
            uint lastA = a[i + 3], lastB = b[j + 3];
            i += lastA <= lastB ? 4 : 0;
            j += lastB <= lastA ? 4 : 0;
        }
        return shared + common.CountNotBoilerplate(matched[..m]) + CountTail(a, b, i, j, common);
    }

    /// <summary>Merge steps <see cref="Merge{TSink}"/> and <see cref="CountShared"/> take before they pass on their matches (1 KiB a buffer on the stack).</summary>
    private const int MatchBatch = 256;

    /// <summary>Counts the shared fingerprints.</summary>
    public struct Count : ISharedFingerprintSink
    {
        public int Shared;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int indexA, int indexB) => Shared++;
    }
}
