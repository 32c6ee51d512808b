using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace NearDup.Text;

/// <summary>
/// The fact scan of valid UTF-8 that holds non-ASCII bytes, in place. It takes the same steps as the UTF-16 scan of the
/// decoded text (<see cref="ScanScalar"/> is the reference for both), reading a code point where the UTF-16 scan reads
/// a char: a code point outside the Basic Multilingual Plane is two surrogates there, neither a letter, a joiner nor a
/// sentence mark, so it reads here as U+FFFD, which is none of them either. Words hold only BMP chars, so a word's
/// first <see cref="MaxWordLength"/> code points are its first as many chars.
/// </summary>
internal static partial class FactHashes
{
    /// <summary>
    /// Writes the hash of each fact of valid UTF-8 <paramref name="text"/> to <paramref name="found"/>; returns how many.
    /// With <paramref name="vectorWords"/> a word is read 32 bytes a step (<see cref="AsciiWordEndVector256"/>) while it
    /// stays ASCII, and again with its scalar twin <see cref="ReadWordUtf8"/> from its start when it meets a non-ASCII
    /// byte; without, <see cref="ReadWordUtf8"/> reads every word.
    /// </summary>
    internal static int ScanUtf8(ReadOnlySpan<byte> text, Span<uint> found, bool vectorWords)
    {
        Debug.Assert(Utf8.IsValid(text));
        Debug.Assert(!vectorWords || Vector256.IsHardwareAccelerated);
        int count = 0, i = 0;
        while (i < text.Length)
        {
            int p = NextMarkedUtf8(text, i);
            if (p < 0)
            {
                break;
            }
            char c = CharAt(text, p, out int width);
            if (!char.IsLetterOrDigit(c))
            {
                i = p + width;
                continue;
            }
            int start = p;
            while (start > 0 && IsWordCharBefore(text, start, out int before))
            {
                start -= before;
            }
            bool opensSentence = OpensSentenceUtf8(text, start);
            if (start == p && opensSentence && char.IsAsciiLetterUpper(c))
            {
                // As in Scan: a capital opening a sentence is a fact only if its word holds a digit, found next.
                i = p + width;
                continue;
            }
            i = vectorWords ? ReadWordUtf8Vector256(text, start, opensSentence, found, ref count) : ReadWordUtf8(text, start, opensSentence, found, ref count);
        }
        return count;
    }

