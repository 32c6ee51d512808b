using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NearDup.Hashing;

// XXH3-64 for inputs of 0..240 bytes (xxHash specification, doc/xxhash_spec.md, "Small inputs" and
// "Medium inputs"). These are NearDup's hot path (tokens, 40-byte shingle keys), so the default secret's
// words are compile-time constants and every read is a fixed-offset unaligned load; no loops below 129 bytes.
public sealed partial class XxHash3
{
    internal const ulong Prime32_1 = 0x9E3779B1;
    internal const ulong Prime32_2 = 0x85EBCA77;
    internal const ulong Prime32_3 = 0xC2B2AE3D;
    private const ulong PrimeMx1 = 0x165667919E3779F9;
    private const ulong PrimeMx2 = 0x9FB21C651E98DF25;

    private const int MidSizeMax = 240;
    private const int MidSizeStartOffset = 3;
    private const int MidSizeLastOffset = 17;
    private const int SecretSizeMin = 136;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadUInt64(ref byte p, nuint offset)
    {
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadUInt32(ref byte p, nuint offset)
    {
        uint value = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Low and high halves of the 128-bit product, XORed (mulx on BMI2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Multiply128Fold64(ulong left, ulong right)
    {
        ulong high = Math.BigMul(left, right, out ulong low);
        return high ^ low;
    }

    /// <summary>XXH3's own avalanche, cheaper than XXH64's because its inputs are already well mixed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Avalanche(ulong hash)
    {
        hash ^= hash >> 37;
        hash *= PrimeMx1;
        return hash ^ (hash >> 32);
    }

    /// <summary>rrmxmx, the stronger mixer for 4-8 bytes, where one 64-bit word holds the whole input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Rrmxmx(ulong hash, uint length)
    {
        hash ^= BitOperations.RotateLeft(hash, 49) ^ BitOperations.RotateLeft(hash, 24);
        hash *= PrimeMx2;
        hash ^= (hash >> 35) + length;
        hash *= PrimeMx2;
        return hash ^ (hash >> 28);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashLength0To16(ref byte source, uint length, ulong seed)
    {
        Debug.Assert(length <= 16);
        if (length > 8)
        {
            ulong low = ReadUInt64(ref source, 0) ^ ((DefaultSecretUInt64_3 ^ DefaultSecretUInt64_4) + seed);
            ulong high = ReadUInt64(ref source, length - 8) ^ ((DefaultSecretUInt64_5 ^ DefaultSecretUInt64_6) - seed);
            ulong acc = length + BinaryPrimitives.ReverseEndianness(low) + high + Multiply128Fold64(low, high);
            return Avalanche(acc);
        }

        if (length >= 4)
        {
            // The seed's low half is byte-swapped into its high half so that both input words see seed bits.
            seed ^= (ulong)BinaryPrimitives.ReverseEndianness((uint)seed) << 32;
            ulong input64 = ReadUInt32(ref source, length - 4) + ((ulong)ReadUInt32(ref source, 0) << 32);
            return Rrmxmx(input64 ^ ((DefaultSecretUInt64_1 ^ DefaultSecretUInt64_2) - seed), length);
        }

        if (length != 0)
        {
            // combined, MSB to LSB: [ middle byte | first byte | length | last byte ].
            uint combined = ((uint)source << 16)
                | ((uint)Unsafe.Add(ref source, length >> 1) << 24)
                | Unsafe.Add(ref source, length - 1)
                | (length << 8);
            return XxHash64.Avalanche(combined ^ ((DefaultSecretUInt32_0 ^ DefaultSecretUInt32_1) + seed));
        }

        return XxHash64.Avalanche(seed ^ DefaultSecretUInt64_7 ^ DefaultSecretUInt64_8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix16Bytes(ref byte source, nuint offset, ulong secretLow, ulong secretHigh, ulong seed) =>
        Multiply128Fold64(
            ReadUInt64(ref source, offset) ^ (secretLow + seed),
            ReadUInt64(ref source, offset + 8) ^ (secretHigh - seed));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix16Bytes(ref byte source, nuint offset, ref byte secret, nuint secretOffset, ulong seed) =>
        Mix16Bytes(ref source, offset, ReadUInt64(ref secret, secretOffset), ReadUInt64(ref secret, secretOffset + 8), seed);

    /// <summary>17-128 bytes: 16-byte pairs taken from both ends towards the middle, overlapping when needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashLength17To128(ref byte source, uint length, ulong seed)
    {
        Debug.Assert(length is > 16 and <= 128);
        ulong acc = length * XxHash64.Prime64_1;
        if (length > 32)
        {
            if (length > 64)
            {
                if (length > 96)
                {
                    acc += Mix16Bytes(ref source, 48, DefaultSecretUInt64_12, DefaultSecretUInt64_13, seed);
                    acc += Mix16Bytes(ref source, length - 64, DefaultSecretUInt64_14, DefaultSecretUInt64_15, seed);
                }

                acc += Mix16Bytes(ref source, 32, DefaultSecretUInt64_8, DefaultSecretUInt64_9, seed);
                acc += Mix16Bytes(ref source, length - 48, DefaultSecretUInt64_10, DefaultSecretUInt64_11, seed);
            }

            acc += Mix16Bytes(ref source, 16, DefaultSecretUInt64_4, DefaultSecretUInt64_5, seed);
            acc += Mix16Bytes(ref source, length - 32, DefaultSecretUInt64_6, DefaultSecretUInt64_7, seed);
        }

        acc += Mix16Bytes(ref source, 0, DefaultSecretUInt64_0, DefaultSecretUInt64_1, seed);
        acc += Mix16Bytes(ref source, length - 16, DefaultSecretUInt64_2, DefaultSecretUInt64_3, seed);
        return Avalanche(acc);
    }

    /// <summary>129-240 bytes: eight 16-byte rounds, an avalanche, then the rest against a shifted secret.</summary>
    private static ulong HashLength129To240(ref byte source, uint length, ulong seed)
    {
        Debug.Assert(length is > 128 and <= MidSizeMax);
        ref byte secret = ref DefaultSecretReference();
        ulong acc = length * XxHash64.Prime64_1;
        for (nuint i = 0; i < 128; i += 16)
        {
            acc += Mix16Bytes(ref source, i, ref secret, i, seed);
        }

        acc = Avalanche(acc);
        nuint end = length & ~15u;
        for (nuint i = 128; i < end; i += 16)
        {
            acc += Mix16Bytes(ref source, i, ref secret, i - 128 + MidSizeStartOffset, seed);
        }

        acc += Mix16Bytes(ref source, length - 16, ref secret, SecretSizeMin - MidSizeLastOffset, seed);
        return Avalanche(acc);
    }
}
