using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Clustering;

/// <summary>
/// <see cref="SharedFingerprints.Merge{TSink}"/> for sets that hold no boilerplate (a query's kept fingerprints against a
/// document's, judged with <see cref="BoilerplateFilter.None"/>): the sink gets the index pair of every shared value,
/// in ascending order, eight values of each set a step where 256-bit vectors are accelerated. The scalar merge, one
/// value a step, is latency-bound on its two cursors; the judge of a query ran it on ~800 against ~800 values a pair.
/// </summary>
internal static class SharedIndexMerge
{
    /// <summary>
    /// Tells <paramref name="sink"/> of each value the sorted, distinct sets <paramref name="a"/> and <paramref name="b"/>
    /// share, as (index in a, index in b), ascending. A block of eight of each set is compared with the eight rotations
    /// of the other's; the block whose last value is smaller moves on (both when equal), so every pair of overlapping
    /// blocks meets once and each shared value is found once, in order. In one meeting the shared values' lanes in
    /// each block rise together, so the k-th set bit of one block's mask pairs with the k-th of the other's.
    /// </summary>
    public static void Merge<TSink>(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, ref TSink sink)
        where TSink : ISharedFingerprintSink, allows ref struct
    {
        int i = 0, j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref uint a0 = ref MemoryMarshal.GetReference(a);
            ref uint b0 = ref MemoryMarshal.GetReference(b);
            while (i + 8 <= a.Length && j + 8 <= b.Length)
            {
                var x = Vector256.LoadUnsafe(ref a0, (nuint)i);
                var y = Vector256.LoadUnsafe(ref b0, (nuint)j);
                uint maskA = MatchedLanes(x, y);
                if (maskA != 0)
                {
                    for (uint maskB = MatchedLanes(y, x); maskA != 0; maskA &= maskA - 1, maskB &= maskB - 1)
                    {
                        sink.Add(i + BitOperations.TrailingZeroCount(maskA), j + BitOperations.TrailingZeroCount(maskB));
                    }
                }
                uint lastA = a[i + 7], lastB = b[j + 7];
                i += lastA <= lastB ? 8 : 0;
                j += lastB <= lastA ? 8 : 0;
            }
        }
        MergeScalar(a, b, i, j, ref sink);
    }

    /// <summary>
    /// <see cref="Merge{TSink}"/> one value a step, from <paramref name="i"/> in <paramref name="a"/> and
    /// <paramref name="j"/> in <paramref name="b"/> on: its tail, its fallback and its test oracle.
    /// </summary>
    public static void MergeScalar<TSink>(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, int i, int j, ref TSink sink)
        where TSink : ISharedFingerprintSink, allows ref struct
    {
        while (i < a.Length && j < b.Length)
        {
            uint x = a[i], y = b[j];
            if (x == y)
            {
                sink.Add(i, j);
            }
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
    }

    /// <summary>Bit l set when lane l of <paramref name="x"/> equals some lane of <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint MatchedLanes(Vector256<uint> x, Vector256<uint> y)
    {
        var equal = Vector256.Equals(x, y)
            | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(1u, 2, 3, 4, 5, 6, 7, 0)))
            | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(2u, 3, 4, 5, 6, 7, 0, 1)))
            | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(3u, 4, 5, 6, 7, 0, 1, 2)))
            | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(4u, 5, 6, 7, 0, 1, 2, 3)))
            | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(5u, 6, 7, 0, 1, 2, 3, 4)))
            | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(6u, 7, 0, 1, 2, 3, 4, 5)))
            | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(7u, 0, 1, 2, 3, 4, 5, 6)));
        return equal.ExtractMostSignificantBits();
    }
}
