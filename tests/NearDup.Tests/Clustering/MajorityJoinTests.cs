using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// A cluster joins another only when half its groups, two at least, are copies of that cluster's groups, and its
/// center comes first in center order; a group counts once however many it copies, a joining cluster takes none in,
/// and the choice is the first center in order.
/// </summary>
public sealed class MajorityJoinTests
{
    private static readonly Verifier.Score s_copy = new(30, 300, 300);

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)] // a center later in center order takes no cluster in
    public void Apply_SpinsCopyingTheOriginal_JoinItsCluster_WithTheirOwnCenter(bool originalFirst, int expectedCenter)
    {
        // Group 0 the original's (a center); 1 a heavy spin that became a center; 2 and 3 spins copying both.
        int[] centerOf = [0, 1, 1, 1];

        int moved = MajorityJoin.Apply(centerOf, Edges((0, 2), (0, 3), (1, 2), (1, 3)), originalFirst ? [0, 1, 2, 3] : [1, 0, 2, 3]);

        Assert.Equal(originalFirst ? 1 : 0, moved);
        Assert.Equal([0, expectedCenter, expectedCenter, expectedCenter], centerOf);
    }

    [Theory]
    [InlineData(2, 1, false)] // one member's link is its own say, though it is half the cluster
    [InlineData(4, 1, false)]
    [InlineData(4, 2, true)] // two of four groups: half
    [InlineData(5, 2, false)]
    public void Apply_NeedsHalfTheGroups_AndTwoAtLeast(int groups, int linkedMembers, bool joins)
    {
        // Group 0 a center alone; the cluster of groups 1 .. groups centered on 1, its members linked to 1, and the
        // first linkedMembers of them to 0.
        int[] centerOf = [0, .. Enumerable.Repeat(1, groups)];
        var links = Enumerable.Range(2, groups - 1).Select(m => (1, m))
            .Concat(Enumerable.Range(2, linkedMembers).Select(m => (0, m)));

        MajorityJoin.Apply(centerOf, Edges([.. links]), [.. Enumerable.Range(0, groups + 1)]);

        Assert.Equal(joins ? 0 : 1, centerOf[groups]);
    }

    [Fact]
    public void Apply_NoChainOfJoins_AndTheFirstCenterInOrderWins()
    {
        // Clusters {0}, {1, 2, 3}, {4, 5, 6}: 2 and 3 copy centers 0 and 4; 5 and 6 copy center 1. Cluster 1 would join
        // 0 (first in order, before 4), and cluster 4 would join 1: 1 moves, so 4 stays where it is.
        int[] centerOf = [0, 1, 1, 1, 4, 4, 4];
        var edges = Edges((1, 2), (1, 3), (0, 2), (0, 3), (4, 2), (4, 3), (4, 5), (4, 6), (1, 5), (1, 6));

        MajorityJoin.Apply(centerOf, edges, [0, 1, 4, 2, 3, 5, 6]);

        Assert.Equal([0, 0, 0, 0, 4, 4, 4], centerOf);
    }

    [Fact]
    public void Apply_ClusterCopyingTwoCenters_JoinsTheFirstInCenterOrder_NotTheLowerGroup()
    {
        // Centers 0 and 1 alone; cluster {2, 3, 4} centered on 2, whose members 3 and 4 copy both; 1 comes first.
        int[] centerOf = [0, 1, 2, 2, 2];

        MajorityJoin.Apply(centerOf, Edges((2, 3), (2, 4), (0, 3), (0, 4), (1, 3), (1, 4)), [1, 0, 2, 3, 4]);

        Assert.Equal([0, 1, 1, 1, 1], centerOf);
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, true)] // the two groups of {3, 4} each copy a member of {0, 1, 2}
    [InlineData(new[] { 1, 1 }, false)] // one group of {3, 4} copies two members: its one say
    public void Apply_CopiesOfTheOtherClustersMembers_Count_EachGroupOnce(int[] copied, bool joins)
    {
        // Clusters {0, 1, 2} (center 0) and {3, 4} (center 3); group 3 copies copied[0], group 3 or 4 copied[1].
        int[] centerOf = [0, 0, 0, 3, 3];
        var edges = copied[0] == copied[1]
            ? Edges((0, 1), (0, 2), (3, 4), (3, 1), (3, 2))
            : Edges((0, 1), (0, 2), (3, 4), (3, copied[0]), (4, copied[1]));

        MajorityJoin.Apply(centerOf, edges, [0, 1, 2, 3, 4]);

        Assert.Equal(joins ? 0 : 3, centerOf[4]);
    }

    private static WeakEdges Edges(params (int A, int B)[] links) =>
        WeakEdges.From([.. links.Select(l => (PairKey.Ordered(l.A, l.B), s_copy))]);
}
