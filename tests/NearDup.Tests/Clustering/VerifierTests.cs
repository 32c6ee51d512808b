using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The verifier's rules at their boundaries, with the default options unless a case says otherwise: containment
/// 0.05, 8 shared shingles (half the smaller document's when it has fewer than 16), the 40-shingle passage rule, and
/// the strong rule (Jaccard 0.5 and containment 0.8). Each case sits on one side of exactly one threshold.
/// </summary>
public sealed class VerifierTests
{
    private static readonly Verifier s_default = new(NearDupOptions.Default, BoilerplateFilter.None);

    public static TheoryData<int, int, int, bool> ByCounts => new()
    {
        { 8, 160, 1000, true },    // containment exactly 0.05, 8 shared
        { 8, 161, 1000, false },   // containment 0.0497
        { 7, 20, 20, false },      // one shingle short of 8
        { 8, 20, 20, true },
        { 8, 1000, 1000, false },  // 8 shared but containment 0.008: both rules must hold
        { 1, 1000, 1000, false },
        { 3, 5, 100, true },       // a 5-shingle document needs ceil(5 / 2) = 3 shared
        { 2, 5, 100, false },
        { 4, 7, 100, true },       // ceil(7 / 2) = 4
        { 3, 7, 100, false },
        { 8, 15, 15, true },       // ceil(15 / 2) = 8 = the minimum
        { 7, 15, 15, false },
        { 0, 0, 0, false },
    };

    [Theory, MemberData(nameof(ByCounts))]
    public void IsCopyByCounts_Boundaries(int shared, int sizeA, int sizeB, bool expected)
    {
        var score = new Verifier.Score(shared, sizeA, sizeB);
        Assert.Equal(expected, s_default.IsCopyByCounts(score));
        Assert.Equal(expected, s_default.IsCopyByCounts(new Verifier.Score(shared, sizeB, sizeA)));
    }

    [Theory]
    [InlineData(40, 1000, 1000, true)]   // containment 0.04: by the passage rule alone
    [InlineData(39, 1000, 1000, false)]
    [InlineData(8, 160, 1000, true)]     // by counts, far from a passage
    [InlineData(0, 10, 10, false)]
    public void IsCopy_PassageRuleBoundary(int shared, int sizeA, int sizeB, bool expected)
    {
        var score = new Verifier.Score(shared, sizeA, sizeB);
        Assert.Equal(expected, s_default.IsCopy(score));
        Assert.False(shared == 40 && s_default.IsCopyByCounts(score), "a passage alone is no copy by counts");
    }

    [Fact]
    public void IsCopy_NothingShared_FalseEvenWhenThresholdsAreZero()
    {
        // With MinShared 1 and a passage of 1 every rule but the Shared == 0 guard would pass an empty pair of empty documents.
        var verifier = new Verifier(NearDupOptions.Default with { MinSharedShingles = 1, PassageShingles = 1, MinContainment = 0.01 }, BoilerplateFilter.None);
        Assert.False(verifier.IsCopy(new Verifier.Score(0, 0, 0)));
        Assert.False(verifier.IsCopyByCounts(new Verifier.Score(0, 0, 0)));
        Assert.True(verifier.IsCopy(new Verifier.Score(1, 1, 1)));
    }

    [Theory]
    [InlineData(90, 90, 180, true)]    // Jaccard exactly 0.5, containment 1
    [InlineData(89, 90, 180, false)]   // Jaccard 0.4917
    [InlineData(80, 100, 100, true)]   // containment exactly 0.8, Jaccard 0.667
    [InlineData(79, 100, 100, false)]  // containment 0.79
    [InlineData(90, 90, 1000, false)]  // containment 1 but Jaccard 0.09
    [InlineData(60, 60, 60, true)]
    public void IsStrong_Boundaries(int shared, int sizeA, int sizeB, bool expected) =>
        Assert.Equal(expected, s_default.IsStrong(new Verifier.Score(shared, sizeA, sizeB)));

    [Fact]
    public void IsStrong_NeedsACopyToo()
    {
        // Jaccard and containment pass the strong rule, but containment 0.8 is under this MinContainment and 80 under the passage.
        var verifier = new Verifier(NearDupOptions.Default with { MinContainment = 0.9, PassageShingles = 100 }, BoilerplateFilter.None);
        var score = new Verifier.Score(80, 100, 100);
        Assert.False(verifier.IsCopy(score));
        Assert.False(verifier.IsStrong(score));
        Assert.True(verifier.IsStrong(new Verifier.Score(95, 100, 100)));
    }

    [Fact]
    public void Scores_JaccardAndContainment()
    {
        var score = new Verifier.Score(30, 50, 100);
        Assert.Equal(30.0 / 120, score.Jaccard);
        Assert.Equal(30.0 / 50, score.Containment);
        Assert.Equal(0, new Verifier.Score(0, 0, 0).Jaccard);
        Assert.Equal(0, new Verifier.Score(0, 0, 0).Containment);
    }

