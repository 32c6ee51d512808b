using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Clustering;

// The fingerprint sort with AVX-512: one scatter of the keys on the top bits of their fingerprint into about a
// quarter as many buckets as keys (hash fingerprints are uniform, so a bucket holds ~2-4 keys), then each bucket
// sorted whole by an 8-lane bitonic network in one register, with no branch on the data. The four 8-bit LSD passes
// of SortCounted (the scalar twin, and the other tiers' sort) cost four histogram counts and four scatters a key;
// this costs one of each and a network per four keys. A bucket over eight keys (~1-2% of buckets) is
// insertion-sorted instead.
//
// The split of the sorted keys into fingerprints and positions with AVX-512: eight keys at a time, each compared with
// the key before it; a block where no fingerprint repeats (nearly all: a repeated shingle is rare) is narrowed to eight
// fingerprints (vpmovqd) and eight positions (vpmovqw) stored at once, a block with a repeat goes key by key as the
// scalar twin SplitDistinctScalar does.
internal sealed partial class Sketcher
{
    /// <summary>Most buckets (so counters on the stack) the network sort uses; a text with more keys takes the radix sort.</summary>
    private const int MaxNetworkBuckets = 4096;

    /// <summary>Lanes of one network: a bucket this size or smaller is sorted in one register.</summary>
    private const int NetworkLanes = 8;

    /// <summary>Keys a block of <see cref="SplitDistinctVector512"/> holds.</summary>
    private const int SplitLanes = 8;

    /// <summary>Whether <see cref="NetworkSort"/> can sort this many keys with this much scratch (which it reads past the keys).</summary>
    internal static bool CanNetworkSort(int keyCount, int scratchLength) =>
        Vector512.IsHardwareAccelerated
            ? keyCount >= MinRadixSort && keyCount <= 4 * MaxNetworkBuckets && scratchLength >= keyCount + NetworkLanes
            : CanNetworkSort4(keyCount, scratchLength);

    /// <summary>
    /// Sorts distinct keys (as <see cref="SampleKeys"/> makes them: the position in the low half makes each one
    /// distinct) ascending: the bucket scatter and the per-bucket networks above. <paramref name="scratch"/> holds
    /// at least <see cref="NetworkLanes"/> more than <paramref name="keys"/> (see <see cref="CanNetworkSort"/>).
    /// </summary>
    [SkipLocalsInit]
    internal static void NetworkSort(Span<ulong> keys, Span<ulong> scratch)
    {
        Debug.Assert(CanNetworkSort(keys.Length, scratch.Length));
        if (!Vector512.IsHardwareAccelerated)
        {
            NetworkSort4(keys, scratch);
            return;
        }
        int shift = 64 - BucketBits(keys.Length, NetworkLanes);
        Span<int> counts = stackalloc int[1 << (64 - shift)];
        counts.Clear();
        ref int count0 = ref MemoryMarshal.GetReference(counts);
        foreach (ulong key in keys)
        {
            Unsafe.Add(ref count0, (nint)(key >> shift))++;
        }
        NetworkSortCounted(keys, scratch, counts, shift);
    }

    /// <summary><see cref="NetworkSort"/> with the keys' bucket sizes (buckets of the top <c>64 - shift</c> bits) already counted in <paramref name="counts"/>, which it consumes.</summary>
    private static void NetworkSortCounted(Span<ulong> keys, Span<ulong> scratch, Span<int> counts, int shift)
    {
        Scatter(keys, scratch, counts, shift);
        // Each count is now its bucket's end.
        if (Vector512.IsHardwareAccelerated)
        {
            SortBuckets(scratch, keys, counts);
        }
        else
        {
            SortBuckets4(scratch, keys, counts);
        }
    }

    /// <summary>Bits of the bucket number for the tier's network: the buckets are the power of two at or above a quarter of the keys with AVX-512's eight lanes, a half with AVX2's four.</summary>
    private static int BucketBits(int keyCount) => BucketBits(keyCount, Vector512.IsHardwareAccelerated ? NetworkLanes : NetworkLanes4);

