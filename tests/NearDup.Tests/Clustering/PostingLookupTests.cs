using NearDup.Clustering;
using NearDup.Indexing;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <c>PostingLookup.Build</c> (the query state's lookups built from runs of postings, without a table) gives the
/// lookup of the table <see cref="PostingTable{TKey}.BuildInDocumentOrder"/> builds from the same postings: the same
/// postings in the same order, and the same documents for every key looked up, present or absent. On runs of one key
/// (the band tables) and of many (the anchors of groups), with keys many runs hold (slots longer than an insertion
/// sort takes), on one thread and on slot ranges of several (a table above the builder's parallel threshold), and empty.
/// </summary>
public sealed class PostingLookupTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(5000, 1, 2)]
    [InlineData(5000, 12, 2)]
    [InlineData(40000, 30, 1)]
    [InlineData(2_300_000, 1, 3)] // above the threshold from which slot ranges are filled on threads of their own
    [InlineData(2_300_000, 40, 2)]
    public void Build_SeededRuns_SameLookupAsTable(int postings, int keysPerRun, int threads)
    {
        var random = new Random(postings + keysPerRun);
        var runs = SeededRuns(random, postings, keysPerRun);
        var keys = runs.SelectMany(run => run.Keys).ToArray();
        var owners = runs.SelectMany(run => run.Keys.Select(_ => run.Owner)).ToArray();
        var expected = new PostingLookup(PostingTable<uint>.BuildInDocumentOrder((uint[])keys.Clone(), owners));
        var actual = PostingLookup.Build(new ListedRuns(runs), keys.Length, new ParallelOptions { MaxDegreeOfParallelism = threads });

        var (expectedTable, actualTable) = (expected.ToTable(), actual.ToTable());
        Assert.Equal(expectedTable.Keys.ToArray(), actualTable.Keys.ToArray());
        Assert.Equal(expectedTable.Documents.ToArray(), actualTable.Documents.ToArray());
        var lookups = Enumerable.Range(0, 4000).Select(i => keys.Length > 0 && i % 2 == 0 ? keys[random.Next(keys.Length)] : (uint)random.NextInt64(0, 1L << 32)).ToArray();
        var (expectedFound, actualFound) = (new List<int>(), new List<int>());
        PostingLookup.Collect([expected], lookups, expectedFound);
        PostingLookup.Collect([actual], lookups, actualFound);
        Assert.Equal(expectedFound, actualFound);
        // The lookup of the saved postings (an index's anchor table) finds the same.
        var fromSaved = new List<int>();
        PostingLookup.Collect([new PostingLookup((ulong[])actual.Postings.Clone())], lookups, fromSaved);
        Assert.Equal(expectedFound, fromSaved);
        Assert.True(keys.Length < 1000 || actualFound.Count > 2000, "the lookups should find postings");
    }

    /// <summary>
    /// Runs with ascending owners, some skipped, each of distinct keys: a fifth of them from 64 keys that many runs hold,
    /// the rest spread over the whole range.
    /// </summary>
    private static List<(int Owner, uint[] Keys)> SeededRuns(Random random, int postings, int keysPerRun)
    {
        var runs = new List<(int Owner, uint[] Keys)>();
        for (int owner = 0, left = postings; left > 0; owner += random.Next(1, 3))
        {
            int count = Math.Min(left, random.Next(1, 2 * keysPerRun));
            var keys = new HashSet<uint>();
            while (keys.Count < count)
            {
                keys.Add(random.Next(5) == 0 ? (uint)random.Next(64) * 0x9E3779B1u : (uint)random.NextInt64(0, 1L << 32));
            }
            runs.Add((owner, keys.ToArray()));
            left -= count;
        }
        return runs;
    }

    private readonly struct ListedRuns(List<(int Owner, uint[] Keys)> runs) : IPostingRuns
    {
        public int Count => runs.Count;

        public int Owner(int run) => runs[run].Owner;

        public ReadOnlySpan<uint> Keys(int run) => runs[run].Keys;
    }
}
