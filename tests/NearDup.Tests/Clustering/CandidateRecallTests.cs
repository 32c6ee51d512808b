using System.Globalization;
using NearDup.Clustering;
using NearDup.Text;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Recall of the low-similarity candidate path, and a differential check of every reported pair against
/// brute-force all-pairs Jaccard and containment on the documents' full shingle sets.
/// </summary>
public sealed class CandidateRecallTests
{
    private static string Words(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => "t" + random.Next(10_000_000).ToString(CultureInfo.InvariantCulture)));

    /// <summary>Pairs of 1,000-word documents at 5-gram Jaccard about 0.05, and 250-word excerpts of which 20% lie in a 1,000-word story.</summary>
    [Theory]
    [InlineData("jaccard-0.05")]
    [InlineData("containment-0.2")]
    public void Cluster_LowSimilarityPairs_AreFound(string kind)
    {
        var random = new Random(kind.Length);
        const int Pairs = 100;
        var detector = new DuplicateDetector();
        for (int p = 0; p < Pairs; p++)
        {
            if (kind == "jaccard-0.05")
            {
                // Shared run of ~100 words in 1,000-word documents: |A∩B| ≈ 96 shingles, J ≈ 96/1900 ≈ 0.05.
                string shared = Words(random, 100);
                detector.Add($"p{p}a", Words(random, 450) + " " + shared + " " + Words(random, 450));
                detector.Add($"p{p}b", Words(random, 300) + " " + shared + " " + Words(random, 600));
            }
            else
            {
                // An excerpt of 250 words quoting 54 words of a 1,000-word story: containment ≈ 50/246 ≈ 0.2.
                string quote = Words(random, 54);
                detector.Add($"p{p}a", Words(random, 500) + " " + quote + " " + Words(random, 446));
                detector.Add($"p{p}b", Words(random, 100) + " " + quote + " " + Words(random, 96));
            }
        }
        // Candidate recall: each pair is found and verified. A passage inside two otherwise different texts is a
        // reuse link, not a copy (docs/copy-evidence.md), so the pairs are counted in the verified pairs, not clusters.
        var pairs = detector.Cluster(includePairs: true).Pairs;
        int found = pairs.Count(p => p.First[..^1] == p.Second[..^1]);
        Assert.Equal(found, pairs.Count);
        Assert.True(found >= 95, $"{kind}: {found} of {Pairs} pairs found");
    }

    [Fact]
    public void Cluster_VerifiedPairs_AgreeWithBruteForce()
    {
        var random = new Random(77);
        var blocks = Enumerable.Range(0, 40).Select(_ => Words(random, 60)).ToArray();
        var texts = new Dictionary<string, string>();
        for (int d = 0; d < 40; d++)
        {
            // Each document: 3 to 8 blocks drawn from a small pool, plus its own words, so overlaps of every size occur.
            var parts = Enumerable.Range(0, random.Next(3, 9)).Select(_ => blocks[random.Next(blocks.Length)]).Distinct().ToList();
            parts.Add(Words(random, random.Next(20, 300)));
            texts[$"d{d:00}"] = string.Join(' ', parts.OrderBy(_ => random.Next()));
        }
        var detector = new DuplicateDetector();
        foreach (var (id, text) in texts)
        {
            detector.Add(id, text);
        }
        var result = detector.Cluster(includePairs: true);
        var shingler = new Shingler();
        var sets = texts.ToDictionary(kv => kv.Key, kv => shingler.Compute(kv.Value).Select(h => (uint)(h >> 32)).ToHashSet());
        var options = NearDupOptions.Default;
        foreach (var pair in result.Pairs)
        {
            var a = sets[pair.First];
            var b = sets[pair.Second];
            int shared = a.Count(b.Contains);
            // Reported counts leave out boilerplate (blocks held by 16 or more groups), so they can only be lower
            // than the brute-force count on the raw shingle sets; and a reported pair must really share shingles.
            Assert.True(pair.SharedShingles <= shared, $"{pair}: brute force shares {shared}");
            Assert.True(shared >= options.MinSharedShingles, $"{pair}: brute force shares only {shared}");
        }
        // Every brute-force pair with a large overlap ends up in one cluster.
        var clusterOf = result.Clusters.SelectMany(c => c.Members.Select(m => (m.Id, c.Id))).ToDictionary(x => x.Item1, x => x.Item2);
        var ids = texts.Keys.Order(StringComparer.Ordinal).ToArray();
        foreach (string x in ids)
        {
            foreach (string y in ids.Where(y => string.CompareOrdinal(y, x) > 0))
            {
                int shared = sets[x].Count(sets[y].Contains);
                double containment = (double)shared / Math.Min(sets[x].Count, sets[y].Count);
                if (containment >= 0.9 && (double)shared / (sets[x].Count + sets[y].Count - shared) >= 0.8)
                {
                    Assert.Equal(clusterOf[x], clusterOf[y]);
                }
            }
        }
    }
}

