using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NearDup.Clustering;

namespace NearDup.Persistence;

/// <summary>
/// A document's fingerprints and positions as packed in format 4's fingerprint section (<see cref="IndexFormat.PackedFlag"/>):
/// <code>
/// u8 b | the n gaps in b bits each  (gap k = fingerprint k − fingerprint k−1 − 1; gap 0 = fingerprint 0)
/// u8 p | the n positions in p bits each                                  (only with positions)
/// </code>
/// b and p are the fewest bits that hold the largest value, at least 1; values are packed least significant bit first
/// and each run ends on a byte boundary. A document's n sorted fingerprints out of 2^32 have gaps near 2^32 / n, so b is
/// about 32 − log2 n + 3 (26 bits for 500 fingerprints); positions need the bits of the document's length (9 to 11).
/// LZ4 alone finds little in sorted 32-bit integers, whose low bytes look random: the packing is what shrinks them.
/// </summary>
internal static class FingerprintPacking
{
    /// <summary>Largest packed size of <paramref name="count"/> values of <paramref name="bits"/> bits, with the bits byte.</summary>
    public static int Bytes(int count, int bits) => 1 + (int)(((long)count * bits + 7) / 8);

    /// <summary>Writes the gaps of strictly increasing <paramref name="fingerprints"/>, packed, with the bits byte.</summary>
    public static void WriteFingerprints(PayloadWriter w, ReadOnlySpan<uint> fingerprints, ref uint[] gaps, ref byte[] scratch)
    {
        if (gaps.Length < fingerprints.Length)
        {
            gaps = new uint[Math.Max(fingerprints.Length, gaps.Length * 2)];
        }
        uint max = 0;
        uint next = 0; // the smallest value the next fingerprint can take
        for (int k = 0; k < fingerprints.Length; k++)
        {
            gaps[k] = fingerprints[k] - next;
            max |= gaps[k];
            next = fingerprints[k] + 1;
        }
        WritePacked(w, gaps.AsSpan(0, fingerprints.Length), max, ref scratch);
    }

    /// <summary>Writes <paramref name="positions"/> packed, with the bits byte.</summary>
    public static void WritePositions(PayloadWriter w, PositionList positions, ref uint[] values, ref byte[] scratch)
    {
        if (values.Length < positions.Length)
        {
            values = new uint[Math.Max(positions.Length, values.Length * 2)];
        }
        uint max = 0;
        for (int k = 0; k < positions.Length; k++)
        {
            values[k] = (uint)positions[k];
            max |= values[k];
        }
        WritePacked(w, values.AsSpan(0, positions.Length), max, ref scratch);
    }

    /// <summary>Reads what <see cref="WriteFingerprints"/> wrote for <paramref name="fingerprints"/>.Length fingerprints.</summary>
    public static void ReadFingerprints(PayloadReader r, Span<uint> fingerprints, ref byte[] scratch, string document)
    {
        ReadPacked(r, fingerprints, 32, ref scratch, "document", document, "fingerprints");
        ulong next = 0;
        for (int k = 0; k < fingerprints.Length; k++)
        {
            ulong value = next + fingerprints[k];
            if (value > uint.MaxValue)
            {
                r.Throw($"holds fingerprint gaps for document '{document}' that add up past 2^32");
            }
            fingerprints[k] = (uint)value;
            next = value + 1;
        }
    }

    /// <summary>Reads what <see cref="WritePositions"/> wrote for <paramref name="positions"/>.Length positions.</summary>
    public static void ReadPositions(PayloadReader r, Span<ushort> positions, ref uint[] values, ref byte[] scratch, string document)
    {
        if (values.Length < positions.Length)
        {
            values = new uint[Math.Max(positions.Length, values.Length * 2)];
        }
        var unpacked = values.AsSpan(0, positions.Length);
        ReadPacked(r, unpacked, 16, ref scratch, "document", document, "positions");
        for (int k = 0; k < positions.Length; k++)
        {
            positions[k] = (ushort)unpacked[k];
        }
    }

