using System.Diagnostics;
using System.Numerics;

namespace NearDup.Clustering;

/// <summary>
/// A text's fingerprint positions (<see cref="DocumentSketch.Positions"/>), read one at a time: either a plain
/// <see cref="ushort"/> span (a sketch, a query) or the store's packed form (<see cref="Pack"/>), which keeps each
/// position in the fewest bits that hold the document's largest. A news article of 1,200 shingles needs 11 bits a
/// position instead of 16: at the default sample rate that is 0.7 KB a document less of the ~6 KB its sketch takes.
/// </summary>
/// <remarks>
/// Packed layout, in 32-bit words: position k in bits [k·b, k·b + b) counted from bit 0 of word 0, least significant
/// bit first, then one word of zeros, so that reading any value as the 64 bits of two adjacent words stays inside.
/// </remarks>
internal readonly ref partial struct PositionList
{
    private readonly ReadOnlySpan<ushort> _plain;
    private readonly ReadOnlySpan<uint> _words;
    private readonly int _bits;

    /// <summary>Positions held as they are.</summary>
    public PositionList(ReadOnlySpan<ushort> plain)
    {
        _plain = plain;
        Length = plain.Length;
    }

    /// <summary><paramref name="count"/> positions of <paramref name="bits"/> bits each, as <see cref="Pack"/> wrote them into <paramref name="words"/>.</summary>
    public PositionList(ReadOnlySpan<uint> words, int bits, int count)
    {
        Debug.Assert(bits is >= 1 and <= 16 && words.Length == PackedWords(count, bits));
        _words = words;
        _bits = bits;
        Length = count;
    }

    public static implicit operator PositionList(ReadOnlySpan<ushort> plain) => new(plain);

    public static implicit operator PositionList(ushort[] plain) => new(plain);

    public int Length { get; }

    /// <summary>The packed words (<see cref="Pack"/>); empty when the positions are held plain.</summary>
    public ReadOnlySpan<uint> Words => _words;

    public bool IsEmpty => Length == 0;

    /// <summary>Position <paramref name="k"/>.</summary>
    public int this[int k] => _bits == 0 ? _plain[k] : Unpack(_words, _bits, k);

    /// <summary>The positions as a new array.</summary>
    public ushort[] ToArray()
    {
        var array = new ushort[Length];
        CopyTo(array);
        return array;
    }

    /// <summary>Writes the positions to the front of <paramref name="destination"/>.</summary>
    public void CopyTo(Span<ushort> destination)
    {
        if (_bits == 0)
        {
            _plain.CopyTo(destination);
            return;
        }
        _ = destination[..Length];
        for (int k = 0; k < Length; k++)
        {
            destination[k] = (ushort)Unpack(_words, _bits, k);
        }
    }

    /// <summary>Bits of the largest of <paramref name="positions"/>, at least 1: what <see cref="Pack"/> packs them in.</summary>
    public static int BitsOf(ReadOnlySpan<ushort> positions) => 32 - BitOperations.LeadingZeroCount(1u | OrOf(positions));

    /// <summary>32-bit words <see cref="Pack"/> writes for <paramref name="count"/> positions of <paramref name="bits"/> bits, the zero word after them included.</summary>
    public static int PackedWords(int count, int bits) => (int)(((long)count * bits + 31) / 32) + 1;

    /// <summary>
    /// Packs <paramref name="positions"/> in <paramref name="bits"/> bits each (at least <see cref="BitsOf"/>) into
    /// <paramref name="words"/>, <see cref="PackedWords"/> long: the values gather in a 64-bit register and each word is
    /// written once, when full, so the destination needs no clearing and is never read.
    /// </summary>
    public static void Pack(ReadOnlySpan<ushort> positions, int bits, Span<uint> words)
    {
        Debug.Assert(bits >= BitsOf(positions) && bits <= 16);
        words = words[..PackedWords(positions.Length, bits)];
        ulong pending = 0;
        int pendingBits = 0, written = 0;
        foreach (ushort p in positions)
        {
            pending |= (ulong)p << pendingBits;
            pendingBits += bits;
            if (pendingBits >= 32)
            {
                words[written++] = (uint)pending;
                pending >>= 32;
                pendingBits -= 32;
            }
        }
        // The last part word, if any, and the zero word after it.
        for (; written < words.Length; written++)
        {
            words[written] = (uint)pending;
            pending >>= 32;
        }
    }

    private static int Unpack(ReadOnlySpan<uint> words, int bits, int k)
    {
        long bit = (long)k * bits;
        int word = (int)(bit >> 5);
        ulong pair = words[word] | (ulong)words[word + 1] << 32;
        return (int)(pair >> ((int)bit & 31)) & ((1 << bits) - 1);
    }
}
