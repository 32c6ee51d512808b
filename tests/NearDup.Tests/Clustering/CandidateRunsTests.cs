using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Boilerplate candidates past a memory budget (<see cref="CandidateRuns"/>): with the budget forced down to a few
/// bytes, so that every few documents make a run and every partition a round, the boilerplate, the sizes and the
/// clusters are those of the lists in memory.
/// </summary>
public sealed class CandidateRunsTests
{
    [Theory]
    [InlineData(1, 3, 1L)]
    [InlineData(2, 4, 256L)]
    [InlineData(3, 2, 4_096L)]
    public void CountAndSize_TinyBudget_SameAsInMemory(int workers, int threshold, long budget)
    {
        var random = new Random(10 * workers + threshold);
        var (docs, groups) = CandidateListsTests.RandomGroups(random, documents: 700);
        using var folder = new SketchStoreTests.SpillFolder();
        var options = new NearDupOptions { CommonShingleDocuments = threshold, MaxDegreeOfParallelism = workers };
        var capped = options with { SpillDirectory = folder.Path, CandidateBudgetBytes = budget };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        int[] order = [.. Enumerable.Range(0, groups.Count).OrderBy(_ => random.Next())];

        var (common, sizes) = BoilerplateStage.CountAndSize(docs, options, groups, order, workers, parallel);
        var (runCommon, runSizes) = BoilerplateStage.CountAndSize(docs, capped, groups, order, workers, parallel);

        Assert.NotEmpty(common.Common.ToArray());
        Assert.Equal(common.Common.ToArray(), runCommon.Common.ToArray());
        Assert.Equal(sizes, runSizes);
    }

    [Fact]
    public void Gather_PastTheBudget_WritesRunsThatCountTheSame()
    {
        var (docs, groups) = CandidateListsTests.RandomGroups(new Random(5), documents: 400);
        var passing = BoilerplateFilter.PassOne(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), 1, threshold: 3, maxDegreeOfParallelism: 2);
        int[] order = [.. Enumerable.Range(0, docs.Count)];
        using var folder = new SketchStoreTests.SpillFolder();
        using var runs = new CandidateRuns(folder.Path, passing.BucketBits, budgetBytes: 512);
        using var roomy = new CandidateRuns(folder.Path, passing.BucketBits, budgetBytes: long.MaxValue);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 2 };

        var lists = CandidateLists.Gather(docs, passing, order, workers: 2, spill: null, runs: null, CancellationToken.None)!;
        var kept = CandidateLists.Gather(docs, passing, order, workers: 2, spill: null, roomy, CancellationToken.None);
        var spilled = CandidateLists.Gather(docs, passing, order, workers: 2, spill: null, runs, CancellationToken.None);

        Assert.NotNull(kept);
        Assert.False(roomy.Spilled);
        Assert.Null(spilled);
        Assert.True(runs.Spilled);
        Assert.True(runs.Bytes > lists.Total * sizeof(uint), $"{runs.Bytes} bytes written for {lists.Total} candidates");
        var expected = BoilerplateFilter.FromCandidates(lists.CountGroups(groups, passing.BucketBits, workers: 2), threshold: 3);
        var (common, sizes) = runs.CountAndSize(docs, groups, passing.BucketBits, threshold: 3, workers: 2, parallel);
        Assert.NotEmpty(expected.Common.ToArray());
        Assert.Equal(expected.Common.ToArray(), common.Common.ToArray());
        Assert.Equal(lists.Sizes(docs, expected, parallel), sizes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Cluster_CandidateBudgetForcedSmall_SameClusters(int threads)
    {
        var documents = new CorpusGenerator(new CorpusOptions { Documents = 600, Seed = 41, Sites = 12 }).Generate().ToList();
        using var folder = new SketchStoreTests.SpillFolder();
        var options = new NearDupOptions { MaxDegreeOfParallelism = threads, CommonShingleDocuments = 4 };

        var (plain, plainCommon) = Clusters(documents, options);
        var (capped, cappedCommon) = Clusters(documents, options with { SpillDirectory = folder.Path, CandidateBudgetBytes = 64 });

        Assert.NotEqual(0, plainCommon);
        Assert.Contains(plain, line => line.Contains(',', StringComparison.Ordinal));
        Assert.Equal(plainCommon, cappedCommon);
        Assert.Equal(plain, capped);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    /// <summary>Each cluster as one line: its id, canonical, and every member with its role and scores.</summary>
    private static (List<string> Clusters, long Common) Clusters(List<GeneratedDocument> documents, NearDupOptions options)
    {
        using var detector = new DuplicateDetector(options);
        foreach (var d in documents)
        {
            detector.Add(d.Id, d.Text);
        }
        var result = detector.Cluster();
        var lines = result.Clusters
            .Select(c => $"{c.Id} {c.Canonical}: " + string.Join(", ", c.Members.Select(m => $"{m.Id} {m.Role} {m.Jaccard} {m.Containment}")))
            .ToList();
        return (lines, result.Statistics.CommonFingerprints);
    }
}
