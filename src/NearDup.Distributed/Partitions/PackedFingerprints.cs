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