    [Fact]
    public void SampleRateBelowOne_CountsScaleByTheInverseRate()
    {
        var quarter = new Verifier(NearDupOptions.Default with { SampleRate = 0.25 }, BoilerplateFilter.None);
        // 2 sampled shingles stand for 8: enough at a quarter, not at the full rate (smaller document 40, containment 0.05).
        Assert.True(quarter.IsCopyByCounts(new Verifier.Score(2, 40, 40)));
        Assert.False(s_default.IsCopyByCounts(new Verifier.Score(2, 40, 40)));
        // 10 sampled stand for 40: a passage at a quarter only.
        Assert.True(quarter.IsCopy(new Verifier.Score(10, 1000, 1000)));
        Assert.False(s_default.IsCopy(new Verifier.Score(10, 1000, 1000)));
        Assert.False(quarter.IsCopy(new Verifier.Score(9, 1000, 1000)));
        // The small-document rule scales too: 3 sampled of 3 stand for 12 of 12, which needs 6.
        Assert.True(quarter.IsCopyByCounts(new Verifier.Score(2, 3, 100)));
        Assert.False(new Verifier(NearDupOptions.Default with { SampleRate = 0.5 }, BoilerplateFilter.None).IsCopyByCounts(new Verifier.Score(1, 3, 100)));
        Assert.Equal(40, quarter.EstimatedShared(new Verifier.Score(10, 100, 100)));
        Assert.Equal(6, new Verifier(NearDupOptions.Default with { SampleRate = 0.5 }, BoilerplateFilter.None).EstimatedShared(new Verifier.Score(3, 10, 10)));
        Assert.Equal(7, s_default.EstimatedShared(new Verifier.Score(7, 10, 10)));
    }

    [Fact]
    public void Measure_PairSharingOnlyBoilerplate_IsNoCopy()
    {
        uint[] boilerplate = [.. Enumerable.Range(1, 60).Select(i => (uint)i * 7919)];
        uint[] a = [.. boilerplate.Concat(Enumerable.Range(0, 100).Select(i => 1_000_000u + (uint)i)).Order()];
        uint[] b = [.. boilerplate.Concat(Enumerable.Range(0, 100).Select(i => 2_000_000u + (uint)i)).Order()];
        uint[] c = [.. boilerplate.Concat(Enumerable.Range(0, 100).Select(i => 3_000_000u + (uint)i)).Order()];
        var common = BoilerplateFilter.Build([a, b, c], threshold: 3, maxDegreeOfParallelism: 1);
        Assert.Equal(60, common.Count);

        var filtered = new Verifier(NearDupOptions.Default, common);
        var score = filtered.Measure(a, 100, b, 100);
        Assert.Equal(new Verifier.Score(0, 100, 100), score);
        Assert.False(filtered.IsCopy(score));

        var unfiltered = s_default.Measure(a, a.Length, b, b.Length);
        Assert.Equal(60, unfiltered.Shared);
        Assert.True(s_default.IsCopy(unfiltered));

        // Boilerplate plus 8 real shared shingles: the real ones alone decide.
        uint[] d = [.. boilerplate.Concat(Enumerable.Range(0, 8).Select(i => 1_000_000u + (uint)i)).Concat(Enumerable.Range(0, 92).Select(i => 4_000_000u + (uint)i)).Order()];
        var real = filtered.Measure(a, 100, d, 100);
        Assert.Equal(8, real.Shared);
        Assert.False(filtered.IsCopyByCounts(real with { SizeA = 161, SizeB = 161 }));
        Assert.True(filtered.IsCopyByCounts(real));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void SharesAnchors_MatchesBruteForceCount(int minSharedAnchors)
    {
        // The merge stops once it has the anchors it needs: it must still skip shared values that are no anchor or are
        // boilerplate, and still read to the end when the last anchor it needs comes last.
        var options = NearDupOptions.Default with { AnchorRate = 4, MinSharedAnchors = minSharedAnchors };
        uint mask = AnchorTable.MaskOf(options);
        var random = new Random(1234);
        for (int round = 0; round < 300; round++)
        {
            uint[] pool = [.. Enumerable.Range(0, 60).Select(_ => (uint)random.Next(0, 4000))];
            uint[] a = [.. pool.Where(_ => random.Next(2) == 0).Distinct().Order()];
            uint[] b = [.. pool.Where(_ => random.Next(2) == 0).Distinct().Order()];
            uint[] common = [.. pool.Where(_ => random.Next(4) == 0).Distinct().Order()];
            var verifier = new Verifier(options, BoilerplateFilter.Of(common));
            int expected = a.Intersect(b).Count(fp => AnchorTable.IsAnchor(fp, mask) && !common.Contains(fp));
            Assert.Equal(expected >= minSharedAnchors, verifier.SharesAnchors(a, b));
            Assert.Equal(expected >= minSharedAnchors, verifier.SharesAnchors(b, a));
        }
    }

    [Fact]
    public void SharesAnchors_LastNeededAnchorAtTheEnd_IsFound()
    {
        // 4, 8 and 12 are anchors at rate 4; 4 is boilerplate, 5 and 6 are shared but no anchors.
        var verifier = new Verifier(NearDupOptions.Default with { AnchorRate = 4, MinSharedAnchors = 2 }, BoilerplateFilter.Of([4u]));
        Assert.True(verifier.SharesAnchors([4, 5, 6, 8, 9, 12], [4, 5, 6, 8, 12]));
        Assert.False(verifier.SharesAnchors([4, 5, 6, 8, 9, 13], [4, 5, 6, 8, 12]));
    }
}
