using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NearDup.Text;

/// <summary>
/// XXH3-64 with a seed for inputs of at most 16 bytes, the length of nearly every word: the same value as
/// <see cref="XxHash3.HashToUInt64(ReadOnlySpan{byte}, long)"/>, computed inline from the word buffer instead of
/// through the library's call and length dispatch, which cost about as much as the mixing itself on a five-letter
/// word. The tests compare the two at every length from 0 to 16.
/// </summary>
internal static partial class ShortXxHash3
{
    /// <summary>Longest input this class hashes; longer ones go to <see cref="XxHash3"/>.</summary>
    public const int MaxLength = 16;

    private const ulong Prime64First = 0x9E3779B185EBCA87UL;
    private const ulong Prime64Second = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime64Third = 0x165667B19E3779F9UL;
    private const ulong PrimeMx1 = 0x165667919E3779F9UL;
    private const ulong PrimeMx2 = 0x9FB21C651E98DF25UL;

    // The windows of XXH3's default secret (its first 72 bytes) that inputs of 0 to 16 bytes read.
    private static readonly ulong s_flip0 = Secret64(56) ^ Secret64(64);
    private static readonly ulong s_flip1To3 = Secret32(0) ^ Secret32(4);
    private static readonly ulong s_flip4To8 = Secret64(8) ^ Secret64(16);
    private static readonly ulong s_flip9To16Low = Secret64(24) ^ Secret64(32);
    private static readonly ulong s_flip9To16High = Secret64(40) ^ Secret64(48);

    // Inputs of 17 to 32 bytes read the secret's first 32 bytes as they are.
    private static readonly ulong s_secret0 = Secret64(0);
    private static readonly ulong s_secret8 = Secret64(8);
    private static readonly ulong s_secret16 = Secret64(16);
    private static readonly ulong s_secret24 = Secret64(24);

    private static ReadOnlySpan<byte> DefaultSecret =>
    [
        0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
        0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
        0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
        0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
        0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb,
    ];

    /// <summary>XXH3-64 of <paramref name="data"/> (at most <see cref="MaxLength"/> bytes) with <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed)
    {
        int length = data.Length;
        if (length > 8)
        {
            return Hash9To16(BinaryPrimitives.ReadUInt64LittleEndian(data), BinaryPrimitives.ReadUInt64LittleEndian(data[(length - 8)..]), length, seed);
        }
        if (length >= 4)
        {
            return Hash4To8(BinaryPrimitives.ReadUInt32LittleEndian(data), BinaryPrimitives.ReadUInt32LittleEndian(data[(length - 4)..]), length, seed);
        }
        if (length > 0)
        {
            return Hash1To3(data[0], data[length >> 1], data[length - 1], length, seed);
        }
        return Xxh64Avalanche(seed ^ s_flip0);
    }

    /// <summary><see cref="Hash"/> of an input of 9 to 16 bytes, given as its first and its last 8 (little-endian; they overlap below 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash9To16(ulong first8, ulong last8, int length, ulong seed)
    {
        ulong low = first8 ^ (s_flip9To16Low + seed);
        ulong high = last8 ^ (s_flip9To16High - seed);
        ulong productHigh = Math.BigMul(low, high, out ulong productLow);
        return Avalanche((ulong)length + BinaryPrimitives.ReverseEndianness(low) + high + (productLow ^ productHigh));
    }

    /// <summary>
    /// XXH3-64 of an input of 17 to 32 bytes (<paramref name="length"/>), given as its first 16 bytes
    /// (<paramref name="first0"/>, <paramref name="first8"/>) and its last 16 (<paramref name="last0"/>,
    /// <paramref name="last8"/>), little-endian, overlapping below 32: XXH3's 17-128 byte case, whose two 16-byte mixes
    /// are all an input this short takes. The facts hash a word of 9 to 16 ASCII letters as its UTF-16 code units.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash17To32(ulong first0, ulong first8, ulong last0, ulong last8, int length, ulong seed)
    {
        ulong acc = (ulong)length * Prime64First;
        acc += Mix16(first0 ^ (s_secret0 + seed), first8 ^ (s_secret8 - seed));
        acc += Mix16(last0 ^ (s_secret16 + seed), last8 ^ (s_secret24 - seed));
        return Avalanche(acc);
    }

    /// <summary>XXH3's 128-bit product of two 64-bit halves, folded to 64 bits by XOR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix16(ulong low, ulong high)
    {
        ulong productHigh = Math.BigMul(low, high, out ulong productLow);
        return productLow ^ productHigh;
    }

    /// <summary><see cref="Hash"/> of an input of 4 to 8 bytes, given as its first and its last 4 (little-endian; they overlap below 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash4To8(uint first4, uint last4, int length, ulong seed)
    {
        seed ^= (ulong)BinaryPrimitives.ReverseEndianness((uint)seed) << 32;
        return RrmXmx((last4 + ((ulong)first4 << 32)) ^ (s_flip4To8 - seed), length);
    }

    /// <summary><see cref="Hash"/> of an input of 1 to 3 bytes, given as its first, middle (at length / 2) and last byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash1To3(uint first, uint middle, uint last, int length, ulong seed)
    {
        uint combined = first << 16 | middle << 24 | last | (uint)length << 8;
        return Xxh64Avalanche(combined ^ (s_flip1To3 + seed));
    }

