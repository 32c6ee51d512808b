using NearDup.Signatures;

namespace NearDup.Tests.Signatures;

public sealed class SimHasherTests
{
    public static TheoryData<string> Kernels => SignatureTestData.KernelNames();

    // Lengths around the 255-feature byte-counter flush, besides every short tail.
    private static readonly int[] s_longLengths = [254, 255, 256, 510, 511, 1000];

    [Theory, MemberData(nameof(Kernels))]
    public void Compute_Kernel_MatchesScalar(string kernel)
    {
        var random = new Random(1234);
        foreach (ulong seed in (ulong[])[0, 0x5EED])
        {
            var scalar = new SimHasher(new SimHashOptions { Seed = seed }, SignatureKernel.Scalar);
            var vector = new SimHasher(new SimHashOptions { Seed = seed }, SignatureKernels.Parse(kernel));
            foreach (int length in Enumerable.Range(0, SignatureTestData.MaxTailLength + 1).Concat(s_longLengths))
            {
                ulong[] hashes = SignatureTestData.RandomHashes(random, length);
                // A few heavy repeats make some counters exceed the others by a lot.
                for (int i = 0; i < length / 3; i++)
                {
                    hashes[i] = hashes[0];
                }
                Assert.Equal(SimHasher.CountScalar(hashes, seed), scalar.Compute(hashes));
                Assert.Equal(scalar.Compute(hashes), vector.Compute(hashes));
            }
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void ComputeWeighted_Kernel_MatchesScalar(string kernel)
    {
        var random = new Random(4321);
        foreach (ulong seed in (ulong[])[0, 0x5EED])
        {
            var scalar = new SimHasher(new SimHashOptions { Seed = seed }, SignatureKernel.Scalar);
            var vector = new SimHasher(new SimHashOptions { Seed = seed }, SignatureKernels.Parse(kernel));
            foreach (int length in Enumerable.Range(0, SignatureTestData.MaxTailLength + 1).Concat(s_longLengths))
            {
                ulong[] hashes = SignatureTestData.RandomHashes(random, length);
                float[] weights = [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 1))];
                Assert.Equal(scalar.Compute(hashes, weights), vector.Compute(hashes, weights));
            }
        }
    }

    [Fact]
    public void Compute_IdenticalInput_DistanceZero()
    {
        ulong[] hashes = SignatureTestData.RandomHashes(new Random(1), 1000);
        var hasher = new SimHasher();
        ulong shuffled = hasher.Compute([.. hashes.Reverse()]);
        Assert.Equal(0, SimHasher.HammingDistance(hasher.Compute(hashes), shuffled));
        Assert.Equal(0, SimHasher.HammingDistance(hasher.Compute(hashes), new SimHasher().Compute(hashes)));
    }

    [Fact]
    public void Compute_FivePercentReplaced_WithinDerivedBound()
    {
        // 1000 features, 50 replaced. Per bit, the vote sums S = A + R and S' = A + N (A: 950 kept ±1 votes,
        // R, N: 50 each) have correlation ρ = 950/1000, so a bit flips with p = arccos(0.95)/π ≈ 0.101
        // (Charikar 2002) and the distance is Binomial(64, 0.101): mean 6.47, SD 2.41. Over 100 pairs the
        // mean distance must be within 6.47 ± 1.0 (≈ 4 SE of the mean), and no pair may exceed 18
        // (P[X > 18] ≈ 1.2e-5 per pair). A flat "≤ 10" would fail about one pair in 18.
        const int Pairs = 100, Features = 1000, Replaced = 50;
        var random = new Random(2024);
        var hasher = new SimHasher();
        double total = 0;
        for (int p = 0; p < Pairs; p++)
        {
            ulong[] original = SignatureTestData.RandomHashes(random, Features);
            ulong[] copy = [.. original];
            foreach (int i in Enumerable.Range(0, Features).OrderBy(_ => random.Next()).Take(Replaced))
            {
                copy[i] = (ulong)random.NextInt64();
            }
            int distance = SimHasher.HammingDistance(hasher.Compute(original), hasher.Compute(copy));
            Assert.InRange(distance, 0, 18);
            total += distance;
        }
        Assert.InRange(total / Pairs, 6.47 - 1.0, 6.47 + 1.0);
    }

    [Fact]
    public void Compute_UnrelatedInputs_MeanDistanceNear32()
    {
        // Unrelated fingerprints differ in Binomial(64, 1/2) bits: SD 4, so the mean of 200 has SD 0.28;
        // 32 ± 1.2 is about 4 SE.
        var random = new Random(99);
        var hasher = new SimHasher();
        double total = 0;
        for (int p = 0; p < 200; p++)
        {
            total += SimHasher.HammingDistance(
                hasher.Compute(SignatureTestData.RandomHashes(random, random.Next(10, 2000))),
                hasher.Compute(SignatureTestData.RandomHashes(random, random.Next(10, 2000))));
        }
        Assert.InRange(total / 200, 32 - 1.2, 32 + 1.2);
    }

