using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Text;

// HashAsciiWords eight words a step with AVX-512: XXH3's 1-3, 4-8 and 9-16 byte cases of each lane computed from the
// same two loads and the case its length picks blended in, as HashLoweredSelect does in a register. The 64-bit
// multiplies are vpmullq (native with AVX-512DQ); the 9-16 case's 128-bit product takes its high half from four
// 32x32 vpmuludq products, since AVX-512 has no 64-bit multiply-high.
internal static partial class ShortXxHash3
{
    /// <summary><see cref="HashAsciiWords"/> eight words a step; the words past the last whole step one at a time.</summary>
    internal static void HashAsciiWordsVector512(ReadOnlySpan<ulong> first8, ReadOnlySpan<ulong> last8, ReadOnlySpan<int> lengths, ulong seed, Span<ulong> hashes)
    {
        CheckLengths(first8, last8, lengths, hashes);
        ref ulong first = ref At(first8);
        ref ulong last = ref At(last8);
        ref int length0 = ref At(lengths);
        ref ulong hash0 = ref MemoryMarshal.GetReference(hashes);
        var seeds = new SelectSeeds(seed);
        var low = Vector512.Create(seeds.Low);
        var high = Vector512.Create(seeds.High);
        var medium = Vector512.Create(seeds.Medium);
        var short1 = Vector512.Create(seeds.Short);
        int i = 0;
        for (; i <= hashes.Length - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
        {
            var lowered = Vector512.Create(0x2020_2020_2020_2020UL);
            var a = Vector512.LoadUnsafe(ref first, (nuint)i) | lowered;
            var b = Vector512.LoadUnsafe(ref last, (nuint)i) | lowered;
            var length = Avx512F.ConvertToVector512UInt64(Vector256.LoadUnsafe(ref length0, (nuint)i).AsUInt32());
            HashLoweredSelect(a, b, length, low, high, medium, short1).StoreUnsafe(ref hash0, (nuint)i);
        }
        HashAsciiWordsFrom(i, first8, last8, lengths, seed, hashes);
    }

    /// <summary><see cref="HashLoweredSelect(ulong, ulong, int, ulong)"/> in each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> HashLoweredSelect(Vector512<ulong> first8, Vector512<ulong> last8, Vector512<ulong> length,
        Vector512<ulong> lowSeed, Vector512<ulong> highSeed, Vector512<ulong> mediumSeed, Vector512<ulong> shortSeed)
    {
        var low = first8 ^ lowSeed;
        var high = last8 ^ highSeed;
        var product = (low * high) ^ MultiplyHigh(low, high);
        var long9 = Avalanche(length + ReverseEndianness(low) + high + product);

        var medium4 = RrmXmx(((last8 >> 32) + (first8 << 32)) ^ mediumSeed, length);

        var byteMask = Vector512.Create(0xFFUL);
        var middle = Avx512F.ShiftRightLogicalVariable(first8, (length >> 1) << 3) & byteMask;
        var combined = (first8 & byteMask) << 16 | middle << 24 | last8 >> 56 | length << 8;
        var short1 = Xxh64Avalanche(combined ^ shortSeed);

        var hash = Vector512.ConditionalSelect(Vector512.GreaterThan(length, Vector512.Create(3UL)), medium4, short1);
        return Vector512.ConditionalSelect(Vector512.GreaterThan(length, Vector512.Create(8UL)), long9, hash);
    }

    /// <summary>The high 64 bits of each lane's 128-bit product, from the four products of its 32-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> MultiplyHigh(Vector512<ulong> left, Vector512<ulong> right)
    {
        var leftHigh = left >> 32;
        var rightHigh = right >> 32;
        var lowLow = Avx512F.Multiply(left.AsUInt32(), right.AsUInt32());
        var lowHigh = Avx512F.Multiply(left.AsUInt32(), rightHigh.AsUInt32());
        var highLow = Avx512F.Multiply(leftHigh.AsUInt32(), right.AsUInt32());
        var highHigh = Avx512F.Multiply(leftHigh.AsUInt32(), rightHigh.AsUInt32());
        var mask = Vector512.Create(0xFFFF_FFFFUL);
        var middle = (lowLow >> 32) + (lowHigh & mask) + (highLow & mask);
        return highHigh + (lowHigh >> 32) + (highLow >> 32) + (middle >> 32);
    }

    /// <summary>Each lane's bytes reversed (one in-lane byte shuffle).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> ReverseEndianness(Vector512<ulong> value)
    {
        var order = Vector512.Create(0x0001_0203_0405_0607UL, 0x0809_0A0B_0C0D_0E0FUL, 0x0001_0203_0405_0607UL, 0x0809_0A0B_0C0D_0E0FUL,
            0x0001_0203_0405_0607UL, 0x0809_0A0B_0C0D_0E0FUL, 0x0001_0203_0405_0607UL, 0x0809_0A0B_0C0D_0E0FUL);
        return Avx512BW.Shuffle(value.AsByte(), order.AsByte()).AsUInt64();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Avalanche(Vector512<ulong> h)
    {
        h ^= h >> 37;
        h *= Vector512.Create(PrimeMx1);
        return h ^ h >> 32;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> RrmXmx(Vector512<ulong> h, Vector512<ulong> length)
    {
        h ^= Avx512F.RotateLeft(h, 49) ^ Avx512F.RotateLeft(h, 24);
        h *= Vector512.Create(PrimeMx2);
        h ^= (h >> 35) + length;
        h *= Vector512.Create(PrimeMx2);
        return h ^ h >> 28;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Xxh64Avalanche(Vector512<ulong> h)
    {
        h ^= h >> 33;
        h *= Vector512.Create(Prime64Second);
        h ^= h >> 29;
        h *= Vector512.Create(Prime64Third);
        return h ^ h >> 32;
    }
}
