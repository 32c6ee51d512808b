using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NearDup.Internal;

namespace NearDup.Text;

// HashAsciiWords four words a step with AVX2, as the AVX-512 kernel does eight: the three short cases of each lane
// from the same two loads, the case its length picks blended in; the 64-bit products from vpmuludq (Vector256Multiply).
internal static partial class ShortXxHash3
{
    /// <summary><see cref="HashAsciiWords"/> four words a step; the words past the last whole step one at a time.</summary>
    internal static void HashAsciiWordsVector256(ReadOnlySpan<ulong> first8, ReadOnlySpan<ulong> last8, ReadOnlySpan<int> lengths, ulong seed, Span<ulong> hashes)
    {
        CheckLengths(first8, last8, lengths, hashes);
        ref ulong first = ref At(first8);
        ref ulong last = ref At(last8);
        ref int length0 = ref At(lengths);
        ref ulong hash0 = ref MemoryMarshal.GetReference(hashes);
        var seeds = new SelectSeeds(seed);
        var low = Vector256.Create(seeds.Low);
        var high = Vector256.Create(seeds.High);
        var medium = Vector256.Create(seeds.Medium);
        var short1 = Vector256.Create(seeds.Short);
        int i = 0;
        for (; i <= hashes.Length - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
        {
            var lowered = Vector256.Create(0x2020_2020_2020_2020UL);
            var a = Vector256.LoadUnsafe(ref first, (nuint)i) | lowered;
            var b = Vector256.LoadUnsafe(ref last, (nuint)i) | lowered;
            var length = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref length0, (nuint)i).AsUInt32()).AsUInt64();
            HashLoweredSelect(a, b, length, low, high, medium, short1).StoreUnsafe(ref hash0, (nuint)i);
        }
        HashAsciiWordsFrom(i, first8, last8, lengths, seed, hashes);
    }

    /// <summary><see cref="HashLoweredSelect(ulong, ulong, int, ulong)"/> in each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> HashLoweredSelect(Vector256<ulong> first8, Vector256<ulong> last8, Vector256<ulong> length,
        Vector256<ulong> lowSeed, Vector256<ulong> highSeed, Vector256<ulong> mediumSeed, Vector256<ulong> shortSeed)
    {
        var low = first8 ^ lowSeed;
        var high = last8 ^ highSeed;
        var productHigh = Vector256Multiply.Full(low, high, out var productLow);
        var long9 = Avalanche(length + ReverseEndianness(low) + high + (productLow ^ productHigh));

        var medium4 = RrmXmx(((last8 >> 32) + (first8 << 32)) ^ mediumSeed, length);

        var byteMask = Vector256.Create(0xFFUL);
        var middle = Avx2.ShiftRightLogicalVariable(first8, (length >> 1) << 3) & byteMask;
        var combined = (first8 & byteMask) << 16 | middle << 24 | last8 >> 56 | length << 8;
        var short1 = Xxh64Avalanche(combined ^ shortSeed);

        var hash = Vector256.ConditionalSelect(Vector256.GreaterThan(length.AsInt64(), Vector256.Create(3L)).AsUInt64(), medium4, short1);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(length.AsInt64(), Vector256.Create(8L)).AsUInt64(), long9, hash);
    }

    /// <summary>Each lane's bytes reversed (one in-lane byte shuffle).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> ReverseEndianness(Vector256<ulong> value)
    {
        var order = Vector256.Create(0x0001_0203_0405_0607UL, 0x0809_0A0B_0C0D_0E0FUL, 0x0001_0203_0405_0607UL, 0x0809_0A0B_0C0D_0E0FUL);
        return Avx2.Shuffle(value.AsByte(), order.AsByte()).AsUInt64();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Avalanche(Vector256<ulong> h)
    {
        h ^= h >> 37;
        h = Vector256Multiply.Low(h, PrimeMx1);
        return h ^ h >> 32;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> RrmXmx(Vector256<ulong> h, Vector256<ulong> length)
    {
        h ^= (h << 49 | h >> 15) ^ (h << 24 | h >> 40);
        h = Vector256Multiply.Low(h, PrimeMx2);
        h ^= (h >> 35) + length;
        h = Vector256Multiply.Low(h, PrimeMx2);
        return h ^ h >> 28;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Xxh64Avalanche(Vector256<ulong> h)
    {
        h ^= h >> 33;
        h = Vector256Multiply.Low(h, Prime64Second);
        h ^= h >> 29;
        h = Vector256Multiply.Low(h, Prime64Third);
        return h ^ h >> 32;
    }
}