    [Theory, MemberData(nameof(Kernels))]
    public void ComputeWeighted_ZeroWeight_IgnoresFeature(string kernel)
    {
        var random = new Random(5);
        var hasher = new SimHasher(null, SignatureKernels.Parse(kernel));
        ulong[] hashes = SignatureTestData.RandomHashes(random, 301);
        ulong[] noisy = [.. hashes, .. SignatureTestData.RandomHashes(random, 500)];
        float[] ones = [.. Enumerable.Repeat(1f, hashes.Length)];
        float[] masked = [.. ones, .. Enumerable.Repeat(0f, 500)];
        ulong expected = hasher.Compute(hashes);
        Assert.Equal(expected, hasher.Compute(hashes, ones));
        Assert.Equal(expected, hasher.Compute(noisy, masked));
        Assert.NotEqual(expected, hasher.Compute(noisy));
    }

    [Fact]
    public void Compute_Repeats_CountAsTermFrequency()
    {
        var random = new Random(6);
        var hasher = new SimHasher();
        ulong[] distinct = SignatureTestData.RandomHashes(random, 40);
        ulong[] repeated = [.. distinct, .. Enumerable.Repeat(distinct[0], 30)];
        float[] weights = [31f, .. Enumerable.Repeat(1f, 39)];
        Assert.Equal(hasher.Compute(repeated), hasher.Compute(distinct, weights));
        Assert.NotEqual(hasher.Compute(distinct), hasher.Compute(repeated));
    }

    [Fact]
    public void Compute_SingleFeature_IsTheFeature()
    {
        var hasher = new SimHasher();
        Assert.Equal(0x0123456789ABCDEFUL, hasher.Compute([0x0123456789ABCDEFUL]));
        Assert.Equal(0x0123456789ABCDEFUL, hasher.Compute([0x0123456789ABCDEFUL], [0.5f]));
        Assert.Equal(~0x0123456789ABCDEFUL, hasher.Compute([0x0123456789ABCDEFUL], [-2f]));
        Assert.NotEqual(0x0123456789ABCDEFUL, new SimHasher(new SimHashOptions { Seed = 1 }).Compute([0x0123456789ABCDEFUL]));
    }

    [Fact]
    public void Compute_EmptyInput_Zero()
    {
        var hasher = new SimHasher();
        Assert.Equal(0UL, hasher.Compute([]));
        Assert.Equal(0UL, hasher.Compute([], []));
    }

    [Fact]
    public void ComputeWeighted_LengthMismatch_ThrowsArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => new SimHasher().Compute([1, 2], [1f]));
        Assert.Equal("weights", exception.ParamName);
    }

    [Theory]
    [InlineData(0UL, 0UL, 0)]
    [InlineData(0UL, ulong.MaxValue, 64)]
    [InlineData(0b1011UL, 0b0110UL, 3)]
    [InlineData(0x8000000000000000UL, 1UL, 2)]
    public void HammingDistance_KnownPairs_CountsDifferingBits(ulong a, ulong b, int expected) =>
        Assert.Equal(expected, SimHasher.HammingDistance(a, b));

    [Fact]
    public void ComputeBatch_AnyDegreeOfParallelism_MatchesOneByOne()
    {
        var random = new Random(77);
        var hasher = new SimHasher();
        int documents = 61;
        var offsets = new int[documents + 1];
        for (int i = 0; i < documents; i++)
        {
            offsets[i + 1] = offsets[i] + (i % 10 == 0 ? 0 : random.Next(1, 600));
        }
        ulong[] all = SignatureTestData.RandomHashes(random, offsets[^1]);
        float[] weights = [.. Enumerable.Range(0, all.Length).Select(_ => (float)random.NextDouble())];
        var expected = new ulong[documents];
        var expectedWeighted = new ulong[documents];
        for (int i = 0; i < documents; i++)
        {
            expected[i] = hasher.Compute(all.AsSpan(offsets[i]..offsets[i + 1]));
            expectedWeighted[i] = hasher.Compute(all.AsSpan(offsets[i]..offsets[i + 1]), weights.AsSpan(offsets[i]..offsets[i + 1]));
        }
        foreach (int degree in (int[])[1, 2, 7, -1])
        {
            var actual = new ulong[documents];
            hasher.ComputeBatch(all, offsets, actual, degree);
            Assert.Equal(expected, actual);
            hasher.ComputeBatch(all, weights, offsets, actual, degree);
            Assert.Equal(expectedWeighted, actual);
        }
    }

    [Fact]
    public void ComputeBatch_InvalidArguments_Throw()
    {
        var hasher = new SimHasher();
        ulong[] all = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => hasher.ComputeBatch(all, [0, 3], new ulong[0]));
        Assert.Throws<ArgumentException>(() => hasher.ComputeBatch(all, [0, 4], new ulong[1]));
        Assert.Throws<ArgumentException>(() => hasher.ComputeBatch(all, new float[2], [0, 3], new ulong[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => hasher.ComputeBatch(all, [0, 3], new ulong[1], -2));
    }
}
