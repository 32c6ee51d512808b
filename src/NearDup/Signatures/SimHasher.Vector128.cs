using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

// Vector128 kernels (SSE2/AdvSimd): vectorized across the 64 bit-lanes, one feature per step (see the lane
// layout in SimHasher.Scalar.cs).
public sealed partial class SimHasher
{
    /// <summary>
    /// Unweighted SimHash with 4 Vector128&lt;byte&gt; counters: per feature, broadcast it, AND with the lane
    /// masks, compare (0xFF where the bit is set) and subtract, i.e. count ones in 8-bit lanes; flushed
    /// into 32-bit counts every <see cref="ByteCounterBlock"/> features, before a lane could wrap.
    /// </summary>
    [SkipLocalsInit]
    internal static ulong CountVector128(ReadOnlySpan<ulong> hashes, ulong seed)
    {
        Span<int> ones = stackalloc int[64];
        ones.Clear();
        Span<byte> lanes = stackalloc byte[64];
        ref byte maskRef = ref MemoryMarshal.GetReference(ByteLaneMasks);
        Vector128<byte> mask0 = Vector128.LoadUnsafe(ref maskRef, 0);
        Vector128<byte> mask1 = Vector128.LoadUnsafe(ref maskRef, 16);
        Vector128<byte> mask2 = Vector128.LoadUnsafe(ref maskRef, 32);
        Vector128<byte> mask3 = Vector128.LoadUnsafe(ref maskRef, 48);
        ref ulong h = ref MemoryMarshal.GetReference(hashes);
        int n = hashes.Length;
        for (int start = 0; start < n; start += ByteCounterBlock)
        {
            int end = Math.Min(n, start + ByteCounterBlock);
            Vector128<byte> count0 = Vector128<byte>.Zero;
            Vector128<byte> count1 = Vector128<byte>.Zero;
            Vector128<byte> count2 = Vector128<byte>.Zero;
            Vector128<byte> count3 = Vector128<byte>.Zero;
            for (int i = start; i < end; i++)
            {
                Vector128<byte> f = Vector128.Create(Feature(Unsafe.Add(ref h, i), seed)).AsByte();
                count0 -= Vector128.Equals(f & mask0, mask0);
                count1 -= Vector128.Equals(f & mask1, mask1);
                count2 -= Vector128.Equals(f & mask2, mask2);
                count3 -= Vector128.Equals(f & mask3, mask3);
            }
            ref byte laneRef = ref MemoryMarshal.GetReference(lanes);
            count0.StoreUnsafe(ref laneRef, 0);
            count1.StoreUnsafe(ref laneRef, 16);
            count2.StoreUnsafe(ref laneRef, 32);
            count3.StoreUnsafe(ref laneRef, 48);
            AddByteLanes(lanes, ones);
        }
        return FromCounts(ones, n);
    }

    /// <summary>
    /// Weighted SimHash with 16 Vector128&lt;float&gt; sums, too many for registers, so they live in a stack
    /// buffer; per feature, add +w to lanes whose bit is set and −w to the others (a bitwise select, so
    /// every lane performs exactly the scalar kernel's float additions in the same order).
    /// </summary>
    [SkipLocalsInit]
    internal static ulong WeightedVector128(ReadOnlySpan<ulong> hashes, ReadOnlySpan<float> weights, ulong seed)
    {
        Debug.Assert(hashes.Length == weights.Length);
        Span<float> lanes = stackalloc float[64];
        lanes.Clear();
        ref float laneRef = ref MemoryMarshal.GetReference(lanes);
        ref uint maskRef = ref MemoryMarshal.GetReference(WordLaneMasks);
        ref ulong h = ref MemoryMarshal.GetReference(hashes);
        ref float wRef = ref MemoryMarshal.GetReference(weights);
        nuint width = (nuint)Vector128<float>.Count;
        for (nuint i = 0; i < (nuint)hashes.Length; i++)
        {
            Vector128<uint> f = Vector128.Create(Feature(Unsafe.Add(ref h, i), seed)).AsUInt32();
            Vector128<float> w = Vector128.Create(Unsafe.Add(ref wRef, i));
            Vector128<float> negative = -w;
            for (nuint lane = 0; lane < 64; lane += width)
            {
                Vector128<uint> mask = Vector128.LoadUnsafe(ref maskRef, lane);
                Vector128<float> sum = Vector128.LoadUnsafe(ref laneRef, lane);
                sum += Vector128.ConditionalSelect(Vector128.Equals(f & mask, mask).AsSingle(), w, negative);
                sum.StoreUnsafe(ref laneRef, lane);
            }
        }
        return FromWordLanes(lanes);
    }
}
