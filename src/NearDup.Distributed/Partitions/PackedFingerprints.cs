using System.Buffers.Binary;
using System.Numerics;
using NearDup.Persistence;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// A strictly increasing set of fingerprints as one byte array, for a set sent to every partition (a batch run's
/// boilerplate, <see cref="SizeRequest"/>): the count (4 bytes), the bits of the widest gap (1 byte), then every gap
/// to the next value packed in that many bits (<see cref="FingerprintPacking.Pack"/>, the index file's packing), then
/// 8 bytes the unpacking reads past the end. About 3 bytes a fingerprint for 10,000 of them, where Orleans writes a
/// <c>uint[]</c> as a varint each, 5 bytes for most.
/// </summary>
internal static class PackedFingerprints
{
    public static byte[] Pack(ReadOnlySpan<uint> ascending)
    {
        var gaps = new uint[ascending.Length];
        uint max = 0, next = 0; // the smallest value the next fingerprint can take
        for (int k = 0; k < ascending.Length; k++)
        {
            gaps[k] = ascending[k] - next;
            max |= gaps[k];
            next = ascending[k] + 1;
        }
        int bits = Math.Max(1, 32 - BitOperations.LeadingZeroCount(max));
        var packed = new byte[5 + ((long)gaps.Length * bits + 7) / 8 + sizeof(ulong)];
        BinaryPrimitives.WriteInt32LittleEndian(packed, gaps.Length);
        packed[4] = (byte)bits;
        FingerprintPacking.Pack(gaps, bits, packed.AsSpan(5));
        return packed;
    }

    /// <summary>
    /// A count range's tally (<see cref="CountTallies"/>), any order, repeats kept: ascending, as the count (4 bytes)
    /// then each value's gap from the one before (from 0 for the first) as a little-endian base-128 varint. A range's
    /// values are dense, so most gaps take 1 or 2 bytes, where Orleans writes a <c>uint[]</c> as a varint a value, 5
    /// bytes for most. The count does not depend on the order, so the sort loses nothing.
    /// </summary>
    public static byte[] PackTally(List<uint> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var packed = new byte[sizeof(int) + sorted.Length * 5];
        BinaryPrimitives.WriteInt32LittleEndian(packed, sorted.Length);
        int at = sizeof(int);
        uint previous = 0;
        foreach (uint value in sorted)
        {
            uint gap = value - previous;
            while (gap >= 0x80)
            {
                packed[at++] = (byte)(gap | 0x80);
                gap >>= 7;
            }
            packed[at++] = (byte)gap;
            previous = value;
        }
        return packed[..at];
    }

    /// <summary>The values of <see cref="PackTally"/>, ascending, repeats kept.</summary>
    public static uint[] UnpackTally(byte[] packed)
    {
        var values = new uint[TallyCount(packed)];
        UnpackTally(packed, values);
        return values;
    }

    /// <summary>How many values <see cref="PackTally"/> packed in <paramref name="packed"/>.</summary>
    public static int TallyCount(byte[] packed) => BinaryPrimitives.ReadInt32LittleEndian(packed);

    /// <summary>
    /// Writes the values of <see cref="PackTally"/> to <paramref name="values"/> (as long as <see cref="TallyCount"/>
    /// at least), ascending, repeats kept; returns their number.
    /// </summary>
    public static int UnpackTally(byte[] packed, Span<uint> values)
    {
        int count = TallyCount(packed);
        values = values[..count];
        int at = sizeof(int);
        uint previous = 0;
        for (int k = 0; k < values.Length; k++)
        {
            uint gap = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = packed[at++];
                gap |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }
            values[k] = previous += gap;
        }
        return count;
    }

    public static uint[] Unpack(byte[] packed)
    {
        var values = new uint[BinaryPrimitives.ReadInt32LittleEndian(packed)];
        FingerprintPacking.Unpack(packed.AsSpan(5), packed[4], values);
        uint next = 0;
        for (int k = 0; k < values.Length; k++)
        {
            values[k] += next;
            next = values[k] + 1;
        }
        return values;
    }
}
