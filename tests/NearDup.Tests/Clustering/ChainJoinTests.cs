using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Two clusters join through a copy link only when it holds half of both sides, neither side is a flash and neither the
/// two texts nor the two centers are dated apart; the joined cluster takes the center that comes first in center order.
/// </summary>
public sealed class ChainJoinTests
{
    // Groups 0..3: clusters {0, 1} (center 0) and {2, 3} (center 2); the link under test joins members 1 and 3.
    private static readonly int[] s_twoClusters = [0, 0, 2, 2];

    [Theory]
    [InlineData(50, 0)]
    [InlineData(49, 2)]
    public void Apply_LinkHoldingHalfOfBothSides_JoinsTheClusters(int shared, int expectedCenter)
    {
        int[] centerOf = Join(new Verifier.Score(shared, 80, 100));

        Assert.Equal([0, 0, expectedCenter, expectedCenter], centerOf);
    }

    [Theory]
    [InlineData(1.0, 39, 2)]
    [InlineData(1.0, 40, 0)]
    [InlineData(0.25, 10, 0)]
    [InlineData(0.25, 9, 2)]
    public void Apply_FlashOfFewShingles_StaysApart_ScaledBySampleRate(double sampleRate, int smallerSize, int expected)
    {
        // The larger side is long enough; the smaller decides, and the link holds half of both.
        int largerSize = 2 * smallerSize - 1;
        int[] centerOf = Join(new Verifier.Score(smallerSize, largerSize, smallerSize), sampleRate: sampleRate);

        Assert.Equal(expected, centerOf[2]);
    }

    [Theory]
    [InlineData(1.9, 0)]
    [InlineData(2.0, 2)]
    public void Apply_LinkedTextsDatedTwoDaysApart_StayApart(double days, int expected)
    {
        long day = TimeSpan.TicksPerDay;
        int[] centerOf = Join(new Verifier.Score(90, 100, 100), dateOf: g => g == 3 ? (long)(days * day) : 0);

        Assert.Equal(expected, centerOf[2]);
    }

    [Theory]
    [InlineData(1.9, 0)]
    [InlineData(2.0, 2)]
    public void Apply_CentersDatedTwoDaysApart_StayApart_ThoughTheLinkedTextsAreNot(double days, int expected)
    {
        long day = TimeSpan.TicksPerDay;
        // Members 1 and 3 undated; the centers 0 and 2 dated `days` apart.
        int[] centerOf = Join(new Verifier.Score(90, 100, 100), dateOf: g => g switch { 0 => 0, 2 => (long)(days * day), _ => long.MaxValue });

        Assert.Equal(expected, centerOf[2]);
    }

    [Fact]
    public void Apply_UndatedText_JoinsADatedOne()
    {
        int[] centerOf = Join(new Verifier.Score(90, 100, 100), dateOf: g => g == 3 ? long.MaxValue : 40 * TimeSpan.TicksPerDay);

        Assert.Equal(0, centerOf[2]);
    }

    [Fact]
    public void Apply_TakesTheCenterFirstInCenterOrder_NotTheLowerGroup()
    {
        int[] centerOf = (int[])s_twoClusters.Clone();

        int joined = ChainJoin.Apply(centerOf, Edges((1, 3, new Verifier.Score(90, 100, 100))), [2, 3, 0, 1], _ => 0, 1.0);

        Assert.Equal(1, joined);
        Assert.Equal([2, 2, 2, 2], centerOf);
    }

    [Fact]
    public void Apply_ChainOfClusters_JoinsAllUnderTheFirstInCenterOrder()
    {
        // Versions 0 -> 1 -> 2 -> 3, each its own cluster; each step keeps most of both texts.
        var step = new Verifier.Score(90, 100, 100);
        int[] centerOf = [0, 1, 2, 3];

        ChainJoin.Apply(centerOf, Edges((0, 1, step), (1, 2, step), (2, 3, step)), [3, 1, 0, 2], _ => 0, 1.0);

        Assert.Equal([3, 3, 3, 3], centerOf);
    }

    private static int[] Join(Verifier.Score link, double sampleRate = 1.0, Func<int, long>? dateOf = null)
    {
        int[] centerOf = (int[])s_twoClusters.Clone();
        ChainJoin.Apply(centerOf, Edges((1, 3, link)), [0, 1, 2, 3], dateOf ?? (_ => long.MaxValue), sampleRate);
        return centerOf;
    }

    private static WeakEdges Edges(params (int A, int B, Verifier.Score Score)[] links) =>
        WeakEdges.From([.. links.Select(l => (PairKey.Ordered(l.A, l.B), l.Score))]);
}
