using System.IO.Hashing;

namespace NearDup.Tests.Hashing;

/// <summary>
/// Pins the XXH3-64 values NearDup stores: word and shingle hashes, LSH band keys, content hashes and index checksums
/// are all <see cref="XxHash3"/> from System.IO.Hashing, and a saved index is only readable while they stay the same.
/// </summary>
public sealed class XxHash3VectorTests
{
    private const long Prime64 = unchecked((long)SanityBuffer.Prime64);

    /// <summary>
    /// (length, seed, expected) over <see cref="SanityBuffer"/>, verbatim from the XSUM_XXH3_testdata table
    /// (XXH3_64bits_withSeed) in cli/xsum_sanity_check.c, github.com/Cyan4973/xxHash @
    /// b2e9dbb05fb7f45ad662e67969e92c48b9b32247. Its comments name the path each length exercises.
    /// </summary>
    public static TheoryData<int, long, ulong> PublishedVectors => new()
    {
        { 0, 0, 0x2D06800538D394C2UL },      // empty
        { 0, Prime64, 0xA8A6B918B2F0364AUL },
        { 1, 0, 0xC44BDFF4074EECDBUL },      // 1-3
        { 1, Prime64, 0x032BE332DD766EF8UL },
        { 6, 0, 0x27B56A84CD2D7325UL },      // 4-8
        { 6, Prime64, 0x84589C116AB59AB9UL },
        { 12, 0, 0xA713DAF0DFBB77E7UL },     // 9-16
        { 12, Prime64, 0xE7303E1B2336DE0EUL },
        { 24, 0, 0xA3FE70BF9D3510EBUL },     // 17-32
        { 24, Prime64, 0x850E80FC35BDD690UL },
        { 48, 0, 0x397DA259ECBA1F11UL },     // 33-64
        { 48, Prime64, 0xADC2CBAA44ACC616UL },
        { 80, 0, 0xBCDEFBBB2C47C90AUL },     // 65-96
        { 80, Prime64, 0xC6DD0CB699532E73UL },
        { 195, 0, 0xCD94217EE362EC3AUL },    // 129-240
        { 195, Prime64, 0xBA68003D370CB3D9UL },
        { 403, 0, 0xCDEB804D65C6DEA4UL },    // one block, last stripe overlapping
        { 403, Prime64, 0x6259F6ECFD6443FDUL },
        { 512, 0, 0x617E49599013CB6BUL },    // one block, ends at a stripe boundary
        { 512, Prime64, 0x3CE457DE14C27708UL },
        { 2048, 0, 0xDD59E2C3A5F038E0UL },   // 2 blocks, ends at a block boundary
        { 2048, Prime64, 0x66F81670669ABABCUL },
        { 2099, 0, 0xC6B9D9B3FC9AC765UL },   // 2 blocks + partial (scramble off-by-one, xxHash #816)
        { 2099, Prime64, 0x184F316843663974UL },
        { 2240, 0, 0x6E73A90539CF2948UL },   // 3 blocks, ends at a stripe boundary
        { 2240, Prime64, 0x757BA8487D1B5247UL },
        { 2367, 0, 0xCB37AEB9E5D361EDUL },   // 3 blocks, last stripe overlapping
        { 2367, Prime64, 0xD2DB3415B942B42AUL },
    };

    /// <summary>
    /// The seeds and lengths NearDup's stored values use, printed by the reference C library (libxxhash 0.8.1 through
    /// Debian's python3-xxhash 3.0.0, <c>xxh3_64_intdigest(buffer[:length], seed)</c>), which reproduces every row of
    /// <see cref="PublishedVectors"/>: 0x5A5A5A5A5A5A5A5A seeds the first 128-byte chunk of a long word and each
    /// chunk's hash seeds the next (top bit set included); LSH band keys hash a band's r slots (40 bytes at r = 5)
    /// seeded with the band number.
    /// </summary>
    public static TheoryData<int, long, ulong> NearDupSeedVectors => new()
    {
        { 8, 0x5A5A5A5A5A5A5A5A, 0x9A24647D2B44736CUL },
        { 128, 0x5A5A5A5A5A5A5A5A, 0x2638F9EB4EF2B49DUL },
        { 200, 0x5A5A5A5A5A5A5A5A, 0xF5F0A988CF6E6D56UL },
        { 128, 0x2638F9EB4EF2B49D, 0xB3BAA83A423F8D4BUL },
        { 20, unchecked((long)0x9A24647D2B44736CUL), 0xBE6C0A59DA0668A0UL },
        { 20, 0, 0x4BC18275FB46F223UL },
        { 40, 0, 0x70FB5C84CB108B82UL },
        { 40, 1, 0x7F2E1C194449FA4FUL },
        { 40, 24, 0xC54E8511DC4F8539UL },
        { 40, 124, 0xC59370D80DA6C015UL },
        { 128, 0, 0xFCFF24126754D861UL },
        { 6000, 0, 0x309D9E81C72CB055UL },
    };

    /// <summary>One-shot and incremental (index checksums are appended section by section) give the reference value.</summary>
    [Theory]
    [MemberData(nameof(PublishedVectors))]
    [MemberData(nameof(NearDupSeedVectors))]
    public void XxHash3_SanityBuffer_MatchesReference(int length, long seed, ulong expected)
    {
        var input = SanityBuffer.Bytes[..length];
        Assert.Equal(expected, XxHash3.HashToUInt64(input, seed));

        var hasher = new XxHash3(seed);
        int cut = length / 3;
        hasher.Append(input[..cut]);
        hasher.Append(input[cut..]);
        Assert.Equal(expected, hasher.GetCurrentHashAsUInt64());
    }
}