    /// <summary>The first digit, capital or non-ASCII byte at or after <paramref name="from"/>, or -1; 32 bytes a step.</summary>
    private static int NextMarkedUtf8(ReadOnlySpan<byte> text, int from)
    {
        int i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetReference(text);
            for (; i <= text.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var marked = Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10))
                    | Vector256.LessThan(v - Vector256.Create((byte)'A'), Vector256.Create((byte)26));
                // The top bit of a byte is set exactly on non-ASCII bytes.
                uint bits = marked.ExtractMostSignificantBits() | v.ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(bits);
                }
            }
        }
        for (; i < text.Length; i++)
        {
            byte b = text[i];
            if (char.IsAsciiDigit((char)b) || char.IsAsciiLetterUpper((char)b) || b >= 0x80)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// <see cref="ReadWordUtf8"/> with the word's ASCII run read by <see cref="AsciiWordEndVector256"/>: when the run
    /// ends at a non-ASCII byte, or at an ASCII joiner before one, the word may go on, and the scalar reader takes it
    /// again from its start.
    /// </summary>
    private static int ReadWordUtf8Vector256(ReadOnlySpan<byte> text, int start, bool opensSentence, Span<uint> found, ref int count)
    {
        int end = AsciiWordEndVector256(text, start, out bool digit, out bool lower);
        if (end < text.Length && (text[end] >= 0x80 || (end + 1 < text.Length && text[end + 1] >= 0x80 && (char)text[end] is '\'' or '.' or ',')))
        {
            return ReadWordUtf8(text, start, opensSentence, found, ref count);
        }
        if (digit || (lower && !opensSentence && char.IsAsciiLetterUpper((char)text[start])))
        {
            found[count++] = Flag(HashWord(text[start..end], ascii: true), digit);
        }
        return end;
    }

    /// <summary><see cref="ReadWord"/> over code points of UTF-8 (the scalar twin of <see cref="ReadWordUtf8Vector256"/>).</summary>
    private static int ReadWordUtf8(ReadOnlySpan<byte> text, int start, bool opensSentence, Span<uint> found, ref int count)
    {
        bool digit = false, lower = false, ascii = true;
        int end = start;
        while (end < text.Length)
        {
            char c = CharAt(text, end, out int width);
            if (char.IsAsciiLetterLower(c))
            {
                lower = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
            }
            else if (c >= 128 && char.IsLetterOrDigit(c))
            {
                ascii = false;
                lower |= char.IsLower(c);
            }
            else if (IsJoinerUtf8(text, end, c, width))
            {
                ascii &= c < 128;
            }
            else
            {
                break;
            }
            end += width;
        }
        if (digit || (lower && !opensSentence && char.IsUpper(CharAt(text, start, out _))))
        {
            found[count++] = Flag(HashUtf8Word(text[start..end], ascii), digit);
        }
        return end;
    }

    /// <summary><see cref="HashReference"/> of a UTF-8 word: an ASCII one as <see cref="HashWord"/> takes it, any other decoded first.</summary>
    [SkipLocalsInit]
    private static uint HashUtf8Word(ReadOnlySpan<byte> word, bool ascii)
    {
        if (ascii)
        {
            return HashWord(word, ascii: true);
        }
        Span<char> chars = stackalloc char[MaxWordLength];
        // A longer word fills the buffer with its first MaxWordLength chars and stops: HashWord keeps as many.
        Utf8.ToUtf16(word, chars, out _, out int written);
        return HashWord<char>(chars[..written], ascii: false);
    }

    /// <summary>Whether the code point ending at <paramref name="i"/> belongs to a word (a letter, a digit or a joiner between two); <paramref name="width"/> is its length in bytes.</summary>
    private static bool IsWordCharBefore(ReadOnlySpan<byte> text, int i, out int width)
    {
        char c = CharBefore(text, i, out width);
        return char.IsLetterOrDigit(c) || IsJoinerUtf8(text, i - width, c, width);
    }

    /// <summary><see cref="IsJoiner"/> for the code point <paramref name="c"/> at <paramref name="i"/>, <paramref name="width"/> bytes long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsJoinerUtf8(ReadOnlySpan<byte> text, int i, char c, int width) =>
        c is '\'' or '.' or ',' or '\u2019' && i + width < text.Length && i > 0
        && char.IsLetterOrDigit(CharBefore(text, i, out _)) && char.IsLetterOrDigit(CharAt(text, i + width, out _));

    /// <summary><see cref="OpensSentence"/> over the code points before <paramref name="start"/>.</summary>
    private static bool OpensSentenceUtf8(ReadOnlySpan<byte> text, int start)
    {
        int j = start;
        while (j > 0)
        {
            char c = CharBefore(text, j, out int width);
            if (IsSentenceMark(c))
            {
                return true;
            }
            if (char.IsLetterOrDigit(c))
            {
                return false;
            }
            j -= width;
        }
        return true;
    }

    /// <summary>The code point at <paramref name="i"/> as the UTF-16 scan sees it (U+FFFD outside the BMP), and its length in bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char CharAt(ReadOnlySpan<byte> text, int i, out int width)
    {
        byte b = text[i];
        if (b < 0x80)
        {
            width = 1;
            return (char)b;
        }
        return Wide(Rune.DecodeFromUtf8(text[i..], out var rune, out width), rune);
    }

    /// <summary>The code point that ends at <paramref name="i"/>, as <see cref="CharAt"/> reads it, and its length in bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char CharBefore(ReadOnlySpan<byte> text, int i, out int width)
    {
        byte b = text[i - 1];
        if (b < 0x80)
        {
            width = 1;
            return (char)b;
        }
        return Wide(Rune.DecodeLastFromUtf8(text[..i], out var rune, out width), rune);
    }

    private static char Wide(OperationStatus status, Rune rune) =>
        status == OperationStatus.Done && rune.IsBmp ? (char)rune.Value : '\uFFFD';
}
