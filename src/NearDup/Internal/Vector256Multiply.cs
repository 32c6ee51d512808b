using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Internal;

/// <summary>
/// 64-bit lane products on AVX2, which has no 64-bit multiply (vpmullq is AVX-512DQ): each is put together from 32x32
/// vpmuludq products of the lanes' halves, three for the low 64 bits, four for the whole 128-bit product. Callers check
/// <see cref="Avx2.IsSupported"/>.
/// </summary>
internal static class Vector256Multiply
{
    /// <summary>Each lane times <paramref name="constant"/>, the low 64 bits (what <c>value * constant</c> gives a lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Low(Vector256<ulong> value, ulong constant)
    {
        var low = Vector256.Create(constant & 0xFFFF_FFFFUL).AsUInt32();
        var high = Vector256.Create(constant >> 32).AsUInt32();
        var cross = Avx2.Multiply(value.AsUInt32(), high) + Avx2.Multiply((value >> 32).AsUInt32(), low);
        return Avx2.Multiply(value.AsUInt32(), low) + (cross << 32);
    }

    /// <summary>Each lane's 128-bit product: the high 64 bits returned, the low ones in <paramref name="productLow"/> (<see cref="Math.BigMul(ulong, ulong, out ulong)"/> a lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Full(Vector256<ulong> left, Vector256<ulong> right, out Vector256<ulong> productLow)
    {
        var leftHigh = left >> 32;
        var rightHigh = right >> 32;
        var lowLow = Avx2.Multiply(left.AsUInt32(), right.AsUInt32());
        var lowHigh = Avx2.Multiply(left.AsUInt32(), rightHigh.AsUInt32());
        var highLow = Avx2.Multiply(leftHigh.AsUInt32(), right.AsUInt32());
        var highHigh = Avx2.Multiply(leftHigh.AsUInt32(), rightHigh.AsUInt32());
        var mask = Vector256.Create(0xFFFF_FFFFUL);
        var middle = (lowLow >> 32) + (lowHigh & mask) + (highLow & mask);
        productLow = lowLow + ((lowHigh + highLow) << 32);
        return highHigh + (lowHigh >> 32) + (highLow >> 32) + (middle >> 32);
    }
}
