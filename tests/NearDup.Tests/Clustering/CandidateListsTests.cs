using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Boilerplate pass 2 and the sizes from one read of each document (<see cref="CandidateLists"/>, through
/// <see cref="BoilerplateStage.CountAndSize"/>) against the two-pass reference (<see cref="BoilerplateStage.Count"/>
/// over the groups' unions, then <see cref="BoilerplateStage.Sizes"/>), on random groups whose members repeat shared
/// fingerprints, by one to three workers, in group order and in a shuffled order.
/// </summary>
public sealed class CandidateListsTests
{
    [Theory]
    [InlineData(1, 3, false)]
    [InlineData(2, 4, true)]
    [InlineData(3, 2, true)]
    [InlineData(2, 16, false)]
    public void CountAndSize_RandomGroups_SameAsTwoPassReference(int workers, int threshold, bool shuffled)
    {
        var random = new Random(100 * workers + threshold);
        var (docs, groups) = RandomGroups(random, documents: 700);
        var options = new NearDupOptions { CommonShingleDocuments = threshold, MaxDegreeOfParallelism = workers };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        int[]? order = shuffled ? [.. Enumerable.Range(0, groups.Count).OrderBy(_ => random.Next())] : null;

        var expected = BoilerplateStage.Count(docs, options, groups);
        var expectedSizes = BoilerplateStage.Sizes(docs, expected, parallel);
        var (common, sizes) = BoilerplateStage.CountAndSize(docs, options, groups, order, workers, parallel);

        Assert.NotEmpty(expected.Common.ToArray());
        Assert.Contains(Enumerable.Range(0, docs.Count), i => expectedSizes[i] < docs.FingerprintCount(i));
        Assert.Equal(expected.Common.ToArray(), common.Common.ToArray());
        Assert.Equal(expectedSizes, sizes);
    }

    [Fact]
    public void Gather_KeepsExactlyTheFingerprintsWhoseSlotPassed()
    {
        var random = new Random(7);
        var (docs, groups) = RandomGroups(random, documents: 300);
        var passing = BoilerplateFilter.PassOne(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), 1, threshold: 3, maxDegreeOfParallelism: 2);

        var lists = CandidateLists.Gather(docs, passing, [.. Enumerable.Range(0, docs.Count).Reverse()], workers: 2, spill: null, runs: null, CancellationToken.None)!;

        Assert.NotEqual(0, lists.Total);
        for (int i = 0; i < docs.Count; i++)
        {
            var expected = docs.Fingerprints(i).ToArray().Where(fp => passing.Passes(BoilerplateFilter.ProductOf(fp)));
            Assert.Equal(expected, lists.Of(i).ToArray());
        }
    }

    /// <summary>
    /// The groups counted a few at a time (chunks of about 40 candidates a worker, so dozens of chunks) and all at once
    /// count every candidate the same, over part of the buckets as over all.
    /// </summary>
    [Theory]
    [InlineData(1, 0, 16)]
    [InlineData(2, 0, 16)]
    [InlineData(3, 5, 11)]
    public void CountGroups_InChunks_CountsAsAllAtOnce(int workers, int firstBucket, int endBucket)
    {
        var random = new Random(workers * 7 + firstBucket);
        var (docs, groups) = RandomGroups(random, documents: 600);
        var passing = BoilerplateFilter.PassOne(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), 1, threshold: 2, maxDegreeOfParallelism: 2);
        var lists = CandidateLists.Gather(docs, passing, [.. Enumerable.Range(0, docs.Count)], workers: 2, spill: null, runs: null, CancellationToken.None)!;
        const int BucketBits = 4;
        var once = new BoilerplateCandidates(1 << BucketBits);
        lists.CountGroups(groups, once, BucketBits, workers: 1, firstBucket, endBucket, chunkCandidates: 1L << 40);
        var chunked = new BoilerplateCandidates(1 << BucketBits);

        lists.CountGroups(groups, chunked, BucketBits, workers, firstBucket, endBucket, chunkCandidates: 40);

        Assert.True(once.Distinct > 50, $"{once.Distinct} distinct candidates");
        Assert.Equal(once.Distinct, chunked.Distinct);
        for (int i = 0; i < docs.Count; i++)
        {
            foreach (uint fp in lists.Of(i))
            {
                int bucket = (int)(fp >> (32 - BucketBits));
                Assert.Equal(once.CountOf(bucket, BoilerplateFilter.ProductOf(fp)), chunked.CountOf(bucket, BoilerplateFilter.ProductOf(fp)));
            }
        }
    }

    /// <summary>
    /// More candidates than a room's first array holds (every slot passes at threshold 1): each worker fills several
    /// arrays, and every document's list is still its own fingerprints, whichever array it landed in.
    /// </summary>
    [Fact]
    public void Gather_PastARoomsFirstArray_KeepsEveryDocumentsCandidates()
    {
        var random = new Random(11);
        var (docs, groups) = RandomGroups(random, documents: 4_000);
        var passing = BoilerplateFilter.PassOne(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), 1, threshold: 1, maxDegreeOfParallelism: 2);

        var lists = CandidateLists.Gather(docs, passing, [.. Enumerable.Range(0, docs.Count)], workers: 2, spill: null, runs: null, CancellationToken.None)!;

        Assert.True(lists.Total > 3 * (1 << 16), $"{lists.Total} candidates");
        for (int i = 0; i < docs.Count; i++)
        {
            Assert.Equal(docs.Fingerprints(i).ToArray(), lists.Of(i).ToArray());
        }
    }

    /// <summary>
    /// Documents of random fingerprints plus a few from a shared pool, in groups of one to six whose later members
    /// repeat the first member's shared fingerprints about half the time (so a fingerprint held by several members
    /// of one group must count once).
    /// </summary>
    internal static (DocumentTable Docs, GroupLayout Groups) RandomGroups(Random random, int documents)
    {
        var pool = Enumerable.Range(0, 200).Select(_ => (uint)random.Next()).ToArray();
        var groupOf = new int[documents];
        var rep = new List<int>();
        var store = new SketchStore(bands: 1);
        var sets = new List<SortedSet<uint>>();
        for (int d = 0; d < documents; d++)
        {
            bool joins = d > 0 && random.Next(3) != 0 && d - rep[groupOf[d - 1]] < 6;
            groupOf[d] = joins ? groupOf[d - 1] : rep.Count;
            if (!joins)
            {
                rep.Add(d);
            }
            var set = new SortedSet<uint>(Enumerable.Range(0, random.Next(0, 150)).Select(_ => (uint)random.Next()));
            set.UnionWith(Enumerable.Range(0, random.Next(0, 8)).Select(_ => pool[random.Next(pool.Length)]));
            if (joins && random.Next(2) == 0)
            {
                set.UnionWith(sets[rep[groupOf[d]]].Where(pool.Contains));
            }
            sets.Add(set);
            store.Add($"d{d:D4}", 0, 0, 0, set.Count, [0], [.. set], []);
        }
        return (new DocumentTable(store, [.. Enumerable.Range(0, documents)]), GroupStage.Lay(new StrongGroups(groupOf, [.. rep])));
    }
}
