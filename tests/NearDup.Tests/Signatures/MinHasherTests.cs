using NearDup.Signatures;

namespace NearDup.Tests.Signatures;

public sealed class MinHasherTests
{
    public static TheoryData<string> Kernels => SignatureTestData.KernelNames();

    public static TheoryData<MinHashScheme> Schemes => new(Enum.GetValues<MinHashScheme>());

    [Theory, MemberData(nameof(Kernels))]
    public void Compute_KPermutationKernel_MatchesScalar(string kernel)
    {
        var random = new Random(1234);
        foreach (int k in SignatureTestData.PermutationCounts)
        {
            var options = new MinHashOptions { Permutations = k, Scheme = MinHashScheme.KPermutation, Seed = (ulong)k };
            var scalar = new MinHasher(options, SignatureKernel.Scalar);
            var vector = new MinHasher(options, SignatureKernels.Parse(kernel));
            for (int length = 0; length <= SignatureTestData.MaxTailLength; length++)
            {
                ulong[] hashes = SignatureTestData.RandomHashes(random, length);
                Assert.Equal(scalar.Compute(hashes), vector.Compute(hashes));
            }
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Accumulate_NonEmptyStartingMinima_MatchesScalar(string kernel)
    {
        // Starts from arbitrary minima (not all EmptySlot), so lanes the overlapping tail vector revisits
        // must come out unchanged.
        var random = new Random(99);
        foreach (int k in SignatureTestData.PermutationCounts)
        {
            ulong[] seeds = SignatureTestData.RandomHashes(random, k);
            for (int length = 0; length <= SignatureTestData.MaxTailLength; length++)
            {
                ulong[] hashes = SignatureTestData.RandomHashes(random, length);
                ulong[] start = SignatureTestData.RandomHashes(random, k);
                ulong[] expected = [.. start], actual = [.. start];
                MinHasher.AccumulateScalar(hashes, seeds, expected);
                Accumulate(SignatureKernels.Parse(kernel), hashes, seeds, actual);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void CountMatches_Kernel_MatchesScalar(string kernel)
    {
        var random = new Random(7);
        var tier = SignatureKernels.Parse(kernel);
        for (int length = 0; length <= 4 * SignatureTestData.MaxTailLength + 5; length++)
        {
            ulong[] a = SignatureTestData.RandomHashes(random, length);
            ulong[] b = SignatureTestData.RandomHashes(random, length);
            for (int i = 0; i < length; i++)
            {
                switch (random.Next(4))
                {
                    case 0: b[i] = a[i]; break;
                    case 1: a[i] = b[i] = MinHasher.EmptySlot; break;
                    case 2: a[i] = MinHasher.EmptySlot; break;
                    default: break;
                }
            }
            uint[] ca = new uint[length], cb = new uint[length];
            MinHasher.ToCompact(a, ca);
            MinHasher.ToCompact(b, cb);
            Assert.Equal(MinHasher.CountMatchesScalar(a, b), MinHasher.CountMatches(tier, a, b));
            Assert.Equal(MinHasher.CountMatchesScalar(ca, cb), MinHasher.CountMatches(tier, ca, cb));
        }
    }

    [Theory, MemberData(nameof(Kernels))]
    public void Compute_OnePermutationAnyKernel_MatchesScalar(string kernel)
    {
        var random = new Random(4321);
        foreach (int k in SignatureTestData.PermutationCounts)
        {
            var options = new MinHashOptions { Permutations = k, Scheme = MinHashScheme.OnePermutation };
            var scalar = new MinHasher(options, SignatureKernel.Scalar);
            var other = new MinHasher(options, SignatureKernels.Parse(kernel));
            // Past the tails, lengths around the Vector512 kernel's mix chunk of 64 hashes.
            int[] longer = [63, 64, 65, 127, 128, 129, 191, 200, 1000];
            foreach (int length in Enumerable.Range(0, SignatureTestData.MaxTailLength + 1).Concat(longer))
            {
                ulong[] hashes = SignatureTestData.RandomHashes(random, length);
                Assert.Equal(scalar.Compute(hashes), other.Compute(hashes));
            }
        }
    }

    [Theory, MemberData(nameof(Schemes))]
    public void EstimateJaccard_RandomPairs_WithinFourStandardErrors(MinHashScheme scheme)
    {
        // 120 pairs with J from 0.02 to 0.95 and unions of 50..3000 hashes. Each estimate must lie within
        // 4·SE = 4·√(J(1−J)/k) of the exact Jaccard, and the mean squared z-score must be near 1 (it would
        // grow if the k slots were correlated, which a mean-only check cannot see).
        const int Pairs = 120, K = 128;
        var hasher = new MinHasher(new MinHashOptions { Scheme = scheme, Permutations = K });
        var random = new Random(2024);
        double sumZ2 = 0;
        for (int p = 0; p < Pairs; p++)
        {
            double target = 0.02 + (0.95 - 0.02) * p / (Pairs - 1);
            int union = random.Next(50, 3001);
            int common = Math.Max(1, (int)Math.Round(target * union));
            double exact = SignatureTestData.OverlappingSets(random, union, common, out ulong[] a, out ulong[] b);
            double estimate = MinHasher.EstimateJaccard(hasher.Compute(a), hasher.Compute(b));
            double se = Math.Sqrt(exact * (1 - exact) / K);
            Assert.True(Math.Abs(estimate - exact) <= 4 * se,
                $"pair {p}: |U| = {union}, J = {exact:F4}, estimate = {estimate:F4}, 4·SE = {4 * se:F4}");
            sumZ2 += (estimate - exact) * (estimate - exact) / (se * se);
        }
        double meanZ2 = sumZ2 / Pairs;
        Assert.True(meanZ2 < 1.5, $"mean squared z-score {meanZ2:F3} ≥ 1.5: slots look correlated");
    }

    [Theory, MemberData(nameof(Schemes))]
    public void Compute_SameInput_SameSignature(MinHashScheme scheme)
    {
        ulong[] hashes = SignatureTestData.RandomHashes(new Random(1), 1000);
        var options = new MinHashOptions { Scheme = scheme };
        ulong[] first = new MinHasher(options).Compute(hashes);
        Assert.Equal(first, new MinHasher(options).Compute(hashes));
        Assert.Equal(1.0, MinHasher.EstimateJaccard(first, first));
        Assert.DoesNotContain(MinHasher.EmptySlot, first);
    }

    [Theory, MemberData(nameof(Schemes))]
    public void Compute_DuplicatesAndOrder_DoNotChangeSignature(MinHashScheme scheme)
    {
        var random = new Random(5);
        var hasher = new MinHasher(new MinHashOptions { Scheme = scheme });
        foreach (int length in (int[])[1, 2, 10, 100, 1000])
        {
            ulong[] hashes = SignatureTestData.RandomHashes(random, length);
            ulong[] shuffled = [.. hashes, .. hashes.Take(length / 2 + 1)];
            random.Shuffle(shuffled);
            Assert.Equal(hasher.Compute(hashes), hasher.Compute(shuffled));
        }
    }

    [Theory, MemberData(nameof(Schemes))]
    public void Compute_DifferentSeed_DifferentSignature(MinHashScheme scheme)
    {
        ulong[] hashes = SignatureTestData.RandomHashes(new Random(8), 200);
        ulong[] a = new MinHasher(new MinHashOptions { Scheme = scheme, Seed = 1 }).Compute(hashes);
        ulong[] b = new MinHasher(new MinHashOptions { Scheme = scheme, Seed = 2 }).Compute(hashes);
        Assert.True(MinHasher.EstimateJaccard(a, b) < 0.1);
    }

    [Fact]
    public void SelectMin_EqualsMathMin_AtEdgesAndRandomPairs()
    {
        ulong[] edges = [0, 1, 2, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0x8000_0000_0000_0001, ulong.MaxValue - 1, ulong.MaxValue];
        foreach (ulong a in edges)
        {
            foreach (ulong b in edges)
            {
                Assert.Equal(Math.Min(a, b), MinHasher.SelectMin(a, b));
            }
        }
        var random = new Random(17);
        for (int i = 0; i < 10_000; i++)
        {
            ulong a = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            // Every fourth pair shares the high half, so the borrow comes from the low bits.
            ulong b = i % 4 == 0 ? (a & 0xFFFF_FFFF_0000_0000) | (uint)random.Next() : (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            Assert.Equal(Math.Min(a, b), MinHasher.SelectMin(a, b));
            Assert.Equal(Math.Min(b, a), MinHasher.SelectMin(b, a));
        }
    }

    [Fact]
    public void Compute_OnePermutationSingleHash_DensifiesEverySlot()
    {
        var hasher = new MinHasher(new MinHashOptions { Scheme = MinHashScheme.OnePermutation, Permutations = 200 });
        ulong[] x = hasher.Compute([42UL]);
        ulong[] y = hasher.Compute([43UL]);
        Assert.DoesNotContain(MinHasher.EmptySlot, x);
        Assert.Single(x.Distinct());
        Assert.Equal(1.0, MinHasher.EstimateJaccard(x, hasher.Compute([42UL, 42UL])));
        Assert.Equal(0.0, MinHasher.EstimateJaccard(x, y));
    }

    [Theory, MemberData(nameof(Schemes))]
    public void Compute_EmptyInput_AllEmptySlotsAndZeroSimilarity(MinHashScheme scheme)
    {
        var hasher = new MinHasher(new MinHashOptions { Scheme = scheme });
        ulong[] empty = hasher.Compute([]);
        Assert.All(empty, slot => Assert.Equal(MinHasher.EmptySlot, slot));
        ulong[] other = hasher.Compute(SignatureTestData.RandomHashes(new Random(3), 10));
        Assert.Equal(0.0, MinHasher.EstimateJaccard(empty, other));
        Assert.Equal(0.0, MinHasher.EstimateJaccard(other, empty));
        Assert.Equal(0.0, MinHasher.EstimateJaccard(empty, empty));
        Assert.Equal(0.0, MinHasher.EstimateJaccard(ReadOnlySpan<ulong>.Empty, ReadOnlySpan<ulong>.Empty));

        uint[] compactEmpty = new uint[empty.Length], compactOther = new uint[other.Length];
        MinHasher.ToCompact(empty, compactEmpty);
        MinHasher.ToCompact(other, compactOther);
        Assert.All(compactEmpty, slot => Assert.Equal(MinHasher.EmptyCompactSlot, slot));
        Assert.Equal(0.0, MinHasher.EstimateJaccard(compactEmpty, compactOther));
        Assert.Equal(0.0, MinHasher.EstimateJaccard(compactEmpty, compactEmpty));
    }

    [Fact]
    public void TryCompute_ShortDestination_ReturnsFalseAndWritesNothing()
    {
        var hasher = new MinHasher(new MinHashOptions { Permutations = 13 });
        ulong[] destination = Enumerable.Repeat(0xDEADBEEFUL, 12).ToArray();
        Assert.False(hasher.TryCompute([1, 2, 3], destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, slot => Assert.Equal(0xDEADBEEFUL, slot));
    }

    [Fact]
    public void Compute_ShortDestination_ThrowsArgumentException()
    {
        var hasher = new MinHasher();
        var exception = Assert.Throws<ArgumentException>(() => hasher.Compute([1, 2, 3], new ulong[hasher.SignatureLength - 1]));
        Assert.Equal("destination", exception.ParamName);
    }

    [Theory, MemberData(nameof(Schemes))]
    public void TryCompute_LongDestination_WritesOnlySignatureLength(MinHashScheme scheme)
    {
        var hasher = new MinHasher(new MinHashOptions { Scheme = scheme, Permutations = 13 });
        ulong[] hashes = [1, 2, 3];
        ulong[] destination = Enumerable.Repeat(0xDEADBEEFUL, 20).ToArray();
        Assert.True(hasher.TryCompute(hashes, destination, out int written));
        Assert.Equal(13, written);
        Assert.Equal(hasher.Compute(hashes), destination[..13]);
        Assert.All(destination[13..], slot => Assert.Equal(0xDEADBEEFUL, slot));
        Assert.Equal(13, hasher.Compute(hashes, destination));
    }

    [Theory]
    [InlineData(0, MinHashScheme.OnePermutation, "Permutations")]
    [InlineData(-1, MinHashScheme.KPermutation, "Permutations")]
    [InlineData(MinHashOptions.MaxPermutations + 1, MinHashScheme.OnePermutation, "Permutations")]
    [InlineData(128, (MinHashScheme)99, "Scheme")]
    public void Constructor_InvalidOptions_ThrowsNamingProperty(int permutations, MinHashScheme scheme, string property)
    {
        var options = MinHashOptions.Default with { Permutations = permutations, Scheme = scheme };
        var exception = Assert.Throws<ArgumentException>(() => new MinHasher(options));
        Assert.Equal("options", exception.ParamName);
        Assert.Contains($"MinHashOptions.{property}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Defaults_MatchDocumentedValues()
    {
        var hasher = new MinHasher();
        Assert.Same(MinHashOptions.Default, hasher.Options);
        Assert.Equal(128, hasher.SignatureLength);
        Assert.Equal(MinHashScheme.OnePermutation, hasher.Options.Scheme);
        Assert.Equal(0x5EEDUL, hasher.Options.Seed);
    }

    [Fact]
    public void EstimateJaccard_LengthMismatch_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => MinHasher.EstimateJaccard(new ulong[3], new ulong[4]));
        Assert.Throws<ArgumentException>(() => MinHasher.EstimateJaccard(new uint[3], new uint[4]));
    }

    [Theory, MemberData(nameof(Schemes))]
    public void EstimateJaccard_Compact_MatchesFullWidthEstimate(MinHashScheme scheme)
    {
        // A compact collision between unequal slots has probability 2^-32 per slot, so over these
        // 50 × 128 slots the compact estimate equals the corrected full one up to the 2.3e-10 correction.
        var random = new Random(11);
        var hasher = new MinHasher(new MinHashOptions { Scheme = scheme });
        for (int p = 0; p < 50; p++)
        {
            SignatureTestData.OverlappingSets(random, 500, random.Next(1, 500), out ulong[] a, out ulong[] b);
            ulong[] sa = hasher.Compute(a), sb = hasher.Compute(b);
            uint[] ca = new uint[sa.Length], cb = new uint[sb.Length];
            MinHasher.ToCompact(sa, ca);
            MinHasher.ToCompact(sb, cb);
            Assert.Equal(MinHasher.EstimateJaccard(sa, sb), MinHasher.EstimateJaccard(ca, cb), 1e-9);
        }
    }

    [Fact]
    public void ToCompact_ShortDestination_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => MinHasher.ToCompact(new ulong[4], new uint[3]));

    [Theory, MemberData(nameof(Schemes))]
    public void ComputeBatch_AnyDegreeOfParallelism_MatchesOneByOne(MinHashScheme scheme)
    {
        var random = new Random(77);
        var hasher = new MinHasher(new MinHashOptions { Scheme = scheme, Permutations = 64 });
        int documents = 53;
        var offsets = new int[documents + 1];
        for (int i = 0; i < documents; i++)
        {
            offsets[i + 1] = offsets[i] + (i % 10 == 0 ? 0 : random.Next(1, 300));
        }
        ulong[] all = SignatureTestData.RandomHashes(random, offsets[^1]);
        var expected = new ulong[documents * 64];
        for (int i = 0; i < documents; i++)
        {
            hasher.Compute(all.AsSpan(offsets[i]..offsets[i + 1]), expected.AsSpan(i * 64, 64));
        }
        foreach (int degree in (int[])[1, 2, 7, -1])
        {
            var actual = new ulong[documents * 64 + 1];
            actual[^1] = 0xDEADBEEF;
            hasher.ComputeBatch(all, offsets, actual, degree);
            Assert.Equal(expected, actual[..^1]);
            Assert.Equal(0xDEADBEEFUL, actual[^1]);
        }
    }

    [Fact]
    public void ComputeBatch_InvalidArguments_Throw()
    {
        var hasher = new MinHasher(new MinHashOptions { Permutations = 4 });
        ulong[] all = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => hasher.ComputeBatch(all, [], new ulong[8]));
        Assert.Throws<ArgumentException>(() => hasher.ComputeBatch(all, [0, 2, 1], new ulong[8]));
        Assert.Throws<ArgumentException>(() => hasher.ComputeBatch(all, [-1, 2], new ulong[4]));
        Assert.Throws<ArgumentException>(() => hasher.ComputeBatch(all, [0, 4], new ulong[4]));
        Assert.Throws<ArgumentException>(() => hasher.ComputeBatch(all, [0, 1, 3], new ulong[7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => hasher.ComputeBatch(all, [0, 3], new ulong[4], 0));
        hasher.ComputeBatch(all, [0], []);
    }

    private static void Accumulate(SignatureKernel kernel, ReadOnlySpan<ulong> hashes, ReadOnlySpan<ulong> seeds, Span<ulong> mins)
    {
        switch (kernel)
        {
            case SignatureKernel.Vector512: MinHasher.AccumulateVector512(hashes, seeds, mins); break;
            case SignatureKernel.Vector256: MinHasher.AccumulateVector256(hashes, seeds, mins); break;
            case SignatureKernel.Vector128: MinHasher.AccumulateVector128(hashes, seeds, mins); break;
            default: MinHasher.AccumulateScalar(hashes, seeds, mins); break;
        }
    }
}
