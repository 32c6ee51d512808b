using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

public sealed class FingerprintPackingTests
{
    [Fact]
    public void PackUnpack_EveryWidth_RoundTrips()
    {
        Gen.Select(Gen.Int[1, 32], Gen.UInt.Array[0, 300]).Sample((bits, raw) =>
        {
            uint mask = bits == 32 ? uint.MaxValue : (1u << bits) - 1;
            var values = raw.Select(v => v & mask).ToArray();
            var packed = new byte[FingerprintPacking.Bytes(values.Length, bits) - 1 + sizeof(ulong)];
            Array.Fill(packed, (byte)0xA5); // what lies past the packed bytes must not matter
            FingerprintPacking.Pack(values, bits, packed);
            var unpacked = new uint[values.Length];
            FingerprintPacking.Unpack(packed, bits, unpacked);
            Assert.Equal(values, unpacked);
        }, iter: 500);
    }

    /// <summary>Unpack reads 8 bytes at a time without a bounds check per value: a source without its 8 bytes of slack is refused.</summary>
    [Theory]
    [InlineData(10, 5, 7 + 7)]
    [InlineData(3, 32, 12 + 7)]
    [InlineData(1, 33, 64)]
    public void Unpack_SourceShortOfItsSlack_Throws(int count, int bits, int sourceBytes) =>
        Assert.Throws<ArgumentException>(() => FingerprintPacking.Unpack(new byte[sourceBytes], bits, new uint[count]));

    [Fact]
    public void Pack_ThreeValuesOfFiveBits_LeastSignificantBitFirst()
    {
        // 0b10101, 0b00011, 0b11111 → bits 10101 11000 11111 (+ one zero) read from bit 0 up.
        var packed = new byte[2];
        FingerprintPacking.Pack([0b10101, 0b00011, 0b11111], 5, packed);
        Assert.Equal([0b0111_0101, 0b0111_1100], packed);
    }

    public static TheoryData<uint[]> Sets => new(
        [],
        [0u],
        [uint.MaxValue],
        [0u, 1u, 2u, 3u],
        [0u, uint.MaxValue],
        [7u, 1_000u, 1_000_000u, 4_000_000_000u, uint.MaxValue - 1, uint.MaxValue]);

    [Theory, MemberData(nameof(Sets))]
    public void WriteReadFingerprints_EdgeSets_RoundTrip(uint[] fingerprints)
    {
        Assert.Equal(fingerprints, RoundTrip(fingerprints));
    }

    [Fact]
    public void WriteReadFingerprints_RandomSortedSets_RoundTripAndShrink()
    {
        Gen.UInt.HashSet[1, 2000].Sample(set =>
        {
            var fingerprints = set.Order().ToArray();
            Assert.Equal(fingerprints, RoundTrip(fingerprints));
        }, iter: 200);
        // 500 random fingerprints out of 2^32 have gaps near 2^23: packed, about 26 bits each instead of 32.
        var random = new Random(5);
        var many = Enumerable.Range(0, 5000).Select(_ => (uint)random.NextInt64(0, 1L << 32)).Distinct().Take(500).Order().ToArray();
        var stream = new MemoryStream();
        var w = new PayloadWriter(stream, null);
        uint[] values = [];
        byte[] scratch = [];
        FingerprintPacking.WriteFingerprints(w, many, ref values, ref scratch);
        w.Flush();
        Assert.InRange(stream.Length, 1 + 500 * 24 / 8, 1 + 500 * 28 / 8);
    }

    [Fact]
    public void ReadFingerprints_GapsPastTwoToThe32_ThrowsNamingTheDocument()
    {
        byte[] scratch = [];
        var bad = new byte[] { 32, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00, 0x00, 0x00 }; // gaps 2^32−1 then 1
        var r = new PayloadReader(new MemoryStream(bad), bad.Length, "fingerprints", null);
        var e = Assert.Throws<InvalidDataException>(() => FingerprintPacking.ReadFingerprints(r, new uint[2], ref scratch, "doc-7"));
        Assert.Contains("doc-7", e.Message, StringComparison.Ordinal);
        Assert.Contains("fingerprints section", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPositions_ZeroOrTooManyBits_Throws()
    {
        byte[] scratch = [];
        uint[] values = [];
        foreach (byte bits in new byte[] { 0, 17 })
        {
            var bytes = new byte[] { bits, 0, 0, 0, 0 };
            var r = new PayloadReader(new MemoryStream(bytes), bytes.Length, "fingerprints", null);
            var e = Assert.Throws<InvalidDataException>(() => FingerprintPacking.ReadPositions(r, new ushort[3], ref values, ref scratch, "d"));
            Assert.Contains($"in {bits} bits", e.Message, StringComparison.Ordinal);
        }
    }

    private static uint[] RoundTrip(uint[] fingerprints)
    {
        var stream = new MemoryStream();
        var w = new PayloadWriter(stream, null);
        uint[] values = [];
        byte[] scratch = [];
        FingerprintPacking.WriteFingerprints(w, fingerprints, ref values, ref scratch);
        w.Flush();
        var r = new PayloadReader(new MemoryStream(stream.ToArray()), stream.Length, "fingerprints", null);
        var read = new uint[fingerprints.Length];
        FingerprintPacking.ReadFingerprints(r, read, ref scratch, "d");
        r.CheckEnd();
        return read;
    }
}
