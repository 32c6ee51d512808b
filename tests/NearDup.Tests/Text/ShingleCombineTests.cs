using System.Runtime.Intrinsics;
using NearDup.Text;

namespace NearDup.Tests.Text;

/// <summary>The vector shingle sums against the scalar reference, in place, at every count around the vector width.</summary>
public sealed class ShingleCombineTests
{
    [Fact]
    public void VectorForms_AgreeWithScalar_OnRandomHashes() =>
        Gen.Select(Gen.ULong.Array[1, 16], Gen.ULong.Array[0, 90], Gen.ULong).Sample((keys, words, seed) =>
        {
            AssertAgree(words, Math.Max(0, words.Length - keys.Length + 1), keys, seed);
        }, iter: 3000);

    [Fact]
    public void VectorForms_AgreeWithScalar_AtEveryCountAndSize()
    {
        ulong[] extremes = [0, 1, ulong.MaxValue, 0x8000_0000_0000_0000, 0x9E3779B97F4A7C15];
        for (int k = 1; k <= 16; k++)
        {
            ulong[] keys = [.. Enumerable.Range(0, k).Select(j => extremes[j % extremes.Length] | 1)];
            for (int count = 0; count <= 40; count++)
            {
                ulong[] words = [.. Enumerable.Range(0, count + k - 1).Select(i => extremes[i % extremes.Length] * (ulong)(i + 3))];
                AssertAgree(words, count, keys, ulong.MaxValue);
            }
        }
    }

    [Fact]
    public void Scalar_SumsThePositionKeyedWords()
    {
        ulong[] words = [3, 5, 7];
        ShingleCombine.Scalar(words, 0, 2, [11, 13], 0);
        Assert.Equal(Shingler.Avalanche(2 + 3 * 11 + 5 * 13), words[0]);
        Assert.Equal(Shingler.Avalanche(2 + 5 * 11 + 7 * 13), words[1]);
        Assert.Equal(7UL, words[2]);
    }

    private static void AssertAgree(ulong[] words, int count, ulong[] keys, ulong seed)
    {
        ulong[] expected = [.. words];
        ShingleCombine.Scalar(expected, 0, count, keys, seed);
        if (Vector256.IsHardwareAccelerated)
        {
            ulong[] actual = [.. words];
            ShingleCombine.CombineVector256(actual, count, keys, seed);
            Assert.Equal(expected, actual);
        }
        if (Vector512.IsHardwareAccelerated)
        {
            ulong[] actual = [.. words];
            ShingleCombine.CombineVector512(actual, count, keys, seed);
            Assert.Equal(expected, actual);
        }
        ulong[] dispatched = [.. words];
        ShingleCombine.Combine(dispatched, count, keys, seed);
        Assert.Equal(expected, dispatched);
    }
}
