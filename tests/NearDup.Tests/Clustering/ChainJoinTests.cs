using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Two clusters join through a copy link only when it holds half of both sides, neither side is a flash and the two
/// are not dated apart; the joined cluster takes the center that comes first in center order, and a chain of such
/// links joins every cluster on it whatever the order the links are listed in.
/// </summary>
public sealed class ChainJoinTests
{
    // Groups 0..3: clusters {0, 1} (center 0) and {2, 3} (center 2); the link under test joins members 1 and 3.
    private static readonly int[] s_twoClusters = [0, 0, 2, 2];

    [Theory]
    [InlineData(50, 0)]
    [InlineData(49, 2)]
    public void Apply_LinkHoldingHalfOfBothSides_JoinsTheClusters(int shared, int expectedCenterOf3)
    {
        int[] centerOf = Join(new Verifier.Score(shared, 80, 100));

        Assert.Equal(expectedCenterOf3, centerOf[3]);
        Assert.Equal(expectedCenterOf3, centerOf[2]);
    }

    [Theory]
    [InlineData(1.0, 39, 2)]
    [InlineData(1.0, 40, 0)]
    [InlineData(0.25, 10, 0)]
    [InlineData(0.25, 9, 2)]
    public void Apply_FlashOfFewShingles_StaysApart_ScaledBySampleRate(double sampleRate, int size, int expected)
    {
        int[] centerOf = Join(new Verifier.Score(size, size, size), sampleRate: sampleRate);

        Assert.Equal(expected, centerOf[2]);
    }

    [Theory]
    [InlineData(1.9, 0)]
    [InlineData(2.0, 2)]
    public void Apply_TextsDatedTwoDaysApart_StayApart(double days, int expected)
    {
        long day = TimeSpan.TicksPerDay;
        int[] centerOf = Join(new Verifier.Score(90, 100, 100), dateOf: g => g == 3 ? (long)(days * day) : 0);

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
        int[] order = [2, 3, 0, 1];
        int[] centerOf = (int[])s_twoClusters.Clone();

        int joined = ChainJoin.Apply(centerOf, Edges((1, 3, new Verifier.Score(90, 100, 100))), Rank(order), order, _ => 0, 1.0);

        Assert.Equal(1, joined);
        Assert.Equal([2, 2, 2, 2], centerOf);
    }

    [Fact]
    public void Apply_ChainOfClusters_JoinsAll_InAnyListingOrder()
    {
        // Versions 0 -> 1 -> 2 -> 3, each its own cluster; each step keeps most of both texts.
        var strong = new Verifier.Score(90, 100, 100);
        int[] order = [3, 1, 0, 2];
        int[] forward = [0, 1, 2, 3];
        int[] backward = [0, 1, 2, 3];

        ChainJoin.Apply(forward, Edges((0, 1, strong), (1, 2, strong), (2, 3, strong)), Rank(order), order, _ => 0, 1.0);
        ChainJoin.Apply(backward, Edges((2, 3, strong), (0, 1, strong), (1, 2, strong)), Rank(order), order, _ => 0, 1.0);

        Assert.Equal([3, 3, 3, 3], forward);
        Assert.Equal(forward, backward);
    }

    private static int[] Join(Verifier.Score link, double sampleRate = 1.0, Func<int, long>? dateOf = null)
    {
        int[] order = [0, 1, 2, 3];
        int[] centerOf = (int[])s_twoClusters.Clone();
        ChainJoin.Apply(centerOf, Edges((1, 3, link)), Rank(order), order, dateOf ?? (_ => long.MaxValue), sampleRate);
        return centerOf;
    }

    private static int[] Rank(int[] order)
    {
        var rank = new int[order.Length];
        for (int r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }
        return rank;
    }

    private static WeakEdges Edges(params (int A, int B, Verifier.Score Score)[] links) =>
        WeakEdges.From([.. links.Select(l => (PairKey.Ordered(l.A, l.B), l.Score))]);
}
