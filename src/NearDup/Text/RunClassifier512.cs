using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NearDup.Text;

/// <summary>A block in one <see cref="Vector512{T}"/> (AVX-512).</summary>
internal readonly struct RunClassifier512 : IRunClassifier
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong WordBits(ref byte block, out ulong nonAscii)
    {
        var v = Vector512.LoadUnsafe(ref block);
        nonAscii = v.ExtractMostSignificantBits();
        var letter = Vector512.LessThan((v | Vector512.Create((byte)0x20)) - Vector512.Create((byte)'a'), Vector512.Create((byte)26));
        var digit = Vector512.LessThan(v - Vector512.Create((byte)'0'), Vector512.Create((byte)10));
        return (letter | digit).ExtractMostSignificantBits();
    }
}
