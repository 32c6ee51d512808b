using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

// Vector256 kernels (AVX2): vectorized across the 64 bit-lanes, one feature per step (see the lane
// layout in SimHasher.Scalar.cs).
public sealed partial class SimHasher
{
    /// <summary>
    /// Unweighted SimHash with 2 Vector256&lt;byte&gt; counters: per feature, broadcast it, AND with the lane
    /// masks, compare (0xFF where the bit is set) and subtract, i.e. count ones in 8-bit lanes; flushed
    /// into 32-bit counts every <see cref="ByteCounterBlock"/> features, before a lane could wrap.
    /// </summary>
    [SkipLocalsInit]
    internal static ulong CountVector256(ReadOnlySpan<ulong> hashes, ulong seed)
    {
        Span<int> ones = stackalloc int[64];
        ones.Clear();
        Span<byte> lanes = stackalloc byte[64];
        ref byte maskRef = ref MemoryMarshal.GetReference(ByteLaneMasks);
        Vector256<byte> mask0 = Vector256.LoadUnsafe(ref maskRef, 0);
        Vector256<byte> mask1 = Vector256.LoadUnsafe(ref maskRef, 32);
        ref ulong h = ref MemoryMarshal.GetReference(hashes);
        int n = hashes.Length;
        for (int start = 0; start < n; start += ByteCounterBlock)
        {
            int end = Math.Min(n, start + ByteCounterBlock);
            Vector256<byte> count0 = Vector256<byte>.Zero;
            Vector256<byte> count1 = Vector256<byte>.Zero;
            for (int i = start; i < end; i++)
            {
                Vector256<byte> f = Vector256.Create(Feature(Unsafe.Add(ref h, i), seed)).AsByte();
                count0 -= Vector256.Equals(f & mask0, mask0);
                count1 -= Vector256.Equals(f & mask1, mask1);
            }
            ref byte laneRef = ref MemoryMarshal.GetReference(lanes);
            count0.StoreUnsafe(ref laneRef, 0);
            count1.StoreUnsafe(ref laneRef, 32);
            AddByteLanes(lanes, ones);
        }
        return FromCounts(ones, n);
    }

    /// <summary>
    /// Weighted SimHash with 8 Vector256&lt;float&gt; sums kept in registers: per feature, broadcast it and its
    /// weight, and add +w to lanes whose bit is set and −w to the others (a bitwise select, so every lane
    /// performs exactly the scalar kernel's float additions in the same order).
    /// </summary>
    [SkipLocalsInit]
    internal static ulong WeightedVector256(ReadOnlySpan<ulong> hashes, ReadOnlySpan<float> weights, ulong seed)
    {
        Debug.Assert(hashes.Length == weights.Length);
        ref uint maskRef = ref MemoryMarshal.GetReference(WordLaneMasks);
        Vector256<uint> mask0 = Vector256.LoadUnsafe(ref maskRef, 0);
        Vector256<uint> mask1 = Vector256.LoadUnsafe(ref maskRef, 8);
        Vector256<uint> mask2 = Vector256.LoadUnsafe(ref maskRef, 16);
        Vector256<uint> mask3 = Vector256.LoadUnsafe(ref maskRef, 24);
        Vector256<uint> mask4 = Vector256.LoadUnsafe(ref maskRef, 32);
        Vector256<uint> mask5 = Vector256.LoadUnsafe(ref maskRef, 40);
        Vector256<uint> mask6 = Vector256.LoadUnsafe(ref maskRef, 48);
        Vector256<uint> mask7 = Vector256.LoadUnsafe(ref maskRef, 56);
        Vector256<float> sum0 = Vector256<float>.Zero;
        Vector256<float> sum1 = Vector256<float>.Zero;
        Vector256<float> sum2 = Vector256<float>.Zero;
        Vector256<float> sum3 = Vector256<float>.Zero;
        Vector256<float> sum4 = Vector256<float>.Zero;
        Vector256<float> sum5 = Vector256<float>.Zero;
        Vector256<float> sum6 = Vector256<float>.Zero;
        Vector256<float> sum7 = Vector256<float>.Zero;
        ref ulong h = ref MemoryMarshal.GetReference(hashes);
        ref float wRef = ref MemoryMarshal.GetReference(weights);
        for (nuint i = 0; i < (nuint)hashes.Length; i++)
        {
            Vector256<uint> f = Vector256.Create(Feature(Unsafe.Add(ref h, i), seed)).AsUInt32();
            Vector256<float> w = Vector256.Create(Unsafe.Add(ref wRef, i));
            Vector256<float> negative = -w;
            sum0 += Vector256.ConditionalSelect(Vector256.Equals(f & mask0, mask0).AsSingle(), w, negative);
            sum1 += Vector256.ConditionalSelect(Vector256.Equals(f & mask1, mask1).AsSingle(), w, negative);
            sum2 += Vector256.ConditionalSelect(Vector256.Equals(f & mask2, mask2).AsSingle(), w, negative);
            sum3 += Vector256.ConditionalSelect(Vector256.Equals(f & mask3, mask3).AsSingle(), w, negative);
            sum4 += Vector256.ConditionalSelect(Vector256.Equals(f & mask4, mask4).AsSingle(), w, negative);
            sum5 += Vector256.ConditionalSelect(Vector256.Equals(f & mask5, mask5).AsSingle(), w, negative);
            sum6 += Vector256.ConditionalSelect(Vector256.Equals(f & mask6, mask6).AsSingle(), w, negative);
            sum7 += Vector256.ConditionalSelect(Vector256.Equals(f & mask7, mask7).AsSingle(), w, negative);
        }
        Span<float> lanes = stackalloc float[64];
        ref float laneRef = ref MemoryMarshal.GetReference(lanes);
        sum0.StoreUnsafe(ref laneRef, 0);
        sum1.StoreUnsafe(ref laneRef, 8);
        sum2.StoreUnsafe(ref laneRef, 16);
        sum3.StoreUnsafe(ref laneRef, 24);
        sum4.StoreUnsafe(ref laneRef, 32);
        sum5.StoreUnsafe(ref laneRef, 40);
        sum6.StoreUnsafe(ref laneRef, 48);
        sum7.StoreUnsafe(ref laneRef, 56);
        return FromWordLanes(lanes);
    }
}
