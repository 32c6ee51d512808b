using System.IO.Hashing;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using NearDup.Text;

namespace NearDup.Tests.Text;

/// <summary>
/// The many-word hash (<see cref="ShortXxHash3.HashAsciiWords"/>): its scalar form against System.IO.Hashing's XXH3 of
/// each lowered word, and the AVX2 and AVX-512 forms against the scalar one, on word counts that end inside and after whole
/// vector steps, with bytes around each word that must not change its hash.
/// </summary>
public sealed class ShortXxHash3BatchTests
{
    private static readonly Gen<byte[]> s_word = Gen.Frequency(
        (6, Gen.Byte[(byte)'a', (byte)'z']),
        (3, Gen.Byte[(byte)'A', (byte)'Z']),
        (2, Gen.Byte[(byte)'0', (byte)'9'])).Array[1, ShortXxHash3.MaxLength];

    /// <summary>A word with 8 bytes of anything either side, as it lies in a text.</summary>
    private static readonly Gen<(byte[] Word, byte[] Around)> s_placed = Gen.Select(s_word, Gen.Byte.Array[16]);

    private static readonly Gen<((byte[] Word, byte[] Around)[] Words, ulong Seed)> s_batch = Gen.Select(
        s_placed.Array[0, 3 * Vector512<ulong>.Count + 1],
        Gen.OneOf(Gen.ULong, Gen.Const(0UL), Gen.Const(ulong.MaxValue)));

    [Fact]
    public void HashAsciiWordsScalar_EqualsXxHash3OfTheLoweredWords() =>
        s_batch.Sample(batch =>
        {
            var (first8, last8, lengths) = Loads(batch.Words);
            var hashes = new ulong[batch.Words.Length];
            ShortXxHash3.HashAsciiWordsScalar(first8, last8, lengths, batch.Seed, hashes);
            for (int i = 0; i < hashes.Length; i++)
            {
                byte[] lowered = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(batch.Words[i].Word).ToLowerInvariant());
                Assert.Equal(XxHash3.HashToUInt64(lowered, (long)batch.Seed), hashes[i]);
            }
        }, iter: 2_000);

    [Fact]
    public void HashAsciiWordsVector512_EqualsScalarTwin()
    {
        Assert.SkipUnless(Vector512.IsHardwareAccelerated, "no AVX-512 here");
        AssertEqualsScalarTwin(ShortXxHash3.HashAsciiWordsVector512);
    }

    [Fact]
    public void HashAsciiWordsVector256_EqualsScalarTwin()
    {
        Assert.SkipUnless(Avx2.IsSupported, "no AVX2 here");
        AssertEqualsScalarTwin(ShortXxHash3.HashAsciiWordsVector256);
    }

    private delegate void WordHashKernel(ReadOnlySpan<ulong> first8, ReadOnlySpan<ulong> last8, ReadOnlySpan<int> lengths, ulong seed, Span<ulong> hashes);

    private static void AssertEqualsScalarTwin(WordHashKernel kernel) =>
        s_batch.Sample(batch =>
        {
            var (first8, last8, lengths) = Loads(batch.Words);
            var expected = new ulong[batch.Words.Length];
            var actual = new ulong[batch.Words.Length];
            ShortXxHash3.HashAsciiWordsScalar(first8, last8, lengths, batch.Seed, expected);
            kernel(first8, last8, lengths, batch.Seed, actual);
            Assert.Equal(expected, actual);
        }, iter: 5_000);

    [Fact]
    public void Vector256Multiply_EqualsScalarProducts()
    {
        Assert.SkipUnless(Avx2.IsSupported, "no AVX2 here");
        var edges = Gen.OneOf(Gen.ULong, Gen.Const(0UL), Gen.Const(ulong.MaxValue), Gen.Const(0xFFFF_FFFFUL), Gen.Const(0x1_0000_0000UL));
        Gen.Select(edges.Array[4], edges.Array[4]).Sample((left, right) =>
        {
            var high = NearDup.Internal.Vector256Multiply.Full(Vector256.Create(left), Vector256.Create(right), out var low);
            var byConstant = NearDup.Internal.Vector256Multiply.Low(Vector256.Create(left), right[0]);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(Math.BigMul(left[i], right[i], out ulong expectedLow), high[i]);
                Assert.Equal(expectedLow, low[i]);
                Assert.Equal(left[i] * right[0], byConstant[i]);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void MultiplyHigh_EqualsBigMul()
    {
        Assert.SkipUnless(Vector512.IsHardwareAccelerated, "no AVX-512 here");
        var edges = Gen.OneOf(Gen.ULong, Gen.Const(0UL), Gen.Const(ulong.MaxValue), Gen.Const(0xFFFF_FFFFUL), Gen.Const(0x1_0000_0000UL));
        Gen.Select(edges.Array[8], edges.Array[8]).Sample((left, right) =>
        {
            var high = ShortXxHash3.MultiplyHigh(Vector512.Create(left), Vector512.Create(right));
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(Math.BigMul(left[i], right[i], out _), high[i]);
            }
        }, iter: 5_000);
    }

    /// <summary>Each word's two little-endian loads, at its start and 8 bytes before its end, from its bytes in place.</summary>
    private static (ulong[] First8, ulong[] Last8, int[] Lengths) Loads((byte[] Word, byte[] Around)[] words)
    {
        var first8 = new ulong[words.Length];
        var last8 = new ulong[words.Length];
        var lengths = new int[words.Length];
        for (int i = 0; i < words.Length; i++)
        {
            var (word, around) = words[i];
            byte[] placed = [.. around[..8], .. word, .. around[8..]];
            first8[i] = BitConverter.ToUInt64(placed, 8);
            last8[i] = BitConverter.ToUInt64(placed, word.Length);
            lengths[i] = word.Length;
        }
        return (first8, last8, lengths);
    }
}