public sealed class SketcherTests
{
    [Fact]
    public void SortFingerprints_EqualsArraySort_OnRandomLengths()
    {
        var random = new Random(8);
        foreach (int length in new[] { 0, 1, 2, 63, 64, 65, 100, 511, 512, 513, 1000, 5000, 40_000, 65_536, 65_537, 300_000 })
        {
            // As the sampler makes them: a fingerprint in the high half, the position (ascending) in the low half.
            var values = Enumerable.Range(0, length).Select(i => (ulong)random.NextInt64(0, 1L << 32) << 32 | (uint)i).ToArray();
            if (length > 3)
            {
                values[3] = values[0] & 0xFFFF_FFFF_0000_0000UL | 3; // the same fingerprint again, later
                values[2] = 0xFFFF_FFFF_0000_0002UL; // the largest fingerprint
            }
            var expected = values.Order().ToArray();
            NearDup.Clustering.Sketcher.SortFingerprints(values, new ulong[length]);
            Assert.Equal(expected, values);
        }
    }

    /// <summary>
    /// The radix sort against the comparison sort on fingerprints drawn from narrow ranges (many equal digits and equal
    /// fingerprints, which a stable pass must keep in position order) and wide ones, at lengths around the radix cut-off.
    /// </summary>
    [Fact]
    public void SortFingerprints_AgreesWithComparisonSort_OnAdversarialFingerprints()
    {
        var fingerprints = CsCheck.Gen.OneOf(CsCheck.Gen.UInt, CsCheck.Gen.UInt[0, 3], CsCheck.Gen.UInt[0xFFFF_FF00, 0xFFFF_FFFF],
            CsCheck.Gen.UInt[0, 15].Select(x => x << 28 | x), CsCheck.Gen.Byte.Select(b => (uint)b << 16));
        CsCheck.Gen.Int[0, 400].SelectMany(n => fingerprints.Array[n]).Sample(drawn =>
        {
            var keys = drawn.Select((f, i) => (ulong)f << 32 | (uint)i).ToArray();
            var expected = keys.Order().ToArray();
            NearDup.Clustering.Sketcher.SortFingerprints(keys, new ulong[keys.Length + 3]);
            Assert.Equal(expected, keys);
        }, iter: 2000);
    }