    /// <summary>Bits of the bucket number for a network of <paramref name="lanes"/>: the power of two at or above the keys over half the lanes.</summary>
    private static int BucketBits(int keyCount, int lanes) => Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)(keyCount - 1) / (uint)(lanes / 2)));

    /// <summary>
    /// Each bucket of <paramref name="from"/> sorted into its place in <paramref name="to"/>. A network stores all eight
    /// lanes, the ones past its bucket into the buckets after it, which are written (so overwritten) later; a bucket
    /// over eight keys is noted (with no branch) and insertion-sorted after the loop, so the loop makes no call; the
    /// last buckets, whose eight lanes would pass the end, go through a stack copy.
    /// </summary>
    [SkipLocalsInit]
    private static void SortBuckets(ReadOnlySpan<ulong> from, Span<ulong> to, Span<int> ends)
    {
        ref ulong source = ref MemoryMarshal.GetReference(from);
        ref ulong target = ref MemoryMarshal.GetReference(to);
        ref int end0 = ref MemoryMarshal.GetReference(ends);
        var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        Span<int> large = stackalloc int[ends.Length];
        ref int large0 = ref MemoryMarshal.GetReference(large);
        int largeCount = 0, start = 0, b = 0;
        for (; b < ends.Length && start + NetworkLanes <= to.Length; b++)
        {
            int end = Unsafe.Add(ref end0, b);
            ulong size = (ulong)(end - start);
            var keep = Vector512.LessThan(lanes, Vector512.Create(size));
            SortEight(Vector512.ConditionalSelect(keep, Vector512.LoadUnsafe(ref source, (nuint)start), Vector512<ulong>.AllBitsSet))
                .StoreUnsafe(ref target, (nuint)start);
            Unsafe.Add(ref large0, largeCount) = b;
            largeCount += size > NetworkLanes ? 1 : 0;
            start = end;
        }
        SortTail(from, to, ends[b..], start);
        foreach (int l in large[..largeCount])
        {
            int first = l == 0 ? 0 : ends[l - 1];
            InsertionSort(from[first..ends[l]], to[first..ends[l]]);
        }
    }

    /// <summary>The buckets from <paramref name="start"/> on, within eight keys of the end: each sorted through a stack copy.</summary>
    [SkipLocalsInit]
    private static void SortTail(ReadOnlySpan<ulong> from, Span<ulong> to, ReadOnlySpan<int> ends, int start)
    {
        Span<ulong> sorted = stackalloc ulong[NetworkLanes];
        foreach (int end in ends)
        {
            from[start..end].CopyTo(sorted);
            sorted[(end - start)..].Fill(ulong.MaxValue);
            SortEight(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(sorted))).StoreUnsafe(ref MemoryMarshal.GetReference(sorted));
            sorted[..(end - start)].CopyTo(to[start..]);
            start = end;
        }
    }

    /// <summary>
    /// <see cref="SplitDistinct"/> eight keys at a time (see the top of this file); the keys are more than
    /// <see cref="SplitLanes"/>. A block's fingerprints and positions are stored at the next free slot, which is never
    /// past the block's first key, so the stores stay inside destinations as long as the keys.
    /// </summary>
    internal static int SplitDistinctVector512(ReadOnlySpan<ulong> keys, int shift, Span<uint> fingerprints, Span<ushort> positions)
    {
        Debug.Assert(keys.Length > SplitLanes);
        _ = fingerprints[keys.Length - 1];
        _ = positions[keys.Length - 1];
        fingerprints[0] = (uint)(keys[0] >> 32);
        positions[0] = (ushort)((uint)keys[0] >> shift);
        ref ulong key0 = ref MemoryMarshal.GetReference(keys);
        ref uint fingerprint0 = ref MemoryMarshal.GetReference(fingerprints);
        ref ushort position0 = ref MemoryMarshal.GetReference(positions);
        var low = Vector512.Create((ulong)uint.MaxValue);
        int distinct = 1, i = 1;
        for (; i + SplitLanes <= keys.Length; i += SplitLanes)
        {
            var block = Vector512.LoadUnsafe(ref key0, (nuint)i);
            var blockFingerprints = Vector512.ShiftRightLogical(block, 32);
            if (Vector512.EqualsAny(blockFingerprints, Vector512.ShiftRightLogical(Vector512.LoadUnsafe(ref key0, (nuint)(i - 1)), 32)))
            {
                distinct = SplitFrom(keys[..(i + SplitLanes)], i, distinct, shift, fingerprints, positions);
                continue;
            }
            Avx512F.ConvertToVector256UInt32(blockFingerprints).StoreUnsafe(ref fingerprint0, (nuint)distinct);
            Avx512F.ConvertToVector128UInt16(Vector512.ShiftRightLogical(block & low, shift)).StoreUnsafe(ref position0, (nuint)distinct);
            distinct += SplitLanes;
        }
        return SplitFrom(keys, i, distinct, shift, fingerprints, positions);
    }

    /// <summary>A bucket too large for one network (rare with uniform fingerprints): copied, then insertion-sorted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void InsertionSort(ReadOnlySpan<ulong> from, Span<ulong> to)
    {
        from.CopyTo(to);
        for (int i = 1; i < to.Length; i++)
        {
            ulong key = to[i];
            int j = i - 1;
            for (; j >= 0 && to[j] > key; j--)
            {
                to[j + 1] = to[j];
            }
            to[j + 1] = key;
        }
    }

    /// <summary>
    /// The eight lanes sorted ascending by Batcher's bitonic network: six layers, each lane compared with the lane
    /// <c>i ^ j</c> and keeping the minimum or the maximum (<see cref="SortEightScalar"/> is its twin).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> SortEight(Vector512<ulong> v)
    {
        v = Layer(v, Vector512.Create(1UL, 0, 3, 2, 5, 4, 7, 6), Vector512.Create(~0UL, 0, 0, ~0UL, ~0UL, 0, 0, ~0UL));
        v = Layer(v, Vector512.Create(2UL, 3, 0, 1, 6, 7, 4, 5), Vector512.Create(~0UL, ~0UL, 0, 0, 0, 0, ~0UL, ~0UL));
        v = Layer(v, Vector512.Create(1UL, 0, 3, 2, 5, 4, 7, 6), Vector512.Create(~0UL, 0, ~0UL, 0, 0, ~0UL, 0, ~0UL));
        v = Layer(v, Vector512.Create(4UL, 5, 6, 7, 0, 1, 2, 3), Vector512.Create(~0UL, ~0UL, ~0UL, ~0UL, 0, 0, 0, 0));
        v = Layer(v, Vector512.Create(2UL, 3, 0, 1, 6, 7, 4, 5), Vector512.Create(~0UL, ~0UL, 0, 0, ~0UL, ~0UL, 0, 0));
        return Layer(v, Vector512.Create(1UL, 0, 3, 2, 5, 4, 7, 6), Vector512.Create(~0UL, 0, ~0UL, 0, ~0UL, 0, ~0UL, 0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Layer(Vector512<ulong> v, Vector512<ulong> partner, Vector512<ulong> takesMin)
    {
        var other = Vector512.Shuffle(v, partner);
        return Vector512.ConditionalSelect(takesMin, Vector512.Min(v, other), Vector512.Max(v, other));
    }

    /// <summary>
    /// <see cref="SortEight"/> one lane at a time: in the layer of block <c>k</c> and distance <c>j</c>, lane <c>i</c>
    /// keeps the minimum of itself and lane <c>i ^ j</c> when <c>i &amp; j</c> is zero in an ascending block
    /// (<c>i &amp; k</c> zero) or set in a descending one.
    /// </summary>
    internal static void SortEightScalar(Span<ulong> v)
    {
        Span<ulong> next = stackalloc ulong[NetworkLanes];
        for (int k = 2; k <= NetworkLanes; k *= 2)
        {
            for (int j = k / 2; j > 0; j /= 2)
            {
                for (int i = 0; i < NetworkLanes; i++)
                {
                    ulong a = v[i], b = v[i ^ j];
                    bool takesMin = (i & j) == 0 == ((i & k) == 0);
                    next[i] = takesMin ? Math.Min(a, b) : Math.Max(a, b);
                }
                next.CopyTo(v);
            }
        }
    }
}
