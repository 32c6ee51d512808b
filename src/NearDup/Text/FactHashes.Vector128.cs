using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NearDup.Text;

/// <summary>
/// The fold by shape (<see cref="FoldShapes"/>) and the misread-word test (<see cref="IsMisreadWord"/>) of an ASCII word
/// of at most 16 bytes in one <see cref="Vector128{T}"/>, for the vector word readers: nearly every fact is a name or a
/// figure that short. The scalar fold, a branch and a table load per byte and a pair test after each, was about a fifth
/// of the facts pass; here the word is lowered and shaped by a few compares and one shuffle, and the rare word holding a
/// pair that reads as one letter (rn, cl, vv), whose fold shortens it, goes back to the scalar fold.
/// </summary>
internal static partial class FactHashes
{
    /// <summary>Longest word folded in one vector.</summary>
    internal const int VectorFoldLength = 16;

    /// <summary>
    /// Folds the word in the first <paramref name="length"/> lanes of <paramref name="word"/> (ASCII letters lowered or
    /// not; the lanes after it are ignored) by shape, as <see cref="FoldShapes"/> folds it; false, with nothing folded,
    /// when it holds a pair that reads as one letter, which only the scalar fold takes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryFoldShapes(Vector128<byte> word, int length, out Vector128<byte> folded)
    {
        Debug.Assert(length is > 0 and <= VectorFoldLength);
        var upper = Vector128.LessThan(word - Vector128.Create((byte)'A'), Vector128.Create((byte)26));
        var lower = word | (upper & Vector128.Create((byte)0x20));
        // A digit's shape by a shuffle on its value; the other lanes' indices are out of range and not selected.
        var digit = lower - Vector128.Create((byte)'0');
        var digitShapes = Vector128.Create((byte)'o', (byte)'l', (byte)'2', (byte)'3', (byte)'4', (byte)'s', (byte)'6', (byte)'7', (byte)'b', (byte)'9', 0, 0, 0, 0, 0, 0);
        var shaped = Vector128.ConditionalSelect(Vector128.LessThan(digit, Vector128.Create((byte)10)), Vector128.ShuffleNative(digitShapes, digit), lower);
        shaped = Vector128.ConditionalSelect(Vector128.Equals(shaped, Vector128.Create((byte)'i')), Vector128.Create((byte)'l'), shaped);
        folded = shaped;
        return !HoldsPair(shaped, length);
    }

    /// <summary>Whether the first <paramref name="length"/> lanes of a word shaped char by char hold rn, cl or vv: bit k of each mask is lane k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HoldsPair(Vector128<byte> shaped, int length)
    {
        uint inWord = (1u << length) - 1;
        uint r = Vector128.Equals(shaped, Vector128.Create((byte)'r')).ExtractMostSignificantBits();
        uint n = Vector128.Equals(shaped, Vector128.Create((byte)'n')).ExtractMostSignificantBits() & inWord;
        uint c = Vector128.Equals(shaped, Vector128.Create((byte)'c')).ExtractMostSignificantBits();
        uint l = Vector128.Equals(shaped, Vector128.Create((byte)'l')).ExtractMostSignificantBits() & inWord;
        uint v = Vector128.Equals(shaped, Vector128.Create((byte)'v')).ExtractMostSignificantBits() & inWord;
        return ((r & n >> 1) | (c & l >> 1) | (v & v >> 1)) != 0;
    }

