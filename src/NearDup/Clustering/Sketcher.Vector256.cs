using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Clustering;

// The fingerprint sort with AVX2: the AVX-512 sort's bucket scatter, with buckets of ~1-2 keys (half as many buckets
// as keys) each sorted by a 4-lane bitonic network in one Vector256. AVX2 has no unsigned 64-bit minimum or maximum,
// so the keys' top bits are flipped for the network, which then compares them signed (vpcmpgtq) and blends each lane
// from itself or its partner. A bucket over four keys (0.4-5% of buckets, as the keys fill them one to two a bucket)
// is insertion-sorted instead.
internal sealed partial class Sketcher
{
    /// <summary>Lanes of the AVX2 network.</summary>
    private const int NetworkLanes4 = 4;

    /// <summary>Keys a block of <see cref="SplitDistinctVector256"/> holds.</summary>
    private const int SplitLanes4 = 4;

    /// <summary>Whether <see cref="NetworkSort4"/> can sort this many keys with this much scratch (which it reads past the keys).</summary>
    internal static bool CanNetworkSort4(int keyCount, int scratchLength) =>
        Avx2.IsSupported && keyCount >= MinRadixSort && keyCount <= 2 * MaxNetworkBuckets && scratchLength >= keyCount + NetworkLanes4;

    /// <summary><see cref="NetworkSort"/> with the AVX2 network, whatever the machine's widest tier (for tests and benchmarks).</summary>
    [SkipLocalsInit]
    internal static void NetworkSort4(Span<ulong> keys, Span<ulong> scratch)
    {
        Debug.Assert(CanNetworkSort4(keys.Length, scratch.Length));
        int shift = 64 - BucketBits(keys.Length, NetworkLanes4);
        Span<int> counts = stackalloc int[1 << (64 - shift)];
        counts.Clear();
        ref int count0 = ref MemoryMarshal.GetReference(counts);
        foreach (ulong key in keys)
        {
            Unsafe.Add(ref count0, (nint)(key >> shift))++;
        }
        Scatter(keys, scratch, counts, shift);
        SortBuckets4(scratch, keys, counts);
    }

    /// <summary>
    /// Each bucket of <paramref name="from"/> sorted into its place in <paramref name="to"/> by the 4-lane network, as
    /// <see cref="SortBuckets"/> does with eight: the lanes past a bucket are stored into the buckets after it and
    /// overwritten later, a bucket over four keys is insertion-sorted after the loop, the last ones go through a copy.
    /// </summary>
    [SkipLocalsInit]
    private static void SortBuckets4(ReadOnlySpan<ulong> from, Span<ulong> to, Span<int> ends)
    {
        ref ulong source = ref MemoryMarshal.GetReference(from);
        ref ulong target = ref MemoryMarshal.GetReference(to);
        ref int end0 = ref MemoryMarshal.GetReference(ends);
        var lanes = Vector256.Create(0L, 1, 2, 3);
        Span<int> large = stackalloc int[ends.Length];
        ref int large0 = ref MemoryMarshal.GetReference(large);
        int largeCount = 0, start = 0, b = 0;
        for (; b < ends.Length && start + NetworkLanes4 <= to.Length; b++)
        {
            int end = Unsafe.Add(ref end0, b);
            long size = end - start;
            var keep = Vector256.LessThan(lanes, Vector256.Create(size)).AsUInt64();
            SortFour(Vector256.ConditionalSelect(keep, Vector256.LoadUnsafe(ref source, (nuint)start), Vector256<ulong>.AllBitsSet))
                .StoreUnsafe(ref target, (nuint)start);
            Unsafe.Add(ref large0, largeCount) = b;
            largeCount += size > NetworkLanes4 ? 1 : 0;
            start = end;
        }
        SortTail4(from, to, ends[b..], start);
        foreach (int l in large[..largeCount])
        {
            int first = l == 0 ? 0 : ends[l - 1];
            InsertionSort(from[first..ends[l]], to[first..ends[l]]);
        }
    }

