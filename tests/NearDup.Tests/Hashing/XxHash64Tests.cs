using System.Buffers.Binary;
using NearDup.Hashing;

namespace NearDup.Tests.Hashing;

public sealed class XxHash64Tests
{
    private const long Prime32 = (long)SanityBuffer.Prime32;

    /// <summary>
    /// (length, seed, expected) over <see cref="SanityBuffer"/>, verbatim from the XSUM_XXH64_testdata table in
    /// cli/xsum_sanity_check.c, github.com/Cyan4973/xxHash @ b2e9dbb05fb7f45ad662e67969e92c48b9b32247.
    /// </summary>
    public static TheoryData<int, long, ulong> PublishedVectors => new()
    {
        { 0, 0, 0xEF46DB3751D8E999UL },
        { 0, Prime32, 0xAC75FDA2929B17EFUL },
        { 1, 0, 0xE934A84ADB052768UL },
        { 1, Prime32, 0x5014607643A9B4C3UL },
        { 4, 0, 0x9136A0DCA57457EEUL },
        { 14, 0, 0x8282DCC4994E35C8UL },
        { 14, Prime32, 0xC3BD6BF63DEB6DF0UL },
        { 222, 0, 0xB641AE8CB691C174UL },
        { 222, Prime32, 0x20CB8AB7AE10C14AUL },
    };

