using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Text;

/// <summary>
/// The word scanner's inner kernel: finds the run of ASCII word characters (letters, and digits unless they are
/// removed) at the start of UTF-8 text and writes it folded to lower case, as <see cref="CharFolding.AsciiTable"/>
/// folds it. Most of a text is such runs, so the vector forms classify and fold 16 or 32 bytes at once and find the
/// run's end from a bit mask, where the scalar form reads a table and tests one byte at a time. All forms return the
/// same run and write the same bytes; <see cref="FoldScalar"/> is the reference the tests hold the others to.
/// </summary>
internal static class AsciiWordRun
{
    /// <summary>
    /// Writes the folded run of ASCII word characters that starts <paramref name="source"/> to
    /// <paramref name="destination"/>, stopping at the first other byte, the end of the source or the end of the
    /// destination; returns the run's length. Bytes of the destination past the run may be overwritten.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Fold(ReadOnlySpan<byte> source, Span<byte> destination, bool removeDigits)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            return FoldVector256(source, destination, removeDigits);
        }
        return Vector128.IsHardwareAccelerated ? FoldVector128(source, destination, removeDigits) : FoldScalar(source, destination, removeDigits);
    }

    /// <summary>The reference: one table read per byte.</summary>
    internal static int FoldScalar(ReadOnlySpan<byte> source, Span<byte> destination, bool removeDigits)
    {
        ushort[] table = CharFolding.AsciiTable(removeDigits);
        int limit = Math.Min(source.Length, destination.Length);
        int i = 0;
        for (; i < limit; i++)
        {
            byte b = source[i];
            if (b >= 0x80 || table[b] >> 8 != CharFolding.Word)
            {
                break;
            }
            destination[i] = (byte)table[b];
        }
        return i;
    }

    /// <summary>32 bytes a step while both spans have room for a whole vector; the scalar form finishes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FoldVector256(ReadOnlySpan<byte> source, Span<byte> destination, bool removeDigits)
    {
        int limit = Math.Min(source.Length, destination.Length);
        ref byte from = ref MemoryMarshal.GetReference(source);
        ref byte to = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= limit - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            var v = Vector256.LoadUnsafe(ref from, (nuint)i);
            var upper = Vector256.LessThan(v - Vector256.Create((byte)'A'), Vector256.Create((byte)26));
            var word = upper | Vector256.LessThan(v - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
            if (!removeDigits)
            {
                word |= Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10));
            }
            (v | (upper & Vector256.Create((byte)0x20))).StoreUnsafe(ref to, (nuint)i);
            uint other = ~word.ExtractMostSignificantBits();
            if (other != 0)
            {
                return i + BitOperations.TrailingZeroCount(other);
            }
        }
        return i + FoldScalar(source[i..limit], destination[i..limit], removeDigits);
    }

    /// <summary>Like <see cref="FoldVector256"/>, 16 bytes a step.</summary>
    internal static int FoldVector128(ReadOnlySpan<byte> source, Span<byte> destination, bool removeDigits)
    {
        int limit = Math.Min(source.Length, destination.Length);
        ref byte from = ref MemoryMarshal.GetReference(source);
        ref byte to = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= limit - Vector128<byte>.Count; i += Vector128<byte>.Count)
        {
            var v = Vector128.LoadUnsafe(ref from, (nuint)i);
            var upper = Vector128.LessThan(v - Vector128.Create((byte)'A'), Vector128.Create((byte)26));
            var word = upper | Vector128.LessThan(v - Vector128.Create((byte)'a'), Vector128.Create((byte)26));
            if (!removeDigits)
            {
                word |= Vector128.LessThan(v - Vector128.Create((byte)'0'), Vector128.Create((byte)10));
            }
            (v | (upper & Vector128.Create((byte)0x20))).StoreUnsafe(ref to, (nuint)i);
            uint other = ~word.ExtractMostSignificantBits() & 0xFFFF;
            if (other != 0)
            {
                return i + BitOperations.TrailingZeroCount(other);
            }
        }
        return i + FoldScalar(source[i..limit], destination[i..limit], removeDigits);
    }
}
