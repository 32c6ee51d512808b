using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A query's candidates after a batch run, counted by strong group from the anchor partitions' rows of documents: a key
/// counts for a group when its core holds it, as the single machine's table of cores counts it.
/// </summary>
public sealed class GroupedCandidatesTests
{
    private static readonly StoredGroup s_three = new(["a", "b", "c"], RepresentativeFingerprints: 900);
    private static readonly StoredGroup s_pair = new(["p", "q"], RepresentativeFingerprints: 900);
    private static readonly StoredGroup s_shortPair = new(["s", "t"], RepresentativeFingerprints: 100);

    private static readonly Dictionary<string, StoredGroup> s_groups = new(StringComparer.Ordinal)
    {
        ["a"] = s_three,
        ["b"] = s_three,
        ["c"] = s_three,
        ["p"] = s_pair,
        ["q"] = s_pair,
        ["s"] = s_shortPair,
        ["t"] = s_shortPair,
    };

    private static KeyEntry Row(ulong key, string id) => new(0, key, id, 0);

    [Fact]
    public void Find_KeyHeldByOneOfThree_NotInTheCore()
    {
        // Keys 1 and 2 are one member's own (a site's header): two of three members must hold a key for the core to. So
        // key 3 is x's alone, a distinctive key, though b holds it too.
        KeyEntry[] rows = [Row(1, "a"), Row(2, "a"), Row(3, "b"), Row(3, "x")];
        var (candidates, _, ifShort) = GroupedCandidates.Find(new HashSet<string>(), rows, s_groups, minSharedAnchors: 2, queryIsShort: false);
        Assert.Equal(["x"], candidates);
        Assert.Equal(["x"], ifShort);
    }

    [Fact]
    public void Find_TwoCoreKeysOfThree_EveryMemberAnchorOnly()
    {
        KeyEntry[] rows = [Row(1, "a"), Row(1, "b"), Row(2, "b"), Row(2, "c"), Row(1, "x")];
        var (candidates, anchorOnly, ifShort) = GroupedCandidates.Find(new HashSet<string>(), rows, s_groups, minSharedAnchors: 2, queryIsShort: false);
        Assert.Equal(["a", "b", "c"], candidates.Order(StringComparer.Ordinal));
        Assert.Equal(candidates, anchorOnly);
        Assert.Empty(ifShort);
    }

    [Fact]
    public void Find_PairMembersHoldingOneKeyEach_ThePairHoldsTwo()
    {
        // A pair's core is both texts: one key each is two for the group, though neither document holds two.
        KeyEntry[] rows = [Row(5, "p"), Row(6, "q")];
        var (candidates, _, _) = GroupedCandidates.Find(new HashSet<string>(), rows, s_groups, minSharedAnchors: 2, queryIsShort: false);
        Assert.Equal(["p", "q"], candidates.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Find_OneMemberKeyed_WholeGroupKeyedNotAnchorOnly()
    {
        KeyEntry[] rows = [Row(1, "a"), Row(1, "b"), Row(2, "a"), Row(2, "b")];
        var (candidates, anchorOnly, _) = GroupedCandidates.Find(new HashSet<string>(["c"]), rows, s_groups, minSharedAnchors: 2, queryIsShort: false);
        Assert.Equal(["a", "b", "c"], candidates.Order(StringComparer.Ordinal));
        Assert.Empty(anchorOnly);
    }

    [Fact]
    public void Find_DistinctiveKey_GroupDecidedOnItsRepresentative_SingleLeftToItsPartition()
    {
        // Each key one group's core alone holds: a short representative lets it count twice; a long one does not; a
        // document of a group of one is decided where its size is known.
        KeyEntry[] rows = [Row(7, "s"), Row(8, "p"), Row(9, "y")];
        var (candidates, anchorOnly, ifShort) = GroupedCandidates.Find(new HashSet<string>(), rows, s_groups, minSharedAnchors: 2, queryIsShort: false);
        Assert.Equal(["s", "t", "y"], candidates.Order(StringComparer.Ordinal));
        Assert.Equal(candidates, anchorOnly);
        Assert.Equal(["y"], ifShort);

        var (shortQuery, _, noCheck) = GroupedCandidates.Find(new HashSet<string>(), rows, s_groups, minSharedAnchors: 2, queryIsShort: true);
        Assert.Equal(["p", "q", "s", "t", "y"], shortQuery.Order(StringComparer.Ordinal));
        Assert.Empty(noCheck);
    }

    [Fact]
    public void Find_KeyInTwoCores_NotDistinctive()
    {
        KeyEntry[] rows = [Row(7, "s"), Row(7, "y")];
        var (candidates, _, _) = GroupedCandidates.Find(new HashSet<string>(), rows, s_groups, minSharedAnchors: 2, queryIsShort: true);
        Assert.Empty(candidates);
    }
}