    /// <summary>
    /// More lengths (every tail size and the 32-byte stripe boundaries), same buffer and seeds. The published header
    /// with one row per length (tests/sanity_test_vectors.h) was not retrievable, so these were printed by the reference
    /// implementation itself: xxhash.h from the same commit (v0.8.2), compiled with gcc, XXH64(buffer, length, seed).
    /// They agree with every row of <see cref="PublishedVectors"/>.
    /// </summary>
    public static TheoryData<int, long, ulong> ReferenceVectors => new()
    {
        { 2, 0, 0x5D48CD60A77E23FFUL },
        { 2, Prime32, 0x9E93152232D54A39UL },
        { 3, 0, 0xFF7E1959CB50794AUL },
        { 3, Prime32, 0xAA8584E83660F7D1UL },
        { 4, Prime32, 0xCAAB286BD8E9FDB5UL },
        { 5, 0, 0x9B046FB1397F09A5UL },
        { 5, Prime32, 0x2AF5249930F984ECUL },
        { 8, 0, 0xCDBCF538E71D1348UL },
        { 8, Prime32, 0xFE0C047A5353CDACUL },
        { 9, 0, 0x554B1AE991EDA6B6UL },
        { 9, Prime32, 0x7908265248F6D73FUL },
        { 16, 0, 0x98C90B57FDFCB55CUL },
        { 16, Prime32, 0xC900AD2D536B607EUL },
        { 17, 0, 0x0D39A2D051A30C2CUL },
        { 17, Prime32, 0x495CD68A647C7A22UL },
        { 32, 0, 0x18B216492BB44B70UL },
        { 32, Prime32, 0xB3F33BDF93ADE409UL },
        { 33, 0, 0x55C8DC3E578F5B59UL },
        { 33, Prime32, 0xE92C292F64BC3071UL },
        { 64, 0, 0xEF558F8ACAC2B5CDUL },
        { 64, Prime32, 0xB5EEBA99264CC44FUL },
        { 65, 0, 0xDE0F20DC2631AF7AUL },
        { 65, Prime32, 0xD3F6FF3941E310CAUL },
        { 96, 0, 0x105064E743EDD1D9UL },
        { 96, Prime32, 0x8FF0B4ABEE6F03CCUL },
        { 97, 0, 0x097B16E4E9B0A2E3UL },
        { 97, Prime32, 0x9704E5147FDCC4F4UL },
        { 128, 0, 0x90CA021457D96DC5UL },
        { 128, Prime32, 0xED9340A202BCD1CFUL },
        { 129, 0, 0x41C280132D697ABAUL },
        { 129, Prime32, 0x1668B87489935FF5UL },
        { 130, 0, 0xFCEB19904FA5852EUL },
        { 130, Prime32, 0x531E7902F11E5233UL },
        { 192, 0, 0xB76A434AC1E4768BUL },
        { 192, Prime32, 0xC12D08F273988FD5UL },
        { 239, 0, 0xB93713464372DA03UL },
        { 239, Prime32, 0x4BFC609CBFAEED9BUL },
        { 240, 0, 0xB81838D483BAEE53UL },
        { 240, Prime32, 0xA4B3F965B6FE67F8UL },
        { 241, 0, 0x95D76C8B4D8FC4D6UL },
        { 241, Prime32, 0x19D5AD5F4BD6CB9FUL },
        { 255, 0, 0xA80F35BB0DC8E3A7UL },
        { 255, Prime32, 0x8E7A59762640754FUL },
        { 256, 0, 0x5E3F5BF94D574981UL },
        { 256, Prime32, 0x34733CBD9CC1B0D5UL },
        { 257, 0, 0xD36CF327DCF12221UL },
        { 257, Prime32, 0x0E59955420F8807BUL },
        { 403, 0, 0xD99858FEE82283DFUL },
        { 403, Prime32, 0xF66589734AD3CF7EUL },
        { 512, 0, 0x4358D2FDD62B58A7UL },
        { 512, Prime32, 0x0DED69C4804C47BAUL },
        { 1023, 0, 0xAAC72718B7620924UL },
        { 1023, Prime32, 0xE0935AF8C59B7E98UL },
        { 1024, 0, 0x4775BF7CACE4D177UL },
        { 1024, Prime32, 0x238CF9296898B465UL },
        { 1025, 0, 0x847FA6006D7C2AC0UL },
        { 1025, Prime32, 0xB2A65F21FB8D0F5EUL },
        { 2048, 0, 0x5940F2752BC04387UL },
        { 2048, Prime32, 0xAA26F33C2898013BUL },
        { 2049, 0, 0x3BAC0FEF077CBFB5UL },
        { 2049, Prime32, 0x30123FD816C47DB7UL },
        { 2099, 0, 0x3301C88334AFD200UL },
        { 2099, Prime32, 0x6C7912A7CF157428UL },
        { 2240, 0, 0xA4EDB3C85B99B1D9UL },
        { 2240, Prime32, 0x060E004CF6EA043BUL },
        { 2367, 0, 0xA82418DDEC0EA581UL },
        { 2367, Prime32, 0xA36A93C18052673AUL },
        { 3000, 0, 0xE684FF60FCE43966UL },
        { 3000, Prime32, 0xF8CB728F857BE375UL },
        { 4096, 0, 0xAB77F4AF85F4E70BUL },
        { 4096, Prime32, 0xCB8B60CBA513125DUL },
        { 5000, 0, 0x35E5D154EA61C27BUL },
        { 5000, Prime32, 0xE2F8E04B4068CA73UL },
        { 8192, 0, 0x161A47248085699BUL },
        { 8192, Prime32, 0xA8D648B7ADA308F6UL },
        { 10000, 0, 0x5BDC1F52E70F2A4CUL },
        { 10000, Prime32, 0x29B1A19C1B4FD42DUL },
        { 65536, 0, 0xB1F497AAE57DEA9DUL },
        { 65536, Prime32, 0xEFED4E3C934E26E0UL },
        { 65537, 0, 0x3AA92E8233E07002UL },
        { 65537, Prime32, 0x901E5368D40BB514UL },
        { 70000, 0, 0x5914FEF4CF02FEBDUL },
        { 70000, Prime32, 0xF62FB8DA46EAEE5FUL },    };

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    [MemberData(nameof(ReferenceVectors))]
    public void HashToUInt64_SanityBuffer_MatchesReference(int length, long seed, ulong expected) =>
        Assert.Equal(expected, XxHash64.HashToUInt64(SanityBuffer.Bytes[..length], seed));

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    [MemberData(nameof(ReferenceVectors))]
    public void Hash_SanityBuffer_IsBigEndianOfReference(int length, long seed, ulong expected)
    {
        var expectedBytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(expectedBytes, expected);
        byte[] input = SanityBuffer.Bytes[..length].ToArray();

        Assert.Equal(expectedBytes, XxHash64.Hash(input, seed));
        Assert.Equal(expectedBytes, XxHash64.Hash(input.AsSpan(), seed));
        if (seed == 0)
        {
            Assert.Equal(expectedBytes, XxHash64.Hash(input));
        }
    }

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    [MemberData(nameof(ReferenceVectors))]
    public void Append_SanityBufferInOnePiece_MatchesReference(int length, long seed, ulong expected)
    {
        var hasher = new XxHash64(seed);
        hasher.Append(SanityBuffer.Bytes[..length]);
        Assert.Equal(expected, hasher.GetCurrentHashAsUInt64());
        Assert.Equal(BigEndian(expected), hasher.GetCurrentHash());
    }

