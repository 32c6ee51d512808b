using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The short-text bound of the distinctive-anchor rule in a clustering: the fixed bound while keys shared by chance are
/// rare, and a bound that falls with the corpus's fingerprints once they are not, so that each short core expects at
/// most <see cref="DistinctiveAnchors.MaxChanceKeys"/> keys shared by chance.
/// </summary>
public sealed class DistinctiveAnchorsTests
{
    /// <summary>The keys a core of <paramref name="fingerprints"/> expects to share by chance among <paramref name="total"/> fingerprints.</summary>
    private static double ChanceKeys(int fingerprints, long total, int anchorRate) => (double)fingerprints / anchorRate * total / 4294967296.0;

    [Theory]
    [InlineData(0L, 4)]
    [InlineData(1_000L, 4)]
    [InlineData(90_600_000L, 4)] // 100,000 documents of 906 fingerprints
    [InlineData(150_000_000L, 4)]
    public void MaxShortIn_FewFingerprints_FixedBound(long total, int rate) =>
        Assert.Equal(DistinctiveAnchors.MaxFingerprints, DistinctiveAnchors.MaxShortIn(total, rate));

    [Theory]
    [InlineData(906_000_000L, 4)] // a million
    [InlineData(9_060_000_000L, 4)] // ten million
    [InlineData(906_000_000L, 1)]
    [InlineData(906_000_000L, 16)]
    public void MaxShortIn_ManyFingerprints_LargestCoreWithinTheChanceKeys(long total, int rate)
    {
        int bound = DistinctiveAnchors.MaxShortIn(total, rate);
        Assert.InRange(bound, 0, DistinctiveAnchors.MaxFingerprints - 1);
        Assert.True(ChanceKeys(bound, total, rate) <= DistinctiveAnchors.MaxChanceKeys);
        Assert.True(ChanceKeys(bound + 1, total, rate) > DistinctiveAnchors.MaxChanceKeys);
    }

    [Fact]
    public void MaxShortIn_FallsWithTheCorpusAndRisesWithTheRate()
    {
        Assert.True(DistinctiveAnchors.MaxShortIn(9_060_000_000L, 4) < DistinctiveAnchors.MaxShortIn(906_000_000L, 4));
        Assert.Equal(75, DistinctiveAnchors.MaxShortIn(906_000_000L, 4));
        Assert.Equal(37, DistinctiveAnchors.MaxShortIn(2 * 906_000_000L, 4));
        Assert.Equal(7, DistinctiveAnchors.MaxShortIn(9_060_000_000L, 4));
        Assert.Equal(151, DistinctiveAnchors.MaxShortIn(906_000_000L, 8));
    }
}
