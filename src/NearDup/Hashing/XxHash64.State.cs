using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NearDup.Hashing;

// XXH64 core, from the xxHash specification (doc/xxhash_spec.md, "XXH64 algorithm description"):
// four 64-bit lanes consume 32-byte stripes; they converge into one value, which then absorbs the tail
// 8, 4 and 1 bytes at a time before the final avalanche. All reads are little-endian.
public sealed partial class XxHash64
{
    internal const ulong Prime64_1 = 0x9E3779B185EBCA87;
    internal const ulong Prime64_2 = 0xC2B2AE3D27D4EB4F;
    internal const ulong Prime64_3 = 0x165667B19E3779F9;
    internal const ulong Prime64_4 = 0x85EBCA77C2B2AE63;
    internal const ulong Prime64_5 = 0x27D4EB2F165667C5;

    private const int StripeSize = 32;

    /// <summary>The four stripe accumulators. A struct so the one-shot path keeps them in registers.</summary>
    private struct State
    {
        private ulong _acc1;
        private ulong _acc2;
        private ulong _acc3;
        private ulong _acc4;

        internal State(ulong seed)
        {
            _acc1 = seed + Prime64_1 + Prime64_2;
            _acc2 = seed + Prime64_2;
            _acc3 = seed;
            _acc4 = seed - Prime64_1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void ProcessStripe(ref byte stripe)
        {
            _acc1 = Round(_acc1, ReadUInt64(ref stripe, 0));
            _acc2 = Round(_acc2, ReadUInt64(ref stripe, 8));
            _acc3 = Round(_acc3, ReadUInt64(ref stripe, 16));
            _acc4 = Round(_acc4, ReadUInt64(ref stripe, 24));
        }

        internal readonly ulong Converge()
        {
            ulong hash = BitOperations.RotateLeft(_acc1, 1) + BitOperations.RotateLeft(_acc2, 7)
                + BitOperations.RotateLeft(_acc3, 12) + BitOperations.RotateLeft(_acc4, 18);
            hash = MergeRound(hash, _acc1);
            hash = MergeRound(hash, _acc2);
            hash = MergeRound(hash, _acc3);
            return MergeRound(hash, _acc4);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong acc, ulong lane) =>
        BitOperations.RotateLeft(acc + (lane * Prime64_2), 31) * Prime64_1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MergeRound(ulong hash, ulong acc) => ((hash ^ Round(0, acc)) * Prime64_1) + Prime64_4;

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

    /// <summary>Absorbs the last <paramref name="remaining"/> (&lt; 32) bytes and avalanches.</summary>
    private static ulong Finalize(ulong hash, ref byte tail, nuint remaining)
    {
        nuint i = 0;
        for (; i + 8 <= remaining; i += 8)
        {
            hash ^= Round(0, ReadUInt64(ref tail, i));
            hash = (BitOperations.RotateLeft(hash, 27) * Prime64_1) + Prime64_4;
        }

        if (i + 4 <= remaining)
        {
            hash ^= ReadUInt32(ref tail, i) * Prime64_1;
            hash = (BitOperations.RotateLeft(hash, 23) * Prime64_2) + Prime64_3;
            i += 4;
        }

        for (; i < remaining; i++)
        {
            hash ^= Unsafe.Add(ref tail, i) * Prime64_5;
            hash = BitOperations.RotateLeft(hash, 11) * Prime64_1;
        }

        return Avalanche(hash);
    }

    /// <summary>XXH64's final mix; XXH3 reuses it for its 0 and 1-3 byte paths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Avalanche(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= Prime64_2;
        hash ^= hash >> 29;
        hash *= Prime64_3;
        hash ^= hash >> 32;
        return hash;
    }
}