    /// <summary>
    /// <see cref="IsMisreadWord"/> of the ASCII word in the first <paramref name="length"/> lanes of <paramref name="word"/>,
    /// by masks: its digits are all look-alikes (0, 1, 5, 8), one or two and never side by side, among three letters or
    /// more with a vowel. A byte past ASCII is no letter here, where <see cref="IsMisreadWord"/> takes it as a Latin-1
    /// char: the readers pass only ASCII words.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsMisreadWordVector128(Vector128<byte> word, int length)
    {
        Debug.Assert(length is > 0 and <= VectorFoldLength);
        uint inWord = (1u << length) - 1;
        var digit = word - Vector128.Create((byte)'0');
        uint digits = Vector128.LessThan(digit, Vector128.Create((byte)10)).ExtractMostSignificantBits() & inWord;
        // The look-alikes by a shuffle on each digit's value; the other lanes' indices are out of range and masked off.
        var isLookAlike = Vector128.Create(0xFF, 0xFF, 0, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0, 0, 0, 0, (byte)0);
        uint lookAlikes = Vector128.ShuffleNative(isLookAlike, digit).ExtractMostSignificantBits() & digits;
        var lower = word | Vector128.Create((byte)0x20);
        uint letters = Vector128.LessThan(lower - Vector128.Create((byte)'a'), Vector128.Create((byte)26)).ExtractMostSignificantBits() & inWord;
        uint vowels = (Vector128.Equals(lower, Vector128.Create((byte)'a')) | Vector128.Equals(lower, Vector128.Create((byte)'e'))
            | Vector128.Equals(lower, Vector128.Create((byte)'i')) | Vector128.Equals(lower, Vector128.Create((byte)'o'))
            | Vector128.Equals(lower, Vector128.Create((byte)'u')) | Vector128.Equals(lower, Vector128.Create((byte)'y'))).ExtractMostSignificantBits() & letters;
        return digits != 0 && lookAlikes == digits && (digits & digits >> 1) == 0 && BitOperations.PopCount(digits) <= MaxMisreadDigits
            && BitOperations.PopCount(letters) >= MinMisreadLetters && vowels != 0;
    }

    /// <summary>
    /// The end of the vector word readers for an ASCII word of at most <see cref="VectorFoldLength"/> units, the first
    /// 16 from its start in <paramref name="word"/>: writes its fact as the scalar end does (a figure not misread, or a
    /// name), folding only a word that is hashed; false, with nothing written, when its fold is the scalar one's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryAddFactVector128(Vector128<byte> word, int length, bool digit, bool name, Span<uint> found, ref int count)
    {
        bool figure = digit && !IsMisreadWordVector128(word, length);
        if (!figure && !name)
        {
            return true;
        }
        if (!TryFoldShapes(word, length, out var folded))
        {
            return false;
        }
        found[count++] = Flag(HashFoldedVector128(folded, length), figure);
        return true;
    }

    /// <summary>
    /// <see cref="HashShortAsciiWord"/> or <see cref="HashMediumAsciiWord"/> of the folded word in the first
    /// <paramref name="length"/> lanes of <paramref name="folded"/>, from registers: XXH3 reads the first 8 and the last 8
    /// (or 4) of the word's UTF-16 units, which are its first 8 bytes widened, and its last ones shuffled to the front and
    /// widened.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint HashFoldedVector128(Vector128<byte> folded, int length)
    {
        Debug.Assert(length is > 0 and <= VectorFoldLength);
        var lowered = folded | Vector128.Create((byte)0x20);
        var head = Vector128.WidenLower(lowered).AsUInt64();
        ulong first = head.ToScalar();
        if (length < 4)
        {
            // Two, four or six bytes: the first two units and the last two (see HashShortAsciiWord).
            uint u0 = (uint)first & 0xFFFF, u1 = (uint)(first >> 16) & 0xFFFF, ul = (uint)(first >> (16 * (length - 1))) & 0xFFFF;
            return (uint)(length == 1 ? ShortXxHash3.Hash1To3(u0, 0, 0, 2, 0) : ShortXxHash3.Hash4To8(u0 | u1 << 16, (length == 2 ? u0 : u1) | ul << 16, 2 * length, 0));
        }
        int from = length > ShortXxHash3.MaxLength / 2 ? length - 8 : length - 4;
        var tail = Vector128.WidenLower(Vector128.ShuffleNative(lowered, Vector128<byte>.Indices + Vector128.Create((byte)from))).AsUInt64();
        if (length > ShortXxHash3.MaxLength / 2)
        {
            return (uint)ShortXxHash3.Hash17To32(first, head.GetElement(1), tail.ToScalar(), tail.GetElement(1), 2 * length, 0);
        }
        return (uint)(length > 4 ? ShortXxHash3.Hash9To16(first, tail.ToScalar(), 2 * length, 0) : ShortXxHash3.Hash4To8((uint)first, (uint)(first >> 32), 8, 0));
    }
}
