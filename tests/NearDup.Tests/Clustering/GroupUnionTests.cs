using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The merged union of a group's fingerprints, which the boilerplate counters ask for instead of stored unions.</summary>
public sealed class GroupUnionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(40)]
    public void UnionOf_Members_EqualsTheSetUnion(int members)
    {
        var random = new Random(members);
        var store = new SketchStore(bands: 1);
        var expected = new SortedSet<uint>();
        for (int m = 0; m < members; m++)
        {
            // Overlapping ranges, so that members share fingerprints, and now and then an empty member.
            int count = random.Next(0, 8) == 0 ? 0 : random.Next(1, 3_000);
            var fingerprints = new SortedSet<uint>();
            while (fingerprints.Count < count)
            {
                fingerprints.Add((uint)random.Next(0, 5_000) * 3);
            }
            if (m == 0 && count > 0)
            {
                fingerprints.Add(uint.MaxValue);
                fingerprints.Add(0);
            }
            expected.UnionWith(fingerprints);
            store.Add("d" + m, 0, 0, 0, fingerprints.Count, [0], [.. fingerprints], []);
        }
        var table = new DocumentTable(store, [.. Enumerable.Range(0, members)]);
        var all = Enumerable.Range(0, members).ToArray();
        Assert.Equal(expected, GroupUnion.Of(table, all).ToArray());
        // The thread's buffers are reused: a second, smaller union is still exact.
        Assert.Equal(table.Fingerprints(0).ToArray(), GroupUnion.Of(table, all.AsSpan(0, 1)).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(40)]
    public void OfKept_Members_EqualsTheUnionFiltered(int members)
    {
        var random = new Random(100 + members);
        var store = new SketchStore(bands: 1);
        for (int m = 0; m < members; m++)
        {
            // Members share most of their fingerprints, as a group's copies do; now and then one is empty.
            int count = random.Next(0, 8) == 0 ? 0 : random.Next(1, 3_000);
            var fingerprints = new SortedSet<uint>();
            while (fingerprints.Count < count)
            {
                fingerprints.Add((uint)random.Next(0, 4_000) * 1_000_003u);
            }
            store.Add("d" + m, 0, 0, 0, fingerprints.Count, [0], [.. fingerprints], []);
        }
        var table = new DocumentTable(store, [.. Enumerable.Range(0, members)]);
        var all = Enumerable.Range(0, members).ToArray();
        // A slot in eight passed, over 2^16 slots: most fingerprints are dropped, some of every member kept.
        const int SlotBits = 16;
        var passing = new ulong[(1 << SlotBits) / 64];
        for (int w = 0; w < passing.Length; w++)
        {
            passing[w] = (ulong)random.NextInt64() & (ulong)random.NextInt64() & (ulong)random.NextInt64();
        }
        var keep = PassingFilter.Fold(passing, passing.Sum(w => (long)System.Numerics.BitOperations.PopCount(w)), SlotBits);

        var expected = GroupUnion.Of(table, all).ToArray().Where(fp => keep.Keep(BoilerplateFilter.ProductOf(fp)) == 1).ToArray();

        Assert.Equal(expected, GroupUnion.OfKept(table, all, keep).ToArray());
        Assert.Equal(expected, BoilerplateFilter.KeepPassing(GroupUnion.Of(table, all), keep).ToArray());
        if (members > 1)
        {
            Assert.True(expected.Length < GroupUnion.Of(table, all).Length, "the filter dropped nothing");
        }
    }

    /// <summary>The shapes a group's copies take: the same set, one set inside the other, and sets apart.</summary>
    [Theory]
    [InlineData(0.0, 0.0)]   // exact copies
    [InlineData(0.0, 0.2)]   // the other holds the first and a fifth more (a wrapped copy)
    [InlineData(0.1, 0.1)]
    [InlineData(0.9, 0.9)]
    public void MergeDistinct_CopiesOfOneSet_EqualsTheSetUnion(double dropped, double added)
    {
        var random = new Random((int)(100 * dropped + 10 * added));
        var first = new SortedSet<uint>();
        while (first.Count < 1_000)
        {
            first.Add((uint)random.NextInt64(0, 1L << 32));
        }
        var second = new SortedSet<uint>(first.Where(_ => random.NextDouble() >= dropped));
        int wanted = second.Count + (int)(added * first.Count);
        while (second.Count < wanted)
        {
            second.Add((uint)random.NextInt64(0, 1L << 32));
        }
        var expected = first.Union(second).Order().ToArray();
        var output = new uint[first.Count + second.Count];

        Assert.Equal(expected, output[..GroupUnion.MergeDistinct([.. first], [.. second], output)]);
        Assert.Equal(expected, output[..GroupUnion.MergeDistinct([.. second], [.. first], output)]);
    }

    [Fact]
    public void MergeDistinct_EdgeCases()
    {
        var output = new uint[8];
        Assert.Equal(0, GroupUnion.MergeDistinct([], [], output));
        Assert.Equal(3, GroupUnion.MergeDistinct([1, 2, 3], [], output));
        Assert.Equal([1u, 2, 3], output[..3]);
        Assert.Equal(4, GroupUnion.MergeDistinct([1, 3], [0, 1, 3, uint.MaxValue], output));
        Assert.Equal([0u, 1, 3, uint.MaxValue], output[..4]);
    }
}