    /// <summary>
    /// The AVX-512 bucket sort against its scalar twin, the LSD radix sort, on the adversarial fingerprints above (equal
    /// top bits fill one bucket past a network's eight lanes) and on uniform ones, at lengths from the cut-off up to
    /// the largest it takes, with the scratch exactly as long as it needs.
    /// </summary>
    [Fact]
    public void NetworkSort_EqualsRadixSort()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, "no AVX-512 here");
        AssertBucketSortEqualsRadixSort(16_384, 8, NearDup.Clustering.Sketcher.CanNetworkSort, NearDup.Clustering.Sketcher.NetworkSort);
    }

    /// <summary>
    /// The AVX2 bucket sort (4-lane networks) against the LSD radix sort, as above, up to the most keys it takes; it runs
    /// on an AVX-512 machine too, which sorts with the 8-lane one.
    /// </summary>
    [Fact]
    public void NetworkSort4_EqualsRadixSort()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.X86.Avx2.IsSupported, "no AVX2 here");
        AssertBucketSortEqualsRadixSort(8_192, 4, NearDup.Clustering.Sketcher.CanNetworkSort4, NearDup.Clustering.Sketcher.NetworkSort4);
    }

    private delegate void KeySort(Span<ulong> keys, Span<ulong> scratch);

    private static void AssertBucketSortEqualsRadixSort(int maxKeys, int slack, Func<int, int, bool> canSort, KeySort sort)
    {
        var fingerprints = CsCheck.Gen.OneOf(CsCheck.Gen.UInt, CsCheck.Gen.UInt, CsCheck.Gen.UInt[0, 3], CsCheck.Gen.UInt[0xFFFF_FF00, 0xFFFF_FFFF],
            CsCheck.Gen.UInt[0, 15].Select(x => x << 28 | x), CsCheck.Gen.Byte.Select(b => (uint)b << 24));
        CsCheck.Gen.Int[64, maxKeys].SelectMany(n => fingerprints.Array[n]).Sample(drawn =>
        {
            var keys = drawn.Select((f, i) => (ulong)f << 32 | (uint)i).ToArray();
            var expected = keys.ToArray();
            NearDup.Clustering.Sketcher.SortFingerprints(expected, new ulong[keys.Length]);
            Assert.True(canSort(keys.Length, keys.Length + slack));
            sort(keys, new ulong[keys.Length + slack]);
            Assert.Equal(expected, keys);
        }, iter: 300);
    }

    /// <summary>The 4-lane network against a comparison sort, with ties, extremes and keys on both sides of the top bit.</summary>
    [Fact]
    public void SortFour_EqualsSort()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.X86.Avx2.IsSupported, "no AVX2 here");
        var lane = CsCheck.Gen.OneOf(CsCheck.Gen.ULong, CsCheck.Gen.ULong[0, 3], CsCheck.Gen.Const(ulong.MaxValue),
            CsCheck.Gen.ULong[0x7FFF_FFFF_FFFF_FFFE, 0x8000_0000_0000_0001]);
        lane.Array[4].Sample(values =>
        {
            var vector = NearDup.Clustering.Sketcher.SortFour(System.Runtime.Intrinsics.Vector256.Create(values));
            Assert.Equal(values.Order(), Enumerable.Range(0, 4).Select(i => System.Runtime.Intrinsics.Vector256.GetElement(vector, i)));
        }, iter: 5000);
    }

    /// <summary>The 8-lane network in one register against its lane-at-a-time twin and a comparison sort, with ties and extremes.</summary>
    [Fact]
    public void SortEight_EqualsScalarTwinAndSort()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, "no AVX-512 here");
        var lane = CsCheck.Gen.OneOf(CsCheck.Gen.ULong, CsCheck.Gen.ULong[0, 3], CsCheck.Gen.Const(ulong.MaxValue));
        lane.Array[8].Sample(values =>
        {
            var scalar = values.ToArray();
            NearDup.Clustering.Sketcher.SortEightScalar(scalar);
            var vector = NearDup.Clustering.Sketcher.SortEight(System.Runtime.Intrinsics.Vector512.Create(values));
            Assert.Equal(values.Order(), scalar);
            Assert.Equal(scalar, Enumerable.Range(0, 8).Select(i => System.Runtime.Intrinsics.Vector512.GetElement(vector, i)));
        }, iter: 5000);
    }

    /// <summary>
    /// The one-read split of sorted keys against the two reads it replaced (keep the first key of each fingerprint,
    /// then split): fingerprints drawn from narrow ranges so that runs of equal ones are common, at every position
    /// shift a long document can need; the slots past the count returned may hold anything.
    /// </summary>
    [Fact]
    public void SplitDistinct_EqualsDedupThenSplit()
    {
        var fingerprints = CsCheck.Gen.OneOf(CsCheck.Gen.UInt, CsCheck.Gen.UInt[0, 3], CsCheck.Gen.UInt[uint.MaxValue - 2, uint.MaxValue]);
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, 300].SelectMany(n => fingerprints.Array[n]), CsCheck.Gen.Int[0, 3]).Sample((drawn, shift) =>
        {
            var keys = drawn.Select((f, i) => (ulong)f << 32 | (uint)(i * 40_000)).Order().ToArray();
            var kept = keys.Where((k, i) => i == 0 || k >> 32 != keys[i - 1] >> 32).ToArray();
            var fps = new uint[keys.Length];
            var positions = new ushort[keys.Length];
            int n = NearDup.Clustering.Sketcher.SplitDistinct(keys, shift, fps, positions);
            Assert.Equal(kept.Select(k => (uint)(k >> 32)), fps[..n]);
            Assert.Equal(kept.Select(k => (ushort)((uint)k >> shift)), positions[..n]);
        }, iter: 2000);
    }

    /// <summary>
    /// The AVX2 and AVX-512 splits against their scalar twin: runs of equal fingerprints that start, end and straddle their
    /// blocks of four or eight keys (and blocks without any), at lengths from just over one block, every position shift, the destinations
    /// exactly as long as the keys and prefilled, so that a store past the count returned or past the end would show.
    /// </summary>
    [Fact]
    public void SplitDistinctVector512_EqualsScalarTwin()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.X86.Avx512F.IsSupported, "no AVX-512 here");
        AssertSplitEqualsScalarTwin(NearDup.Clustering.Sketcher.SplitDistinctVector512, minKeys: 9);
    }

    [Fact]
    public void SplitDistinctVector256_EqualsScalarTwin()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.X86.Avx2.IsSupported, "no AVX2 here");
        AssertSplitEqualsScalarTwin(NearDup.Clustering.Sketcher.SplitDistinctVector256, minKeys: 5);
    }

    private delegate int KeySplit(ReadOnlySpan<ulong> keys, int shift, Span<uint> fingerprints, Span<ushort> positions);

    private static void AssertSplitEqualsScalarTwin(KeySplit split, int minKeys)
    {
        var fingerprints = CsCheck.Gen.OneOf(CsCheck.Gen.UInt, CsCheck.Gen.UInt[0, 3], CsCheck.Gen.UInt[0, 40], CsCheck.Gen.UInt[uint.MaxValue - 2, uint.MaxValue]);
        CsCheck.Gen.Select(CsCheck.Gen.Int[minKeys, 300].SelectMany(n => fingerprints.Array[n]), CsCheck.Gen.Int[0, 3]).Sample((drawn, shift) =>
        {
            var keys = drawn.Select((f, i) => (ulong)f << 32 | (uint)(i * 40_000 + 7)).Order().ToArray();
            var (fps, positions) = (Enumerable.Repeat(0xAAAA_AAAAu, keys.Length).ToArray(), Enumerable.Repeat((ushort)0xAAAA, keys.Length).ToArray());
            var (scalarFps, scalarPositions) = (new uint[keys.Length], new ushort[keys.Length]);
            int expected = NearDup.Clustering.Sketcher.SplitDistinctScalar(keys, shift, scalarFps, scalarPositions);
            int n = split(keys, shift, fps, positions);
            Assert.Equal(expected, n);
            Assert.Equal(scalarFps[..n], fps[..n]);
            Assert.Equal(scalarPositions[..n], positions[..n]);
        }, iter: 3000);
    }
}
