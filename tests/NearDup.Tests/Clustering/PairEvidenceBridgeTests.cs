using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="PairEvidence.BridgedA"/>: a gap of a word or two that both texts skip about equally (a misread word) is
/// covered, a longer gap or one the texts skip by different amounts is not, and sampled shingles give no figure;
/// <see cref="PairEvidence.InteriorA"/> counts the same from the first shared shingle to the last.
/// </summary>
public sealed class PairEvidenceBridgeTests
{
    [Theory]
    [InlineData(6, 6, 1000, 1000)]   // one damaged word: five shingles lost in both
    [InlineData(12, 12, 1000, 1000)] // two damaged words
    [InlineData(6, 8, 1000, 1000)]   // a word split in two in the second text
    [InlineData(13, 13, 800, 800)]   // too long: only the 48 shared shingles count
    [InlineData(6, 9, 916, 873)]     // uneven: a phrase reworded, not a word misread
    public void Measure_OneGapBetweenSharedRuns_BridgedWhenShortAndEven(int stepA, int stepB, int bridgedA, int bridgedB)
    {
        // Shingles 0-9 shared at the same places; then 0-based shingles 10+ of A shared with B at the offsets the
        // steps give, to the end of A's 60 shingles.
        int skipA = stepA - 1, skipB = stepB - 1;
        var positionsA = new List<ushort>();
        var positionsB = new List<ushort>();
        for (int p = 0; p < 60; p++)
        {
            if (p < 10)
            {
                positionsA.Add((ushort)p);
                positionsB.Add((ushort)p);
            }
            else if (p >= 10 + skipA)
            {
                positionsA.Add((ushort)p);
                positionsB.Add((ushort)(p - skipA + skipB));
            }
        }
        uint[] fingerprints = [.. Enumerable.Range(1, positionsA.Count).Select(i => (uint)i)];
        int shinglesB = positionsB[^1] + 1;

        var evidence = PairEvidence.Measure(fingerprints, positionsA.ToArray(), 60, 0, fingerprints, positionsB.ToArray(), shinglesB, 0,
            BoilerplateFilter.None, maxStep: 1, passageRun: 8);

        Assert.Equal((bridgedA, bridgedB), (evidence.BridgedA, evidence.BridgedB));
    }

    [Theory]
    [InlineData(0, 1000)]  // the first text's own header before the shared text: the interior is all covered
    [InlineData(20, 833)]  // 20 shingles written anew inside: 100 of the 120 between the first and last shared
    public void Measure_SharedTextAfterAHeader_InteriorCountsFromTheFirstSharedShingle(int rewritten, int interiorA)
    {
        // A: 30 shingles of its own, then 100 shared with B except the `rewritten` after the first 40 of them.
        var positionsA = new List<ushort>();
        var positionsB = new List<ushort>();
        for (int p = 0; p < 100 + rewritten; p++)
        {
            if (p < 40 || p >= 40 + rewritten)
            {
                positionsA.Add((ushort)(30 + p));
                positionsB.Add((ushort)p);
            }
        }
        uint[] fingerprints = [.. Enumerable.Range(1, positionsA.Count).Select(i => (uint)i)];

        var evidence = PairEvidence.Measure(fingerprints, positionsA.ToArray(), 130 + rewritten, 0, fingerprints, positionsB.ToArray(),
            100 + rewritten, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);

        Assert.Equal(interiorA, evidence.InteriorA);
        Assert.Equal(rewritten == 0 ? 769 : 666, evidence.BridgedA);
        // The second text's interior, and both measured the other way round, from one merge or two.
        var backward = PairEvidence.Measure(fingerprints, positionsB.ToArray(), 100 + rewritten, 0, fingerprints, positionsA.ToArray(),
            130 + rewritten, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        var both = PairEvidence.MeasureBoth(fingerprints, positionsA.ToArray(), 130 + rewritten, 0, fingerprints, positionsB.ToArray(),
            100 + rewritten, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal((interiorA, rewritten == 0 ? 1000 : 833), (backward.InteriorB, backward.InteriorA));
        Assert.Equal((evidence.InteriorA, evidence.InteriorB, backward.InteriorA), (both.Forward.InteriorA, both.Forward.InteriorB, both.Backward.InteriorA));
    }

    [Fact]
    public void Measure_SampledShingles_NoBridgedFigure()
    {
        uint[] fingerprints = [.. Enumerable.Range(1, 30).Select(i => (uint)i)];
        ushort[] positions = [.. Enumerable.Range(0, 30).Select(i => (ushort)(2 * i))];

        var evidence = PairEvidence.Measure(fingerprints, positions, 60, 0, fingerprints, positions, 60, 0, BoilerplateFilter.None, maxStep: 4, passageRun: 2);

        Assert.Equal((0, 0), (evidence.BridgedA, evidence.BridgedB));
        Assert.Equal((0, 0), (evidence.InteriorA, evidence.InteriorB));
        Assert.Equal(30, evidence.Ordered);
    }
}
