using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="PairEvidence.MeasureBoth"/>: one merge for both orientations gives exactly what <see cref="PairEvidence.Measure"/>
/// gives each way, on seeded edited copies (moved blocks, dropped and added text, boilerplate, coarse positions of
/// texts over 65,536 shingles, where positions tie).
/// </summary>
public sealed class PairEvidenceTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void MeasureBoth_SeededEditedCopies_EqualsMeasureEachWay(int maxStep, int shift)
    {
        var random = new Random(1234 + 10 * maxStep + shift);
        int passageRun = maxStep == 1 ? 8 : 2, withPassages = 0, withChains = 0;
        for (int round = 0; round < 300; round++)
        {
            var (a, positionsA, b, positionsB) = EditedPair(random, shift);
            var common = BoilerplateFilter.Of(a.Where((_, i) => i % 17 == 3).ToArray());
            int shinglesA = (positionsA.Max() + 1) << shift, shinglesB = (positionsB.Max() + 1) << shift;
            var forward = PairEvidence.Measure(a, positionsA, shinglesA, shift, b, positionsB, shinglesB, shift, common, maxStep, passageRun);
            var backward = PairEvidence.Measure(b, positionsB, shinglesB, shift, a, positionsA, shinglesA, shift, common, maxStep, passageRun);
            var both = PairEvidence.MeasureBoth(a, positionsA, shinglesA, shift, b, positionsB, shinglesB, shift, common, maxStep, passageRun);
            Assert.Equal(forward, both.Forward);
            Assert.Equal(backward, both.Backward);
            withPassages += forward.Passages > 0 ? 1 : 0;
            withChains += forward.Ordered >= 10 ? 1 : 0;
        }
        Assert.True(withChains > 250, $"only {withChains} of 300 pairs share text in order: the copies are not copies");
        Assert.True(shift > 0 || withPassages > 30, $"only {withPassages} of 300 pairs share a passage");
    }

    [Theory]
    [InlineData(1, 0, false)]
    [InlineData(1, 0, true)]
    [InlineData(4, 0, true)]
    [InlineData(1, 2, true)]
    [InlineData(2, 1, false)]
    public void MeasureBoth_OrderedEntries_AreTheLongestRisingChainEachWay_WithAndWithoutBoilerplate(int maxStep, int shift, bool keepOrder)
    {
        var random = new Random(4321 + 10 * maxStep + shift);
        int passageRun = maxStep == 1 ? 8 : 2, wholeChains = 0;
        for (int round = 0; round < 200; round++)
        {
            var (a, positionsA, b, positionsB) = EditedPair(random, shift, keepOrder);
            int shinglesA = (positionsA.Max() + 1) << shift, shinglesB = (positionsB.Max() + 1) << shift;
            foreach (var common in new[] { BoilerplateFilter.None, BoilerplateFilter.Of(a.Where((_, i) => i % 13 == 5).ToArray()) })
            {
                var both = PairEvidence.MeasureBoth(a, positionsA, shinglesA, shift, b, positionsB, shinglesB, shift, common, maxStep, passageRun);
                Assert.Equal(PairEvidence.Measure(b, positionsB, shinglesB, shift, a, positionsA, shinglesA, shift, common, maxStep, passageRun), both.Backward);
                var shared = SharedPositions(a, positionsA, b, positionsB, common);
                Assert.Equal(shared.Count, both.Forward.Shared);
                Assert.Equal(LongestRising(shared), both.Forward.Ordered);
                Assert.Equal(LongestRising([.. shared.Select(p => (p.B, p.A))]), both.Backward.Ordered);
                if (both.Forward.Ordered == shared.Count)
                {
                    wholeChains++;
                    Assert.Equal(MostInWindow(shared, Math.Max(1, PairEvidence.PassageWindow >> shift)), both.Forward.Densest);
                }
            }
        }
        // Copies that keep their order are whole chains (the shortcut); those with a moved block mostly are not.
        Assert.True(keepOrder ? wholeChains == 400 : wholeChains < 200, wholeChains.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The (position in A, position in B) of each shared fingerprint that is not boilerplate.</summary>
    private static List<(int A, int B)> SharedPositions(uint[] a, ushort[] positionsA, uint[] b, ushort[] positionsB, BoilerplateFilter common)
    {
        var shared = new List<(int A, int B)>();
        for (int i = 0; i < a.Length; i++)
        {
            int j = Array.BinarySearch(b, a[i]);
            if (j >= 0 && !common.IsBoilerplate(a[i]))
            {
                shared.Add((positionsA[i], positionsB[j]));
            }
        }
        return shared;
    }

    /// <summary>The longest chain of entries rising (or staying) in both positions, by quadratic search.</summary>
    private static int LongestRising(List<(int A, int B)> entries)
    {
        var sorted = entries.Order().ToArray();
        var best = new int[sorted.Length];
        int longest = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            best[k] = 1;
            for (int p = 0; p < k; p++)
            {
                if (sorted[p].B <= sorted[k].B)
                {
                    best[k] = Math.Max(best[k], best[p] + 1);
                }
            }
            longest = Math.Max(longest, best[k]);
        }
        return longest;
    }

    /// <summary>The most entries within <paramref name="window"/> positions of both texts, by trying every first entry.</summary>
    private static int MostInWindow(List<(int A, int B)> entries, int window)
    {
        var sorted = entries.Order().ToArray();
        int most = 0;
        for (int first = 0; first < sorted.Length; first++)
        {
            most = Math.Max(most, sorted.Skip(first).Count(e => e.A - sorted[first].A < window && e.B - sorted[first].B < window));
        }
        return most;
    }

    [Fact]
    public void Measure_ShingleKeptOneInThreeOverAPassage_IsDense_TheSameCountSpreadOut_IsNot()
    {
        // Twelve shared shingles three positions apart lie within one window; twelve 150 positions apart do not.
        static PairEvidence Shared(int step)
        {
            uint[] fingerprints = [.. Enumerable.Range(1, 12).Select(i => (uint)i)];
            ushort[] positions = [.. Enumerable.Range(0, 12).Select(i => (ushort)(i * step))];
            int shingles = 12 * step;
            return PairEvidence.Measure(fingerprints, positions, shingles, 0, fingerprints, positions, shingles, 0, BoilerplateFilter.None, 1, 8);
        }
        Assert.Equal(12, Shared(3).Densest);
        Assert.Equal(1, Shared(150).Densest);
        Assert.Equal(3, Shared(40).Densest); // 0, 40, 80: within 100 of the first
    }

    [Fact]
    public void MeasureBoth_NothingShared_EmptyEvidenceBothWays()
    {
        uint[] a = [1, 5, 9], b = [2, 6, 10];
        ushort[] positions = [0, 1, 2];
        var both = PairEvidence.MeasureBoth(a, positions, 3, 0, b, positions, 3, 0, BoilerplateFilter.None, 1, 8);
        Assert.Equal(PairEvidence.Measure(a, positions, 3, 0, b, positions, 3, 0, BoilerplateFilter.None, 1, 8), both.Forward);
        Assert.Equal(0, both.Backward.Ordered);
        Assert.Equal(-1, both.Backward.FirstPassageA);
    }

    /// <summary>
    /// A text of random fingerprints at random distinct positions (sorted by fingerprint, as a sketch keeps them), and a
    /// copy that keeps most of them, moves a block, drops some and adds its own.
    /// </summary>
    private static (uint[] A, ushort[] PositionsA, uint[] B, ushort[] PositionsB) EditedPair(Random random, int shift, bool keepOrder = false)
    {
        int n = random.Next(20, 400);
        // With a shift, positions are coarse: several shingles share one, as in a text over 65,536 shingles.
        var order = Enumerable.Range(0, n).Select(i => (ushort)(i >> shift)).ToArray();
        var fingerprints = new HashSet<uint>();
        while (fingerprints.Count < 2 * n)
        {
            fingerprints.Add((uint)random.NextInt64(0, uint.MaxValue));
        }
        var pool = fingerprints.ToArray();
        var textA = Enumerable.Range(0, n).Select(i => (Fp: pool[i], Pos: order[i])).ToList();
        var textB = new List<(uint Fp, ushort Pos)>();
        int blockStart = keepOrder ? n : random.Next(n), blockLength = random.Next(1, Math.Max(2, n / 4));
        for (int i = 0; i < n; i++)
        {
            if (random.NextDouble() < 0.15)
            {
                continue; // dropped in the copy
            }
            int moved = i >= blockStart && i < blockStart + blockLength ? (i + n / 2) % n : i;
            textB.Add((textA[i].Fp, (ushort)(moved + (random.NextDouble() < 0.05 ? 1 : 0))));
        }
        for (int k = 0; k < n / 10; k++)
        {
            textB.Add((pool[n + k], (ushort)random.Next(n + 2)));
        }
        textA.Sort((x, y) => x.Fp.CompareTo(y.Fp));
        textB.Sort((x, y) => x.Fp.CompareTo(y.Fp));
        return ([.. textA.Select(x => x.Fp)], [.. textA.Select(x => x.Pos)], [.. textB.Select(x => x.Fp)], [.. textB.Select(x => x.Pos)]);
    }
}