    /// <summary>The buckets from <paramref name="start"/> on, within four keys of the end: each sorted through a stack copy.</summary>
    [SkipLocalsInit]
    private static void SortTail4(ReadOnlySpan<ulong> from, Span<ulong> to, ReadOnlySpan<int> ends, int start)
    {
        Span<ulong> sorted = stackalloc ulong[NetworkLanes4];
        foreach (int end in ends)
        {
            int size = end - start;
            from[start..end].CopyTo(sorted);
            sorted[size..].Fill(ulong.MaxValue);
            SortFour(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(sorted))).StoreUnsafe(ref MemoryMarshal.GetReference(sorted));
            sorted[..size].CopyTo(to[start..]);
            start = end;
        }
    }

    /// <summary>
    /// The four lanes sorted ascending (unsigned) by Batcher's bitonic network: three layers, each lane compared with
    /// lane <c>i ^ j</c>, as the first, fifth and sixth layers of <see cref="SortEight"/> (<see cref="SortEightScalar"/>
    /// with four lanes is its twin).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> SortFour(Vector256<ulong> v)
    {
        var top = Vector256.Create(0x8000_0000_0000_0000UL);
        var s = (v ^ top).AsInt64();
        s = Layer4(s, Avx2.Permute4x64(s, 0b10_11_00_01), Vector256.Create(-1L, 0, 0, -1));
        s = Layer4(s, Avx2.Permute4x64(s, 0b01_00_11_10), Vector256.Create(-1L, -1, 0, 0));
        s = Layer4(s, Avx2.Permute4x64(s, 0b10_11_00_01), Vector256.Create(-1L, 0, -1, 0));
        return s.AsUInt64() ^ top;
    }

    /// <summary>
    /// One layer on sign-flipped keys: a lane that takes the minimum keeps itself when it is not the greater, one that
    /// takes the maximum when it is, so the choice is one compare XORed with the lane's role.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Layer4(Vector256<long> v, Vector256<long> other, Vector256<long> takesMin)
    {
        var keepSelf = Avx2.CompareGreaterThan(v, other) ^ takesMin;
        return Avx2.BlendVariable(other, v, keepSelf);
    }

    /// <summary>
    /// <see cref="SplitDistinct"/> four keys at a time with AVX2, as <see cref="SplitDistinctVector512"/> does eight: a
    /// block where no fingerprint repeats the key before it has its four fingerprints (the keys' high halves) and four
    /// positions (the low halves shifted, then cut to 16 bits as the scalar cast cuts them) gathered by two vpermd and a
    /// vpshufb and stored at once; a block with a repeat goes key by key. The keys are more than <see cref="SplitLanes4"/>.
    /// </summary>
    internal static int SplitDistinctVector256(ReadOnlySpan<ulong> keys, int shift, Span<uint> fingerprints, Span<ushort> positions)
    {
        Debug.Assert(keys.Length > SplitLanes4);
        _ = fingerprints[keys.Length - 1];
        _ = positions[keys.Length - 1];
        fingerprints[0] = (uint)(keys[0] >> 32);
        positions[0] = (ushort)((uint)keys[0] >> shift);
        ref ulong key0 = ref MemoryMarshal.GetReference(keys);
        ref uint fingerprint0 = ref MemoryMarshal.GetReference(fingerprints);
        ref ushort position0 = ref MemoryMarshal.GetReference(positions);
        var highHalves = Vector256.Create(1, 3, 5, 7, 1, 3, 5, 7);
        var lowHalves = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);
        var lowBytes = Vector128.Create((byte)0, 1, 4, 5, 8, 9, 12, 13, 0, 1, 4, 5, 8, 9, 12, 13);
        int distinct = 1, i = 1;
        for (; i + SplitLanes4 <= keys.Length; i += SplitLanes4)
        {
            var block = Vector256.LoadUnsafe(ref key0, (nuint)i);
            var before = Vector256.LoadUnsafe(ref key0, (nuint)(i - 1));
            if (Vector256.EqualsAny(block >> 32, before >> 32))
            {
                distinct = SplitFrom(keys[..(i + SplitLanes4)], i, distinct, shift, fingerprints, positions);
                continue;
            }
            Avx2.PermuteVar8x32(block.AsUInt32(), highHalves.AsUInt32()).GetLower().StoreUnsafe(ref fingerprint0, (nuint)distinct);
            var low = Avx2.PermuteVar8x32(block.AsUInt32(), lowHalves.AsUInt32()).GetLower() >> shift;
            var narrow = Ssse3.Shuffle(low.AsByte(), lowBytes).AsUInt64().ToScalar();
            Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref position0, distinct)), narrow);
            distinct += SplitLanes4;
        }
        return SplitFrom(keys, i, distinct, shift, fingerprints, positions);
    }
}
