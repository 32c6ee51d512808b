using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Winnowed anchors (<see cref="AnchorWinnow"/>): against a brute force that takes the least rank of every window of
/// the text in order; two texts sharing a run of two windows share two anchors whatever the words; about 2/(w+1) of a
/// text's fingerprints are anchors.
/// </summary>
public sealed class AnchorWinnowTests
{
    [Theory]
    [InlineData(1, 5, false)]
    [InlineData(4, 5, false)]
    [InlineData(5, 5, false)]
    [InlineData(300, 5, false)]
    [InlineData(300, 2, false)]
    [InlineData(300, 1, false)]
    [InlineData(2000, 9, false)]
    [InlineData(300, 5, true)]
    public void Choose_RandomText_SameAsEveryWindowsLeast(int length, int window, bool saturated)
    {
        var random = new Random(length * 10 + window);
        var text = DistinctFingerprints(random, length);
        // Positions as a sketch keeps them: each fingerprint's place in the text, saturated past 65,535 in long texts.
        var (fingerprints, positions) = Sketch(text, saturated ? 60_000 : 0);
        var chosen = new uint[length];
        int count = AnchorWinnow.Choose(fingerprints, positions, window, chosen);
        Assert.Equal(Brute(fingerprints, positions, window), chosen[..count]);
    }

    [Fact]
    public void Choose_NoPositions_WinnowsInAscendingOrder()
    {
        uint[] fingerprints = [.. DistinctFingerprints(new Random(3), 200).Order()];
        var chosen = new uint[fingerprints.Length];
        int count = AnchorWinnow.Choose(fingerprints, default, 4, chosen);
        Assert.Equal(Brute(fingerprints, [.. Enumerable.Range(0, fingerprints.Length).Select(k => (ushort)k)], 4), chosen[..count]);
    }

    [Theory]
    [InlineData(5, 10)]
    [InlineData(4, 8)]
    [InlineData(8, 16)]
    public void Choose_TextsSharingARunOfTwoWindows_ShareTwoAnchorsForEverySeed(int window, int run)
    {
        for (int seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var all = DistinctFingerprints(random, 2 * run + 60);
            var shared = all[..run];
            uint[] first = [.. all[run..(run + 20)], .. shared, .. all[(run + 20)..(run + 30)]];
            uint[] second = [.. all[(run + 30)..(run + 35)], .. shared, .. all[(run + 35)..]];
            var common = Anchors(first, window).Intersect(Anchors(second, window)).ToArray();
            Assert.True(common.Length >= 2, $"seed {seed}: {common.Length} shared anchors");
            Assert.All(common, a => Assert.Contains(a, shared));
        }
    }

    [Fact]
    public void Choose_LongText_AboutTwoInWindowPlusOne()
    {
        var fingerprints = DistinctFingerprints(new Random(11), 100_000);
        foreach (int window in new[] { 3, 5, 9 })
        {
            double density = Anchors(fingerprints, window).Length / (double)fingerprints.Length;
            Assert.InRange(density, 2.0 / (window + 1) - 0.01, 2.0 / (window + 1) + 0.01);
        }
    }

    private static uint[] DistinctFingerprints(Random random, int count)
    {
        var set = new HashSet<uint>();
        var text = new List<uint>();
        while (text.Count < count)
        {
            uint fp = (uint)random.NextInt64(0, 1L << 32);
            if (set.Add(fp))
            {
                text.Add(fp);
            }
        }
        return [.. text];
    }

    /// <summary>A text's fingerprints ascending with each one's position (capped at <paramref name="cap"/> when not 0).</summary>
    private static (uint[] Fingerprints, ushort[] Positions) Sketch(uint[] text, int cap)
    {
        var order = Enumerable.Range(0, text.Length).OrderBy(i => text[i]).ToArray();
        return ([.. order.Select(i => text[i])], [.. order.Select(i => (ushort)(cap > 0 ? Math.Min(i, cap / 1000) : i))]);
    }

    private static uint[] Anchors(uint[] text, int window)
    {
        var (fingerprints, positions) = Sketch(text, 0);
        var chosen = new uint[fingerprints.Length];
        return chosen[..AnchorWinnow.Choose(fingerprints, positions, window, chosen)];
    }

    /// <summary>The least rank of every window of the text in (position, then ascending) order, or of the whole text when shorter.</summary>
    private static uint[] Brute(uint[] fingerprints, ushort[] positions, int window)
    {
        var text = Enumerable.Range(0, fingerprints.Length).OrderBy(k => positions[k]).ThenBy(k => k).Select(k => fingerprints[k]).ToArray();
        var chosen = new SortedSet<uint>();
        for (int start = 0; start + Math.Min(window, text.Length) <= text.Length; start++)
        {
            chosen.Add(text.Skip(start).Take(window).MinBy(AnchorWinnow.Rank));
        }
        return [.. chosen];
    }
}
