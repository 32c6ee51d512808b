using NearDup.Indexing;
using NearDup.Signatures;

namespace NearDup.Tests.Indexing;

public sealed class LshIndexTests
{
    [Theory]
    [InlineData(0.5, 128)]
    [InlineData(0.8, 128)]
    [InlineData(0.3, 256)]
    [InlineData(0.9, 64)]
    public void Optimal_Threshold_LandsNearTarget(double threshold, int k)
    {
        var p = LshParameters.Optimal(threshold, k);
        Assert.True(p.Bands * p.Rows <= k);
        Assert.InRange(p.Threshold, threshold - 0.15, threshold + 0.15);
        Assert.True(p.CandidateProbability(Math.Min(0.99, threshold + 0.2)) > 0.9);
        Assert.True(p.CandidateProbability(Math.Max(0.01, threshold - 0.25)) < 0.2);
        Assert.Equal(k - p.Bands * p.Rows, p.UnusedHashFunctions);
    }

    [Fact]
    public void Optimal_BadThreshold_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LshParameters.Optimal(0, 128));
        Assert.Throws<ArgumentOutOfRangeException>(() => LshParameters.Optimal(1, 128));
        Assert.Throws<ArgumentOutOfRangeException>(() => LshParameters.Optimal(0.5, 0));
    }

    /// <summary>Differential test: the index returns exactly the documents that share a band key, found by brute force.</summary>
    [Fact]
    public void Query_MatchesBruteForceBandComparison()
    {
        var random = new Random(42);
        var hasher = new MinHasher();
        var parameters = LshParameters.Optimal(0.5, hasher.SignatureLength);
        var builder = new LshIndexBuilder(parameters);
        var universe = Enumerable.Range(0, 400).Select(_ => (ulong)random.NextInt64()).ToArray();
        var signatures = new List<ulong[]>();
        for (int d = 0; d < 120; d++)
        {
            // Sets drawn from a small universe, so that similarities spread over 0..1.
            int size = random.Next(20, 120);
            var set = Enumerable.Range(0, size).Select(_ => universe[random.Next(d % 3 == 0 ? 150 : universe.Length)]).ToArray();
            var signature = hasher.Compute(set);
            signatures.Add(signature);
            builder.Add(d, signature);
        }
        var index = builder.Build();
        Assert.Equal(120, index.Count);
        Assert.True(index.BytesPerDocument > 0);
        var keys = signatures.Select(s =>
        {
            var k = new ulong[parameters.Bands];
            LshIndex.ComputeBandKeys(s, parameters, k);
            return k;
        }).ToArray();
        for (int q = 0; q < signatures.Count; q++)
        {
            var expected = Enumerable.Range(0, signatures.Count).Where(d => Enumerable.Range(0, parameters.Bands).Any(b => keys[d][b] == keys[q][b])).ToArray();
            Assert.Equal(expected, index.Query(signatures[q]));
        }
    }

    /// <summary>The candidate rate of pairs at Jaccard s tracks 1 − (1 − s^r)^b.</summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.7)]
    public void Query_CandidateRate_TracksTheSCurve(double similarity)
    {
        var random = new Random(7);
        var hasher = new MinHasher();
        var parameters = LshParameters.Optimal(0.5, hasher.SignatureLength);
        const int Pairs = 300, SetSize = 200;
        int hits = 0;
        for (int p = 0; p < Pairs; p++)
        {
            // |A∩B| / |A∪B| = s with |A| = |B| = SetSize: shared = 2·s·n / (1 + s).
            int shared = (int)Math.Round(2 * similarity * SetSize / (1 + similarity));
            var common = Enumerable.Range(0, shared).Select(_ => (ulong)random.NextInt64()).ToArray();
            var a = common.Concat(Enumerable.Range(0, SetSize - shared).Select(_ => (ulong)random.NextInt64())).ToArray();
            var b = common.Concat(Enumerable.Range(0, SetSize - shared).Select(_ => (ulong)random.NextInt64())).ToArray();
            var builder = new LshIndexBuilder(parameters);
            builder.Add(0, hasher.Compute(a));
            if (builder.Build().Query(hasher.Compute(b)).Length == 1)
            {
                hits++;
            }
        }
        double exactS = (double)(int)Math.Round(2 * similarity * SetSize / (1 + similarity)) / (2 * SetSize - (int)Math.Round(2 * similarity * SetSize / (1 + similarity)));
        double expected = parameters.CandidateProbability(exactS);
        double rate = (double)hits / Pairs;
        // Binomial standard error over 300 pairs is at most 0.029; allow 4 of them plus MinHash's own spread.
        Assert.InRange(rate, expected - 0.15, expected + 0.15);
    }

    [Fact]
    public void Remove_DocumentNoLongerReturned()
    {
        var hasher = new MinHasher();
        var parameters = LshParameters.Optimal(0.5, hasher.SignatureLength);
        var builder = new LshIndexBuilder(parameters);
        var signature = hasher.Compute([1UL, 2, 3, 4, 5]);
        builder.Add(1, signature);
        builder.Add(2, signature);
        builder.Add(3, signature);
        Assert.True(builder.Remove(3));
        var index = builder.Build();
        Assert.Equal([1, 2], index.Query(signature));
        index.Remove(1);
        Assert.Equal([2], index.Query(signature));
        Assert.Throws<ArgumentException>(() => builder.Add(2, signature));
        Assert.Throws<ArgumentException>(() => builder.Add(9, new ulong[3]));
    }
}
