using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// A center left with no members joins the cluster of a member it copies only when that member is mostly the center's
/// text, the orphan shares verified text with the center, not much of it, and neither text is a flash: each condition
/// alone keeps it out.
/// </summary>
public sealed class OrphanJoinTests
{
    // Groups: 0 the center, 1 its member (an excerpt holding 0.75 of it), 2 the orphan, a copy of 1.
    private static readonly Verifier.Score s_memberOfCenter = new(60, 100, 80);
    private static readonly Verifier.Score s_orphanToMember = new(30, 80, 100);
    private static readonly Verifier.Score s_orphanToCenter = new(10, 100, 100);

    [Fact]
    public void Apply_CopyOfAnExcerptSharingLittleWithTheCenter_JoinsTheCenter()
    {
        int[] centerOf = Join(s_memberOfCenter, s_orphanToMember, s_orphanToCenter);

        Assert.Equal([0, 0, 0], centerOf);
    }

    [Fact]
    public void Apply_NoVerifiedTextSharedWithTheCenter_StaysApart()
    {
        int[] centerOf = Join(s_memberOfCenter, s_orphanToMember, orphanToCenter: null);

        Assert.Equal([0, 0, 2], centerOf);
    }

    [Fact]
    public void Apply_MuchSharedWithTheCenterYetJudgedReuse_StaysApart()
    {
        // A series item: 40 of 100 shingles shared with the center, and the judge still said reuse.
        int[] centerOf = Join(s_memberOfCenter, s_orphanToMember, new Verifier.Score(40, 100, 100));

        Assert.Equal([0, 0, 2], centerOf);
    }

    [Theory]
    [InlineData(24, 2)]
    [InlineData(31, 2)]
    [InlineData(32, 0)]
    [InlineData(35, 0)]
    public void Apply_MemberHoldingUnderFourTenthsOfTheCenter_OrphanStaysApart(int memberSharesOf80, int expected)
    {
        // 32 of the member's 80 shingles is 0.4 of it; 35 is a second outlet's rewrite of one release.
        int[] centerOf = Join(new Verifier.Score(memberSharesOf80, 100, 80), s_orphanToMember, s_orphanToCenter);

        Assert.Equal([0, 0, expected], centerOf);
    }

    [Theory]
    [InlineData(1.0, 39, 2)]
    [InlineData(1.0, 40, 0)]
    [InlineData(0.5, 20, 0)]
    public void Apply_FlashOfFewShingles_StaysApart_ScaledBySampleRate(double sampleRate, int memberSize, int expected)
    {
        var memberOfCenter = new Verifier.Score(memberSize * 3 / 4, 100, memberSize);
        var orphanToMember = new Verifier.Score(memberSize / 2, memberSize, 100);

        int[] centerOf = Join(memberOfCenter, orphanToMember, s_orphanToCenter, sampleRate);

        Assert.Equal(expected, centerOf[2]);
    }

    [Theory]
    [InlineData(2, 10, 0)]
    [InlineData(1, 10, 3)]
    [InlineData(2, null, 3)]
    [InlineData(2, 40, 3)]
    public void Apply_CopiesTwoRewritesOfTheCenter_JoinsIfItSharesLittleVerifiedTextWithTheCenter(int copiedMembers, int? sharedWithCenter, int expected)
    {
        // Center 0, its rewrites 1 and 2 holding 0.3 of it (under MemberHoldsCenter), the orphan 3 copying one or both.
        var rewrite = new Verifier.Score(24, 100, 80);
        var links = new List<(int, int, Verifier.Score)> { (0, 1, rewrite), (0, 2, rewrite), (1, 3, s_orphanToMember) };
        if (copiedMembers == 2)
        {
            links.Add((2, 3, s_orphanToMember));
        }
        var copies = Edges([.. links]);
        var reuse = sharedWithCenter is int shared ? Edges((0, 3, new Verifier.Score(shared, 100, 100))) : Edges();
        int[] centerOf = [0, 0, 0, 3];

        OrphanJoin.Apply(centerOf, Neighbours(4, copies), copies, reuse, 1.0);

        Assert.Equal(expected, centerOf[3]);
    }

    [Fact]
    public void Apply_SecondCopiedMemberAFlash_StaysApart()
    {
        // As above with both rewrites copied, but the link to the second joins a flash of 20 shingles.
        var rewrite = new Verifier.Score(24, 100, 80);
        var copies = Edges((0, 1, rewrite), (0, 2, rewrite), (1, 3, s_orphanToMember), (2, 3, new Verifier.Score(15, 20, 100)));
        int[] centerOf = [0, 0, 0, 3];

        OrphanJoin.Apply(centerOf, Neighbours(4, copies), copies, Edges((0, 3, s_orphanToCenter)), 1.0);

        Assert.Equal(3, centerOf[3]);
    }

    [Fact]
    public void Apply_CenterWithMembers_StaysItsOwnCenter()
    {
        // Group 3 is a member of the would-be orphan 2.
        var copies = Edges((0, 1, s_memberOfCenter), (1, 2, s_orphanToMember), (2, 3, s_orphanToMember));
        int[] centerOf = [0, 0, 2, 2];

        int moved = OrphanJoin.Apply(centerOf, Neighbours(4, copies), copies, Edges((0, 2, s_orphanToCenter)), 1.0);

        Assert.Equal(0, moved);
        Assert.Equal([0, 0, 2, 2], centerOf);
    }

    [Fact]
    public void Apply_TwoClustersQualify_JoinsTheSmallerCenter_NotTheFirstFound()
    {
        // Centers 0 and 3, members 4 and 1; the orphan 2 copies both members and meets member 1 (of center 3) first.
        var copies = Edges((3, 1, s_memberOfCenter), (0, 4, s_memberOfCenter), (2, 4, s_orphanToMember), (1, 2, s_orphanToMember));
        var reuse = Edges((2, 3, s_orphanToCenter), (0, 2, s_orphanToCenter));
        int[] centerOf = [0, 3, 2, 3, 0];

        OrphanJoin.Apply(centerOf, Neighbours(5, copies), copies, reuse, 1.0);

        Assert.Equal(0, centerOf[2]);
    }

    private static int[] Join(Verifier.Score memberOfCenter, Verifier.Score orphanToMember, Verifier.Score? orphanToCenter, double sampleRate = 1.0)
    {
        var copies = Edges((0, 1, memberOfCenter), (1, 2, orphanToMember));
        var reuse = orphanToCenter is { } score ? Edges((0, 2, score)) : Edges();
        int[] centerOf = [0, 0, 2];
        OrphanJoin.Apply(centerOf, Neighbours(3, copies), copies, reuse, sampleRate);
        return centerOf;
    }

    private static WeakEdges Edges(params (int A, int B, Verifier.Score Score)[] links) =>
        WeakEdges.From([.. links.Select(l => (PairKey.Ordered(l.A, l.B), l.Score))]);

    private static Adjacency Neighbours(int groups, WeakEdges links)
    {
        var lists = Enumerable.Range(0, groups).Select(_ => new List<int>()).ToArray();
        foreach (long key in links.Keys)
        {
            var (a, b) = PairKey.Unpack(key);
            lists[a].Add(b);
            lists[b].Add(a);
        }
        var starts = new int[groups + 1];
        for (int g = 0; g < groups; g++)
        {
            starts[g + 1] = starts[g] + lists[g].Count;
        }
        return new Adjacency(starts, [.. lists.SelectMany(l => l)]);
    }
}
