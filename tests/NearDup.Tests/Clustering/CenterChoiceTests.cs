using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// A group copying two centers joins the one whose star holds most of its copy links, not the one it shares most with;
/// links through another center do not count, and with one link each the larger share decides.
/// </summary>
public sealed class CenterChoiceTests
{
    // Groups: 0 and 1 centers the judge kept apart; 2 a short rewrite sharing most with center 1; 3 and 4 copies of
    // center 0 that 2 also copies (the shape of Clough and Stevenson's ans-81 between src-5's group and ans-39).
    private static readonly Verifier.Score s_closeToOne = new(22, 105, 240);
    private static readonly Verifier.Score s_lessToZero = new(15, 105, 300);
    private static readonly Verifier.Score s_copyOfZero = new(60, 200, 300);
    private static readonly Verifier.Score s_rewriteToCopy = new(12, 105, 200);

    [Fact]
    public void Of_MostLinksInOneStar_JoinsThatCenter_NotTheOneSharingMost()
    {
        var links = Edges((0, 2, s_lessToZero), (1, 2, s_closeToOne), (0, 3, s_copyOfZero), (0, 4, s_copyOfZero),
            (2, 3, s_rewriteToCopy), (2, 4, s_rewriteToCopy));

        Assert.Equal(0, Choose(2, links, centers: [0, 1]));
    }

    [Fact]
    public void Of_OneLinkToEachCenter_JoinsTheOneSharingMost()
    {
        var links = Edges((0, 2, s_lessToZero), (1, 2, s_closeToOne), (0, 3, s_copyOfZero), (0, 4, s_copyOfZero));

        Assert.Equal(1, Choose(2, links, centers: [0, 1]));
    }

    [Fact]
    public void Of_LinksThroughAnotherCenter_DoNotCount()
    {
        // Group 3 is a center of its own that copies center 0: 2's link to it is no vote for 0.
        var links = Edges((0, 2, s_lessToZero), (1, 2, s_closeToOne), (0, 3, s_copyOfZero), (2, 3, s_rewriteToCopy));

        Assert.Equal(1, Choose(2, links, centers: [0, 1, 3]));
    }

    [Fact]
    public void Of_EqualLinksAndShares_JoinsTheSmallestCenter()
    {
        var links = Edges((0, 2, s_lessToZero), (1, 2, s_lessToZero));

        Assert.Equal(0, Choose(2, links, centers: [1, 0]));
    }

    private static int Choose(int g, WeakEdges links, int[] centers)
    {
        var isCenter = new bool[5];
        foreach (int c in centers)
        {
            isCenter[c] = true;
        }
        return CenterChoice.Of(g, AssignmentStage.Neighbours(isCenter.Length, links), isCenter, links);
    }

    private static WeakEdges Edges(params (int A, int B, Verifier.Score Score)[] links) =>
        WeakEdges.From([.. links.Select(l => (PairKey.Ordered(l.A, l.B), l.Score))]);
}
