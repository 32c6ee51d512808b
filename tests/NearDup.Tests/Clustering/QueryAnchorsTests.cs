using NearDup.Clustering;
using NearDup.Indexing;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <c>QueryAnchors.Collect</c> and <c>PostingLookup.Collect</c> (a query's lookups in prefetching passes)
/// find, key by key, what <see cref="PostingTable{TKey}.Find"/> finds: on seeded tables with long and single-posting
/// runs (one large enough for huge pages), keys absent from the table, fingerprints that are not anchors, a table of one key and an empty one,
/// one key in each of several tables (the band tables), and the band keys and the anchors in one call, which also
/// gives the posting of each anchor that one posting alone holds (a key the query and one group alone hold).
/// </summary>
public sealed class QueryAnchorsTests
{
    [Theory]
    [InlineData(0, 7u, 50)]
    [InlineData(1, 7u, 50)]
    [InlineData(3000, 7u, 400)]
    [InlineData(20000, 7u, 2000)]
    [InlineData(20000, 0u, 2000)]
    [InlineData(2_200_000, 7u, 5000)] // 17.6 MB of postings: on huge pages where Linux gives them (HugePages.MinBytes)
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

    [Fact]
    public void Collect_OneKeyPerTable_FindsWhatEachTableFinds()
    {
        var random = new Random(25);
        var tables = new PostingTable<uint>[25];
        var keys = new uint[tables.Length];
        for (int t = 0; t < tables.Length; t++)
        {
            int postings = t == 3 ? 0 : random.Next(1, 3000);
            var tableKeys = Enumerable.Range(0, postings).Select(_ => (uint)random.Next(postings / 2 + 1) * 0x9E3779B1u).ToArray();
            tables[t] = PostingTable<uint>.Build((uint[])tableKeys.Clone(), Enumerable.Range(0, postings).ToArray());
            keys[t] = t % 4 == 1 || postings == 0 ? (uint)random.NextInt64(0, 1L << 32) : tableKeys[random.Next(postings)];
        }
        var expected = new List<int>();
        for (int t = 0; t < tables.Length; t++)
        {
            expected.AddRange(tables[t].Find(keys[t]).ToArray());
        }
        var actual = new List<int>();
        PostingLookup.Collect(tables.Select(t => new PostingLookup(t)).ToArray(), keys, actual);
        Assert.Equal(expected, actual);
        Assert.True(expected.Count >= 18, "most keys should be found");
    }

    [Theory]
    [InlineData(25, 3000, 7u)]
    [InlineData(1, 20000, 7u)]
    [InlineData(4, 0, 0u)]
    public void Collect_BandsAndAnchorsInOneCall_FindWhatTwoCallsFind(int bands, int postings, uint anchorMask)
    {
        var random = new Random(bands * 31 + postings);
        var bandTables = new PostingLookup[bands];
        var bandKeys = new uint[bands];
        for (int t = 0; t < bands; t++)
        {
            var tableKeys = Enumerable.Range(0, 500).Select(_ => (uint)random.Next(200) * 0x9E3779B1u).ToArray();
            bandTables[t] = new PostingLookup(PostingTable<uint>.Build((uint[])tableKeys.Clone(), Enumerable.Range(0, tableKeys.Length).ToArray()));
            bandKeys[t] = t % 3 == 2 ? (uint)random.NextInt64(0, 1L << 32) : tableKeys[random.Next(tableKeys.Length)];
        }
        var keys = Enumerable.Range(0, postings).Select(_ => random.Next(3) == 0 ? (uint)random.Next(16) << 28 : (uint)random.NextInt64(0, 1L << 32)).ToArray();
        var anchors = new QueryAnchors(PostingTable<uint>.Build((uint[])keys.Clone(), Enumerable.Range(0, postings).Select(i => i % 977).ToArray()));
        var fingerprints = Enumerable.Range(0, 600).Select(i => postings > 0 && i % 2 == 0 ? keys[random.Next(postings)] : (uint)random.NextInt64(0, 1L << 32)).ToArray();
        var expectedFound = new List<int> { -1 };
        PostingLookup.Collect(bandTables, bandKeys, expectedFound);
        var expectedHits = new List<int> { -2 };
        anchors.Collect(fingerprints, anchorMask, expectedHits);
        var table = anchors.ToTable();
        var expectedSingle = fingerprints.Where(fp => (fp & anchorMask) == 0).Select(fp => table.Find(fp).ToArray()).Where(f => f.Length == 1)
            .Select(f => f[0]).ToList();
        var found = new List<int> { -1 };
        var hits = new List<int> { -2 };
        var single = new List<int>();
        anchors.Collect(fingerprints, anchorMask, bandTables, bandKeys, found, hits, single);
        Assert.Equal(expectedFound, found);
        Assert.Equal(expectedHits, hits);
        Assert.Equal(expectedSingle, single);
        Assert.True(postings == 0 || single.Count > 10, "some anchors should have one posting");
        Assert.True(bands < 4 || found.Count > bands / 2, "most band keys should be found");
        Assert.True(postings == 0 || hits.Count > 100, "the anchors should find postings");
    }
}
