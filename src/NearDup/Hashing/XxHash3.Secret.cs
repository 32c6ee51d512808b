using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NearDup.Hashing;

// The XXH3 default secret ("kSecret", 192 bytes) and seed handling, from the xxHash specification
// (doc/xxhash_spec.md, "XXH3 Algorithm Overview" / "Default secret") in github.com/Cyan4973/xxHash.
// Inputs up to 240 bytes fold the seed into each secret word on the fly (word + seed / word - seed);
// longer inputs never see the seed directly: a seeded hash runs the unseeded long path over a derived
// secret whose 16-byte pairs are (kSecret_lo + seed, kSecret_hi - seed). For seed 0 that is kSecret itself.
public sealed partial class XxHash3
{
    private const int SecretLength = 192;

    /// <summary>kSecret, the reference's default secret (transcribed constant data).</summary>
    internal static ReadOnlySpan<byte> DefaultSecret =>
    [
        0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
        0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
        0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
        0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
        0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
        0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
        0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
        0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
        0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
        0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
        0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
        0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
    ];

    // The first 128 secret bytes as little-endian words, so the <= 128-byte paths fold them into immediates
    // instead of loading them. XxHash3Tests.DefaultSecretWords_MatchDefaultSecret checks them against DefaultSecret.
    internal const ulong DefaultSecretUInt64_0 = 0xBE4BA423396CFEB8;
    internal const ulong DefaultSecretUInt64_1 = 0x1CAD21F72C81017C;
    internal const ulong DefaultSecretUInt64_2 = 0xDB979083E96DD4DE;
    internal const ulong DefaultSecretUInt64_3 = 0x1F67B3B7A4A44072;
    internal const ulong DefaultSecretUInt64_4 = 0x78E5C0CC4EE679CB;
    internal const ulong DefaultSecretUInt64_5 = 0x2172FFCC7DD05A82;
    internal const ulong DefaultSecretUInt64_6 = 0x8E2443F7744608B8;
    internal const ulong DefaultSecretUInt64_7 = 0x4C263A81E69035E0;
    internal const ulong DefaultSecretUInt64_8 = 0xCB00C391BB52283C;
    internal const ulong DefaultSecretUInt64_9 = 0xA32E531B8B65D088;
    internal const ulong DefaultSecretUInt64_10 = 0x4EF90DA297486471;
    internal const ulong DefaultSecretUInt64_11 = 0xD8ACDEA946EF1938;
    internal const ulong DefaultSecretUInt64_12 = 0x3F349CE33F76FAA8;
    internal const ulong DefaultSecretUInt64_13 = 0x1D4F0BC7C7BBDCF9;
    internal const ulong DefaultSecretUInt64_14 = 0x3159B4CD4BE0518A;
    internal const ulong DefaultSecretUInt64_15 = 0x647378D9C97E9FC8;

    // 32-bit words at offsets 0 and 4, XORed together for the 1-3 byte path.
    internal const uint DefaultSecretUInt32_0 = 0x396CFEB8;
    internal const uint DefaultSecretUInt32_1 = 0xBE4BA423;

    /// <summary>An inline 192-byte secret, so the streaming hasher needs no separate allocation.</summary>
    [InlineArray(SecretLength)]
    private struct SecretBuffer
    {
        private byte _element0;
    }

    /// <summary>Writes the secret the reference derives for <paramref name="seed"/> (XXH3_initCustomSecret).</summary>
    internal static void DeriveSecret(ulong seed, Span<byte> destination)
    {
        Debug.Assert(destination.Length >= SecretLength);
        ReadOnlySpan<byte> source = DefaultSecret;
        for (int i = 0; i < SecretLength; i += 16)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[i..], BinaryPrimitives.ReadUInt64LittleEndian(source[i..]) + seed);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[(i + 8)..], BinaryPrimitives.ReadUInt64LittleEndian(source[(i + 8)..]) - seed);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte DefaultSecretReference() => ref MemoryMarshal.GetReference(DefaultSecret);
}
