using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The cores' anchors gathered as the cores are computed: each group's are its core's fingerprints whose masked bits
/// are clear, in the core's order, whichever part of a round added them; past the budget all are dropped.
/// </summary>
public sealed class CoreAnchorsTests
{
    private const uint Mask = 3;

    [Fact]
    public void Add_InParts_HoldsEachCoresAnchors()
    {
        var (cores, fingerprints) = Cores(groups: 40);
        var anchors = new CoreAnchors(40, Mask, budgetBytes: long.MaxValue);

        int[] order = [.. Enumerable.Range(0, 40).Reverse()];
        anchors.Add(cores, order.AsSpan(0, 25));
        anchors.Add(cores, order.AsSpan(25));
        anchors.Add(cores, []);

        Assert.False(anchors.Dropped);
        long expected = 0;
        for (int g = 0; g < 40; g++)
        {
            uint[] own = [.. fingerprints[g].Where(fp => (fp & Mask) == 0)];
            Assert.Equal(own, anchors[g].ToArray());
            expected += own.Length;
        }
        Assert.NotEqual(0, expected);
        Assert.Equal(expected * sizeof(uint), anchors.Bytes);
    }

    [Fact]
    public void Add_PastBudget_DropsThemAll()
    {
        var (cores, fingerprints) = Cores(groups: 40);
        long firstHalf = Enumerable.Range(0, 20).Sum(g => fingerprints[g].Count(fp => (fp & Mask) == 0)) * sizeof(uint);
        var anchors = new CoreAnchors(40, Mask, budgetBytes: firstHalf);

        anchors.Add(cores, [.. Enumerable.Range(0, 20)]);
        Assert.False(anchors.Dropped);
        anchors.Add(cores, [.. Enumerable.Range(20, 20)]);

        Assert.True(anchors.Dropped);
    }

    /// <summary>Groups of several whose cores are random ascending fingerprints (their documents are never read).</summary>
    private static (GroupCores Cores, uint[][] Fingerprints) Cores(int groups)
    {
        var random = new Random(groups);
        var fingerprints = new uint[groups][];
        for (int g = 0; g < groups; g++)
        {
            fingerprints[g] = [.. new SortedSet<uint>(Enumerable.Range(0, random.Next(0, 200)).Select(_ => (uint)random.Next()))];
        }
        var docs = new DocumentTable(new SketchStore(bands: 1), []);
        return (GroupCores.Of(docs, new int[groups], g => fingerprints[g]), fingerprints);
    }
}
