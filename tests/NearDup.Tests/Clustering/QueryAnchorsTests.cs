using NearDup.Clustering;
using NearDup.Indexing;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="QueryAnchors.Collect"/> (all of a query's anchor lookups in prefetching passes) finds, anchor by anchor,
/// the groups <see cref="PostingTable{TKey}.Find"/> finds: on seeded tables with long and single-posting runs, keys
/// absent from the table, fingerprints that are not anchors, a table of one key and an empty one.
/// </summary>
public sealed class QueryAnchorsTests
{
    [Theory]
    [InlineData(0, 7u, 50)]
    [InlineData(1, 7u, 50)]
    [InlineData(3000, 7u, 400)]
    [InlineData(20000, 7u, 2000)]
    [InlineData(20000, 0u, 2000)]
    public void Collect_SeededTable_FindsWhatFindFinds(int postings, uint anchorMask, int lookups)
    {
        var random = new Random(postings + lookups);
        var keys = new uint[postings];
        var groups = new int[postings];
        for (int i = 0; i < postings; i++)
        {
            // A few keys repeat (runs of several groups); the rest are spread over the whole range.
            keys[i] = random.Next(4) == 0 ? (uint)random.Next(64) << 24 : (uint)random.NextInt64(0, 1L << 32) & ~anchorMask;
            groups[i] = random.Next(postings + 1);
        }
        var table = PostingTable<uint>.Build((uint[])keys.Clone(), groups);
        var fingerprints = new uint[lookups];
        for (int i = 0; i < lookups; i++)
        {
            // Half from the table (some of them not anchors under the mask), half random, mostly absent.
            fingerprints[i] = postings > 0 && i % 2 == 0 ? keys[random.Next(postings)] ^ (uint)random.Next(2) : (uint)random.NextInt64(0, 1L << 32);
        }
        var expected = new List<int>();
        foreach (uint fp in fingerprints)
        {
            if ((fp & anchorMask) == 0)
            {
                expected.AddRange(table.Find(fp).ToArray());
            }
        }
        var actual = new List<int>();
        new QueryAnchors(table).Collect(fingerprints, anchorMask, actual);
        Assert.Equal(expected, actual);
        Assert.True(postings < 1000 || expected.Count > lookups / 4, "the lookups should find postings");
    }

    [Fact]
    public void Collect_TwiceOnOneThread_ReusesScratchWithoutCarryingOver()
    {
        var table = PostingTable<uint>.Build([8, 8, 16, 24], [1, 2, 3, 4]);
        var anchors = new QueryAnchors(table);
        var first = new List<int>();
        anchors.Collect([8, 16, 24, 32, 40, 48, 56, 64], 7, first);
        var second = new List<int>();
        anchors.Collect([24], 7, second);
        Assert.Equal([1, 2, 3, 4], first);
        Assert.Equal([4], second);
    }
}
