using System.Runtime.Intrinsics;
using NearDup.Signatures;

namespace NearDup.Tests.Signatures;

public sealed class SignatureMixTests
{
    [Fact]
    public void Next_SeedZero_MatchesSplitMix64Reference()
    {
        // First outputs of Vigna's splitmix64.c seeded with 0 (prng.di.unimi.it).
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SignatureMix.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SignatureMix.Next(ref state));
        Assert.Equal(0x06C45D188009454FUL, SignatureMix.Next(ref state));
    }

    [Fact]
    public void Permute_VectorOverloads_MatchScalar()
    {
        var random = new Random(3);
        for (int i = 0; i < 100; i++)
        {
            ulong x = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            Assert.Equal(SignatureMix.Permute(x), SignatureMix.Permute(Vector128.Create(x)).GetElement(1));
            Assert.Equal(SignatureMix.Permute(x), SignatureMix.Permute(Vector256.Create(x)).GetElement(3));
            Assert.Equal(SignatureMix.Permute(x), SignatureMix.Permute(Vector512.Create(x)).GetElement(7));
        }
    }

    [Fact]
    public void Strong_Vector512_MatchesScalar()
    {
        var random = new Random(5);
        for (int i = 0; i < 100; i++)
        {
            ulong x = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            Assert.Equal(SignatureMix.Strong(x), SignatureMix.Strong(Vector512.Create(x)).GetElement(5));
        }
    }
}