    [Fact]
    public void Append_RandomChunks_MatchesOneShot()
    {
        var random = new Random(1234);
        foreach (int length in HashTestData.StreamingLengths)
        {
            byte[] data = HashTestData.RandomBytes(random, length);
            long seed = random.NextInt64();
            ulong expected = XxHash64.HashToUInt64(data, seed);
            for (int trial = 0; trial < 4; trial++)
            {
                var hasher = new XxHash64(seed);
                foreach (Range chunk in HashTestData.RandomChunks(random, length))
                {
                    hasher.Append(data.AsSpan(chunk));
                    // Reading the hash mid-stream must not disturb the state; check it against the prefix.
                    Assert.Equal(XxHash64.HashToUInt64(data.AsSpan(..chunk.End), seed), hasher.GetCurrentHashAsUInt64());
                }

                Assert.Equal(expected, hasher.GetCurrentHashAsUInt64());
            }
        }
    }

    [Fact]
    public void Reset_AfterAppend_RestartsWithSameSeed()
    {
        var hasher = new XxHash64(Prime32);
        hasher.Append(SanityBuffer.Bytes[..1000]);
        hasher.Reset();
        hasher.Append(SanityBuffer.Bytes[..222]);
        Assert.Equal(0x20CB8AB7AE10C14AUL, hasher.GetCurrentHashAsUInt64());
    }

    [Fact]
    public void GetHashAndReset_AfterAppend_ReturnsHashThenEmptyHash()
    {
        var hasher = new XxHash64();
        hasher.Append(SanityBuffer.Bytes[..222]);
        Assert.Equal(BigEndian(0xB641AE8CB691C174UL), hasher.GetHashAndReset());
        Assert.Equal(0xEF46DB3751D8E999UL, hasher.GetCurrentHashAsUInt64());
    }

    [Fact]
    public void TryHash_ShortDestination_ReturnsFalseAndWritesNothing()
    {
        byte[] destination = [0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC];
        Assert.False(XxHash64.TryHash(SanityBuffer.Bytes[..14], destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0xCC, b));
    }

    [Fact]
    public void TryHash_LongDestination_WritesEightBytesOnly()
    {
        byte[] destination = Enumerable.Repeat((byte)0xCC, 12).ToArray();
        Assert.True(XxHash64.TryHash(SanityBuffer.Bytes[..14], destination, out int written));
        Assert.Equal(8, written);
        Assert.Equal(BigEndian(0x8282DCC4994E35C8UL), destination[..8]);
        Assert.All(destination[8..], b => Assert.Equal(0xCC, b));
    }

    [Fact]
    public void Hash_ShortDestination_Throws()
    {
        byte[] destination = new byte[7];
        Assert.Throws<ArgumentException>("destination", () => XxHash64.Hash(SanityBuffer.Bytes[..14], destination));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Hash_Destination_ReturnsEightAndWritesBigEndian()
    {
        byte[] destination = new byte[8];
        Assert.Equal(8, XxHash64.Hash(SanityBuffer.Bytes[..14], destination, Prime32));
        Assert.Equal(BigEndian(0xC3BD6BF63DEB6DF0UL), destination);
    }

    [Fact]
    public void Hash_NullArray_Throws()
    {
        Assert.Throws<ArgumentNullException>("source", () => XxHash64.Hash((byte[])null!));
        Assert.Throws<ArgumentNullException>("source", () => XxHash64.Hash((byte[])null!, 1));
    }

    private static byte[] BigEndian(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
