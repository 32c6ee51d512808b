using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Text;

/// <summary>
/// Classifies a block of 32 UTF-8 bytes for the block word hasher (<see cref="Utf8WordHashes"/>) as two bit masks, bit
/// j for byte j: <c>word</c>, an ASCII word char (a letter, or a digit unless digits are removed), and <c>special</c>,
/// a byte the word scanner must read (non-ASCII, or a digit when digits are removed and so dropped). Every other byte
/// is an ASCII separator, which ends a word and is itself nothing. Bytes past the end of the text are separators.
/// The vector forms classify the block in a few instructions where <see cref="Scalar"/>, the reference, reads a byte
/// at a time; all give the same masks.
/// </summary>
internal static class WordMasks
{
    /// <summary>Bytes per block.</summary>
    public const int BlockSize = 32;

    /// <summary>The masks of the block of <paramref name="text"/> at <paramref name="start"/> (fewer than 32 bytes at the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Classify(ReadOnlySpan<byte> text, int start, bool removeDigits, out uint word, out uint special)
    {
        if (text.Length - start >= BlockSize)
        {
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256Form(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start), removeDigits, out word, out special);
                return;
            }
            if (Vector128.IsHardwareAccelerated)
            {
                Vector128Form(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start), removeDigits, out word, out special);
                return;
            }
        }
        Scalar(text[start..Math.Min(text.Length, start + BlockSize)], removeDigits, out word, out special);
    }

    /// <summary>The reference: one byte at a time, for a block of at most 32 bytes.</summary>
    internal static void Scalar(ReadOnlySpan<byte> block, bool removeDigits, out uint word, out uint special)
    {
        word = 0;
        special = 0;
        for (int j = 0; j < block.Length && j < BlockSize; j++)
        {
            byte b = block[j];
            bool letter = (uint)((b | 0x20) - 'a') < 26;
            bool digit = (uint)(b - '0') < 10;
            if (letter || (digit && !removeDigits))
            {
                word |= 1u << j;
            }
            else if (b >= 0x80 || digit)
            {
                special |= 1u << j;
            }
        }
    }

    /// <summary>32 bytes in one Vector256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Vector256Form(ref byte source, bool removeDigits, out uint word, out uint special)
    {
        var v = Vector256.LoadUnsafe(ref source);
        var letter = Vector256.LessThan((v | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)26));
        uint digits = Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10)).ExtractMostSignificantBits();
        uint nonAscii = v.ExtractMostSignificantBits();
        uint letters = letter.ExtractMostSignificantBits();
        word = removeDigits ? letters : letters | digits;
        special = removeDigits ? nonAscii | digits : nonAscii;
    }

    /// <summary>32 bytes in two Vector128 halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Vector128Form(ref byte source, bool removeDigits, out uint word, out uint special)
    {
        Half(Vector128.LoadUnsafe(ref source), removeDigits, out uint lowWord, out uint lowSpecial);
        Half(Vector128.LoadUnsafe(ref source, 16), removeDigits, out uint highWord, out uint highSpecial);
        word = lowWord | highWord << 16;
        special = lowSpecial | highSpecial << 16;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Half(Vector128<byte> v, bool removeDigits, out uint word, out uint special)
    {
        var letter = Vector128.LessThan((v | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), Vector128.Create((byte)26));
        uint digits = Vector128.LessThan(v - Vector128.Create((byte)'0'), Vector128.Create((byte)10)).ExtractMostSignificantBits();
        uint nonAscii = v.ExtractMostSignificantBits();
        uint letters = letter.ExtractMostSignificantBits();
        word = removeDigits ? letters : letters | digits;
        special = removeDigits ? nonAscii | digits : nonAscii;
    }
}
