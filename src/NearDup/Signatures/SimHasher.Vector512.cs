using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

// Vector512 kernels (AVX-512F/BW): vectorized across the 64 bit-lanes, one feature per step (see the lane
// layout in SimHasher.Scalar.cs).
public sealed partial class SimHasher
{
    /// <summary>
    /// Unweighted SimHash with 1 Vector512&lt;byte&gt; counter: per feature, broadcast it, AND with the lane
    /// masks, compare (0xFF where the bit is set) and subtract, i.e. count ones in 8-bit lanes; flushed
    /// into 32-bit counts every <see cref="ByteCounterBlock"/> features, before a lane could wrap.
    /// </summary>
    [SkipLocalsInit]
    internal static ulong CountVector512(ReadOnlySpan<ulong> hashes, ulong seed)
    {
        Span<int> ones = stackalloc int[64];
        ones.Clear();
        Span<byte> lanes = stackalloc byte[64];
        ref byte maskRef = ref MemoryMarshal.GetReference(ByteLaneMasks);
        Vector512<byte> mask0 = Vector512.LoadUnsafe(ref maskRef, 0);
        ref ulong h = ref MemoryMarshal.GetReference(hashes);
        int n = hashes.Length;
        for (int start = 0; start < n; start += ByteCounterBlock)
        {
            int end = Math.Min(n, start + ByteCounterBlock);
            Vector512<byte> count0 = Vector512<byte>.Zero;
            for (int i = start; i < end; i++)
            {
                Vector512<byte> f = Vector512.Create(Feature(Unsafe.Add(ref h, i), seed)).AsByte();
                count0 -= Vector512.Equals(f & mask0, mask0);
            }
            ref byte laneRef = ref MemoryMarshal.GetReference(lanes);
            count0.StoreUnsafe(ref laneRef, 0);
            AddByteLanes(lanes, ones);
        }
        return FromCounts(ones, n);
    }

    /// <summary>
    /// Weighted SimHash with 4 Vector512&lt;float&gt; sums kept in registers: per feature, broadcast it and its
    /// weight, and add +w to lanes whose bit is set and −w to the others (a bitwise select, so every lane
    /// performs exactly the scalar kernel's float additions in the same order).
    /// </summary>
    [SkipLocalsInit]
    internal static ulong WeightedVector512(ReadOnlySpan<ulong> hashes, ReadOnlySpan<float> weights, ulong seed)
    {
        Debug.Assert(hashes.Length == weights.Length);
        ref uint maskRef = ref MemoryMarshal.GetReference(WordLaneMasks);
        Vector512<uint> mask0 = Vector512.LoadUnsafe(ref maskRef, 0);
        Vector512<uint> mask1 = Vector512.LoadUnsafe(ref maskRef, 16);
        Vector512<uint> mask2 = Vector512.LoadUnsafe(ref maskRef, 32);
        Vector512<uint> mask3 = Vector512.LoadUnsafe(ref maskRef, 48);
        Vector512<float> sum0 = Vector512<float>.Zero;
        Vector512<float> sum1 = Vector512<float>.Zero;
        Vector512<float> sum2 = Vector512<float>.Zero;
        Vector512<float> sum3 = Vector512<float>.Zero;
        ref ulong h = ref MemoryMarshal.GetReference(hashes);
        ref float wRef = ref MemoryMarshal.GetReference(weights);
        for (nuint i = 0; i < (nuint)hashes.Length; i++)
        {
            Vector512<uint> f = Vector512.Create(Feature(Unsafe.Add(ref h, i), seed)).AsUInt32();
            Vector512<float> w = Vector512.Create(Unsafe.Add(ref wRef, i));
            Vector512<float> negative = -w;
            sum0 += Vector512.ConditionalSelect(Vector512.Equals(f & mask0, mask0).AsSingle(), w, negative);
            sum1 += Vector512.ConditionalSelect(Vector512.Equals(f & mask1, mask1).AsSingle(), w, negative);
            sum2 += Vector512.ConditionalSelect(Vector512.Equals(f & mask2, mask2).AsSingle(), w, negative);
            sum3 += Vector512.ConditionalSelect(Vector512.Equals(f & mask3, mask3).AsSingle(), w, negative);
        }
        Span<float> lanes = stackalloc float[64];
        ref float laneRef = ref MemoryMarshal.GetReference(lanes);
        sum0.StoreUnsafe(ref laneRef, 0);
        sum1.StoreUnsafe(ref laneRef, 16);
        sum2.StoreUnsafe(ref laneRef, 32);
        sum3.StoreUnsafe(ref laneRef, 48);
        return FromWordLanes(lanes);
    }
}
