using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NearDup.Text;

/// <summary>A block in two <see cref="Vector256{T}"/> halves (AVX2), their 32-bit masks joined.</summary>
internal readonly struct RunClassifier256 : IRunClassifier
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong WordBits(ref byte block, out ulong nonAscii)
    {
        var low = Vector256.LoadUnsafe(ref block);
        var high = Vector256.LoadUnsafe(ref block, (nuint)Vector256<byte>.Count);
        nonAscii = low.ExtractMostSignificantBits() | (ulong)high.ExtractMostSignificantBits() << 32;
        return Half(low) | (ulong)Half(high) << 32;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Half(Vector256<byte> v)
    {
        var letter = Vector256.LessThan((v | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
        var digit = Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10));
        return (letter | digit).ExtractMostSignificantBits();
    }
}
