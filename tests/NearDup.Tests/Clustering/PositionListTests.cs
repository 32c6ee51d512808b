using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

public sealed class PositionListTests
{
    public static TheoryData<int> Widths => new(Enumerable.Range(1, 16));

    [Theory, MemberData(nameof(Widths))]
    public void Pack_EveryLength_ReadsBackEachPosition(int bits)
    {
        var random = new Random(1234 + bits);
        // Lengths 0 to 70 cross every alignment of a value against the 32-bit words; the largest value of the width is in each.
        for (int length = 0; length <= 70; length++)
        {
            var positions = Enumerable.Range(0, length).Select(_ => (ushort)random.Next(0, 1 << bits)).ToArray();
            if (length > 0)
            {
                positions[random.Next(length)] = (ushort)((1 << bits) - 1);
            }
            var words = new uint[PositionList.PackedWords(length, bits) + 1];
            words[^1] = 0xDEAD_BEEF;
            PositionList.Pack(positions, bits, words);
            Assert.Equal(0xDEAD_BEEF, words[^1]); // nothing written past the packed words
            var packed = new PositionList(words.AsSpan(0, words.Length - 1), bits, length);
            Assert.Equal(length, packed.Length);
            for (int k = 0; k < length; k++)
            {
                Assert.Equal(positions[k], packed[k]);
            }
            Assert.Equal(positions, packed.ToArray());
        }
    }

    [Fact]
    public void Pack_DirtyDestination_IsCleared()
    {
        ushort[] positions = [1, 0, 3, 2, 0];
        var words = Enumerable.Repeat(uint.MaxValue, PositionList.PackedWords(positions.Length, 2)).ToArray();
        PositionList.Pack(positions, 2, words);
        Assert.Equal(positions, new PositionList(words, 2, positions.Length).ToArray());
        Assert.Equal(0u, words[^1]); // the zero word after the values
    }

    /// <summary>The packed words against a bit-by-bit reference of the layout (LSB first, then a zero word), on a dirty destination.</summary>
    [Fact]
    public void Pack_EqualsBitByBitLayout()
    {
        CsCheck.Gen.Select(CsCheck.Gen.Int[1, 16], CsCheck.Gen.UShort.Array[0, 100]).Sample((bits, drawn) =>
        {
            var positions = drawn.Select(p => (ushort)(p & ((1 << bits) - 1))).ToArray();
            var expected = new uint[PositionList.PackedWords(positions.Length, bits)];
            for (int k = 0; k < positions.Length; k++)
            {
                for (int b = 0; b < bits; b++)
                {
                    long bit = (long)k * bits + b;
                    expected[bit >> 5] |= (uint)(positions[k] >> b & 1) << (int)(bit & 31);
                }
            }
            var words = Enumerable.Repeat(0x5555_5555u, expected.Length).ToArray();
            PositionList.Pack(positions, bits, words);
            Assert.Equal(expected, words);
        }, iter: 2000);
    }

    /// <summary>The vector or of positions against its scalar twin, at lengths 0 to over three Vector512 widths, with the top bit in any one lane.</summary>
    [Fact]
    public void OrOf_EqualsScalarTwin()
    {
        var low = CsCheck.Gen.Int[0, 110].SelectMany(n => CsCheck.Gen.UShort[0, 3].Array[n]);
        CsCheck.Gen.Select(low, CsCheck.Gen.Int[0, 110], CsCheck.Gen.UShort).Sample((positions, lane, high) =>
        {
            if (lane < positions.Length)
            {
                positions[lane] = high;
            }
            Assert.Equal(PositionList.OrOfScalar(positions), PositionList.OrOf(positions));
            Assert.Equal(32 - System.Numerics.BitOperations.LeadingZeroCount(1u | PositionList.OrOfScalar(positions)), PositionList.BitsOf(positions));
        }, iter: 3000);
    }

    [Theory]
    [InlineData(new ushort[0], 1)]
    [InlineData(new ushort[] { 0, 0 }, 1)]
    [InlineData(new ushort[] { 1 }, 1)]
    [InlineData(new ushort[] { 2, 1 }, 2)]
    [InlineData(new ushort[] { 5, 1199, 3 }, 11)]
    [InlineData(new ushort[] { 1024 }, 11)]
    [InlineData(new ushort[] { 0, 65535 }, 16)]
    public void BitsOf_TheLargestPositionsBits(ushort[] positions, int expected) => Assert.Equal(expected, PositionList.BitsOf(positions));

    [Fact]
    public void Plain_ReadsTheSpan()
    {
        ushort[] positions = [7, 65535, 0];
        PositionList plain = positions;
        Assert.Equal(3, plain.Length);
        Assert.Equal(65535, plain[1]);
        var copy = new ushort[4];
        plain.CopyTo(copy);
        Assert.Equal(new ushort[] { 7, 65535, 0, 0 }, copy);
        Assert.True(default(PositionList).IsEmpty);
    }
}