    /// <summary>Writes <paramref name="values"/> packed in the bits of <paramref name="max"/> (all their bits or'ed), with the bits byte.</summary>
    internal static void WritePacked(PayloadWriter w, ReadOnlySpan<uint> values, uint max, ref byte[] scratch)
    {
        int bits = Math.Max(1, 32 - BitOperations.LeadingZeroCount(max));
        int bytes = Bytes(values.Length, bits);
        if (scratch.Length < bytes)
        {
            scratch = new byte[Math.Max(bytes, scratch.Length * 2)];
        }
        scratch[0] = (byte)bits;
        Pack(values, bits, scratch.AsSpan(1, bytes - 1));
        w.Write(scratch.AsSpan(0, bytes));
    }

    /// <summary>
    /// Reads what <see cref="WritePacked"/> wrote for <paramref name="values"/>.Length values of at most
    /// <paramref name="maxBits"/> bits; an error names them as the <paramref name="what"/> of the <paramref name="kind"/>
    /// (a document, an anchor block) named <paramref name="name"/>.
    /// </summary>
    internal static void ReadPacked(PayloadReader r, Span<uint> values, int maxBits, ref byte[] scratch, string kind, string name, string what)
    {
        int bits = r.ReadByte();
        if (bits < 1 || bits > maxBits)
        {
            r.Throw($"packs the {what} of {kind} '{name}' in {bits} bits, which no NearDup writes");
        }
        int bytes = Bytes(values.Length, bits) - 1;
        if (bytes > r.Remaining)
        {
            r.Throw($"declares {values.Length:N0} {what} for {kind} '{name}', more than its remaining {r.Remaining:N0} bytes can hold");
        }
        // Room for Unpack's 8-byte reads past the last packed byte.
        if (scratch.Length < bytes + sizeof(ulong))
        {
            scratch = new byte[Math.Max(bytes + sizeof(ulong), scratch.Length * 2)];
        }
        r.Read(scratch.AsSpan(0, bytes));
        Unpack(scratch, bits, values);
    }

    /// <summary>Packs each value's low <paramref name="bits"/> bits, least significant first (bits ≤ 32: the accumulator never holds more than 39).</summary>
    internal static void Pack(ReadOnlySpan<uint> values, int bits, Span<byte> destination)
    {
        ulong pending = 0;
        int filled = 0;
        int at = 0;
        foreach (uint value in values)
        {
            pending |= (ulong)value << filled;
            for (filled += bits; filled >= 8; filled -= 8)
            {
                destination[at++] = (byte)pending;
                pending >>= 8;
            }
        }
        if (filled > 0)
        {
            destination[at] = (byte)pending;
        }
    }

    /// <summary>
    /// The inverse of <see cref="Pack"/>. Each value is one unaligned 8-byte read shifted by its bit offset (at most 7 + 32
    /// bits are needed), so <paramref name="source"/> must have 8 readable bytes past the packed ones; what they hold is
    /// masked off. A byte-at-a-time loop made loading a packed index about twice as slow as loading a raw one.
    /// </summary>
    internal static void Unpack(ReadOnlySpan<byte> source, int bits, Span<uint> values)
    {
        // Checked once here, so that the loop reads without a bounds check per value.
        if (bits is < 1 or > 32 || source.Length < ((long)values.Length * bits + 7) / 8 + sizeof(ulong))
        {
            throw new ArgumentException($"{values.Length} values of {bits} bits need {((long)values.Length * bits + 7) / 8 + sizeof(ulong)} bytes; {source.Length} given.", nameof(source));
        }
        ref byte packed = ref MemoryMarshal.GetReference(source);
        ref uint value = ref MemoryMarshal.GetReference(values);
        ulong mask = (1UL << bits) - 1;
        nuint position = 0;
        for (int k = 0; k < values.Length; k++, position += (nuint)bits)
        {
            ulong word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref packed, position >> 3));
            word = BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word);
            Unsafe.Add(ref value, k) = (uint)((word >> (int)(position & 7)) & mask);
        }
    }
}