    /// <summary>
    /// <see cref="Hash"/> of <paramref name="word"/> (1 to <see cref="MaxLength"/> ASCII letters and digits) folded to
    /// lower case, read in place: setting bit 0x20 of every byte lowers A-Z and leaves a-z and 0-9 as they are, so the
    /// fold is an OR on each read instead of a copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashAsciiWord(ReadOnlySpan<byte> word, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(word.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(word.Length, MaxLength);
        return HashAsciiWord(ref MemoryMarshal.GetReference(word), word.Length, seed);
    }

    /// <summary>
    /// <see cref="HashAsciiWord(ReadOnlySpan{byte}, ulong)"/> of the <paramref name="length"/> (1 to
    /// <see cref="MaxLength"/>) bytes at <paramref name="word"/>, which the caller has checked lie in its text: the block
    /// hasher's form, with no slice to check on each of its loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong HashAsciiWord(ref byte word, int length, ulong seed)
    {
        const ulong Lower64 = 0x2020_2020_2020_2020UL;
        const uint Lower32 = 0x2020_2020U;
        if (length > 8)
        {
            ulong low = (Unsafe.ReadUnaligned<ulong>(ref word) | Lower64) ^ (s_flip9To16Low + seed);
            ulong high = (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref word, length - 8)) | Lower64) ^ (s_flip9To16High - seed);
            ulong productHigh = Math.BigMul(low, high, out ulong productLow);
            return Avalanche((ulong)length + BinaryPrimitives.ReverseEndianness(low) + high + (productLow ^ productHigh));
        }
        if (length >= 4)
        {
            seed ^= (ulong)BinaryPrimitives.ReverseEndianness((uint)seed) << 32;
            ulong first = Unsafe.ReadUnaligned<uint>(ref word) | Lower32;
            ulong last = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref word, length - 4)) | Lower32;
            return RrmXmx((last + (first << 32)) ^ (s_flip4To8 - seed), length);
        }
        uint combined = (uint)(word | 0x20) << 16 | (uint)(Unsafe.Add(ref word, length >> 1) | 0x20) << 24
            | (uint)(Unsafe.Add(ref word, length - 1) | 0x20) | (uint)length << 8;
        return Xxh64Avalanche(combined ^ (s_flip1To3 + seed));
    }

    /// <summary>
    /// <see cref="HashAsciiWord(ref byte, int, ulong)"/> with no branch on the length: all three length classes are
    /// computed from the same two 8-byte loads and the class's one kept, so a text's mix of short and long words costs
    /// no mispredicted branch. The caller has checked that the 8 bytes at <paramref name="word"/> and the 8 before the
    /// word's end lie in its text; the bytes read outside the word do not change the hash.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong HashAsciiWordSelect(ref byte word, int length, ulong seed)
    {
        const ulong Lower64 = 0x2020_2020_2020_2020UL;
        ulong first8 = Unsafe.ReadUnaligned<ulong>(ref word) | Lower64;
        ulong last8 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref word, length - 8)) | Lower64;
        return HashLoweredSelect(first8, last8, length, seed);
    }

    /// <summary>
    /// <see cref="HashAsciiWordSelect"/> of a word given as its first 8 bytes (<paramref name="first8"/>, low byte
    /// first) and the 8 that end it (<paramref name="last8"/>, its last byte the high one), already lowered; bytes
    /// of either outside the word do not change the hash.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong HashLoweredSelect(ulong first8, ulong last8, int length, ulong seed)
    {
        ulong low = first8 ^ (s_flip9To16Low + seed);
        ulong high = last8 ^ (s_flip9To16High - seed);
        ulong productHigh = Math.BigMul(low, high, out ulong productLow);
        ulong long9 = Avalanche((ulong)length + BinaryPrimitives.ReverseEndianness(low) + high + (productLow ^ productHigh));

        ulong seed4 = seed ^ (ulong)BinaryPrimitives.ReverseEndianness((uint)seed) << 32;
        ulong medium4 = RrmXmx(((last8 >> 32) + (first8 << 32)) ^ (s_flip4To8 - seed4), length);

        uint middle = (uint)(first8 >> ((length >> 1) << 3)) & 0xFF;
        uint combined = ((uint)first8 & 0xFF) << 16 | middle << 24 | (uint)(last8 >> 56) | (uint)length << 8;
        ulong short1 = Xxh64Avalanche(combined ^ (s_flip1To3 + seed));

        // All ones from 4 (and from 9) bytes on.
        ulong fromFour = (ulong)((long)(3 - length) >> 63);
        ulong fromNine = (ulong)((long)(8 - length) >> 63);
        ulong hash = short1 ^ ((short1 ^ medium4) & fromFour);
        return hash ^ ((hash ^ long9) & fromNine);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Avalanche(ulong h)
    {
        h ^= h >> 37;
        h *= PrimeMx1;
        return h ^ h >> 32;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RrmXmx(ulong h, int length)
    {
        h ^= BitOperations.RotateLeft(h, 49) ^ BitOperations.RotateLeft(h, 24);
        h *= PrimeMx2;
        h ^= (h >> 35) + (ulong)length;
        h *= PrimeMx2;
        return h ^ h >> 28;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Xxh64Avalanche(ulong h)
    {
        h ^= h >> 33;
        h *= Prime64Second;
        h ^= h >> 29;
        h *= Prime64Third;
        return h ^ h >> 32;
    }

    /// <summary>The secret window of XXH3's 1-3 byte case.</summary>
    internal static ulong Flip1To3 => s_flip1To3;

    /// <summary>The secret window of XXH3's 4-8 byte case.</summary>
    internal static ulong Flip4To8 => s_flip4To8;

    /// <summary>The secret window of the first 8 bytes in XXH3's 9-16 byte case.</summary>
    internal static ulong Flip9To16Low => s_flip9To16Low;

    /// <summary>The secret window of the last 8 bytes in XXH3's 9-16 byte case.</summary>
    internal static ulong Flip9To16High => s_flip9To16High;

    private static ulong Secret64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(DefaultSecret[offset..]);

    private static ulong Secret32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(DefaultSecret[offset..]);
}
