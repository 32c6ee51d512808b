using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NearDup.Internal;

namespace NearDup.Clustering;

/// <summary>
/// The merges with boilerplate eight values of each set a step, as <see cref="SharedIndexMerge"/> merges sets without
/// it: a block of eight of one set is compared with the eight rotations of the other's, and the block whose last value
/// is smaller moves on (both when equal), so every pair of overlapping blocks meets once and each shared value is found
/// once, in order. The scalar merge is latency-bound on its two cursors, a value a step; here a step moves a cursor by
/// eight. The matches go to a buffer and through the boilerplate filter in batches, as in the scalar twins.
/// </summary>
internal static partial class SharedFingerprints
{
    /// <summary><see cref="CountShared"/> eight values of each set a step; <see cref="CountTail"/> finishes the tails.</summary>
    internal static int CountSharedVector256(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common) =>
        CountSharedVector256(a, b, common, leftPack: Avx2.IsSupported);

    /// <summary>
    /// <see cref="CountSharedVector256(ReadOnlySpan{uint}, ReadOnlySpan{uint}, BoilerplateFilter)"/> buffering a
    /// block's matches with one left-pack and a store of all eight lanes when <paramref name="leftPack"/> (AVX2), else a
    /// store per match: a copy's blocks match in most lanes, and a loop over the lanes mispredicts its exit at every
    /// meeting (the benchmarks compare the two in one process).
    /// </summary>
    [SkipLocalsInit]
    internal static int CountSharedVector256(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common, bool leftPack)
    {
        Debug.Assert(!leftPack || Avx2.IsSupported);
        Span<uint> matched = stackalloc uint[MatchBatch];
        int shared = 0, m = 0, i = 0, j = 0;
        ref uint baseA = ref MemoryMarshal.GetReference(a);
        ref uint baseB = ref MemoryMarshal.GetReference(b);
        while (i <= a.Length - 8 && j <= b.Length - 8)
        {
            var blockA = Vector256.LoadUnsafe(ref baseA, (nuint)i);
            var blockB = Vector256.LoadUnsafe(ref baseB, (nuint)j);
            uint lanes = SharedIndexMerge.MatchedLanes(blockA, blockB);
            if (leftPack)
            {
                // All eight lanes stored, the matched ones first: the next store overwrites the rest.
                Vector256LeftPack.Pack(blockA, lanes).StoreUnsafe(ref MemoryMarshal.GetReference(matched), (nuint)m);
                m += BitOperations.PopCount(lanes);
            }
            else
            {
                for (uint mask = lanes; mask != 0; mask &= mask - 1)
                {
                    matched[m++] = Unsafe.Add(ref baseA, i + BitOperations.TrailingZeroCount(mask));
                }
            }
            // A block's eight matches at most (and a store of eight lanes): count the buffer before it could overflow.
            if (m > MatchBatch - 8)
            {
                shared += common.CountNotBoilerplate(matched[..m]);
                m = 0;
            }
            uint lastA = Unsafe.Add(ref baseA, i + 7), lastB = Unsafe.Add(ref baseB, j + 7);
            i += lastA <= lastB ? 8 : 0;
            j += lastB <= lastA ? 8 : 0;
        }
        return shared + common.CountNotBoilerplate(matched[..m]) + CountTail(a, b, i, j, common);
    }

    /// <summary>
    /// <see cref="Merge{TSink}"/> eight values of each set a step; <see cref="MergeTail{TSink}"/> finishes the tails. In
    /// one meeting the shared values' lanes in each block rise together, so the k-th set bit of one block's mask pairs
    /// with the k-th of the other's.
    /// </summary>
    [SkipLocalsInit]
    internal static void MergeVector256<TSink>(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common, ref TSink sink)
        where TSink : ISharedFingerprintSink, allows ref struct
    {
        Span<int> matchedA = stackalloc int[MatchBatch];
        Span<int> matchedB = stackalloc int[MatchBatch];
        int m = 0, i = 0, j = 0;
        ref uint baseA = ref MemoryMarshal.GetReference(a);
        ref uint baseB = ref MemoryMarshal.GetReference(b);
        while (i <= a.Length - 8 && j <= b.Length - 8)
        {
            var blockA = Vector256.LoadUnsafe(ref baseA, (nuint)i);
            var blockB = Vector256.LoadUnsafe(ref baseB, (nuint)j);
            uint maskA = SharedIndexMerge.MatchedLanes(blockA, blockB);
            if (maskA != 0)
            {
                for (uint maskB = SharedIndexMerge.MatchedLanes(blockB, blockA); maskA != 0; maskA &= maskA - 1, maskB &= maskB - 1)
                {
                    matchedA[m] = i + BitOperations.TrailingZeroCount(maskA);
                    matchedB[m++] = j + BitOperations.TrailingZeroCount(maskB);
                }
                if (m > MatchBatch - 8)
                {
                    PassKept(a, matchedA[..m], matchedB, common, ref sink);
                    m = 0;
                }
            }
            uint lastA = Unsafe.Add(ref baseA, i + 7), lastB = Unsafe.Add(ref baseB, j + 7);
            i += lastA <= lastB ? 8 : 0;
            j += lastB <= lastA ? 8 : 0;
        }
        PassKept(a, matchedA[..m], matchedB, common, ref sink);
        MergeTail(a, b, i, j, common, ref sink);
    }

    /// <summary>Tells <paramref name="sink"/> of the buffered matches whose value is not boilerplate, in order.</summary>
    private static void PassKept<TSink>(ReadOnlySpan<uint> a, scoped ReadOnlySpan<int> matchedA, scoped ReadOnlySpan<int> matchedB, BoilerplateFilter common,
        ref TSink sink)
        where TSink : ISharedFingerprintSink, allows ref struct
    {
        for (int k = 0; k < matchedA.Length; k++)
        {
            if (!common.IsBoilerplate(a[matchedA[k]]))
            {
                sink.Add(matchedA[k], matchedB[k]);
            }
        }
    }
}
