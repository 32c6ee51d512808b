using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Stages 4 and 5 in the spill file's order (group cores, representatives, boilerplate, weak links and the judge's
/// verdicts): the same results as in the groups' and links' own order, with blocks small enough that every few
/// documents start a new one, by one to three workers.
/// </summary>
public sealed class SpillOrderStagesTests
{
    /// <remarks>
    /// With <paramref name="anchors"/> the cores' sweep gathers their anchors for the anchor table; the core sizes the
    /// weak links count as they read the cores are the boilerplate stage's in group order.
    /// </remarks>
    [Theory]
    [InlineData(4_096L, 3, true)]
    [InlineData(4_096L, 3, false)]
    [InlineData(1L, 2, true)]
    [InlineData(65_536L, 1, false)]
    public void Stages4And5_TinyBlocks_SameAsGroupOrder(long blockBytes, int workers, bool anchors)
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        var (docs, strongGroups, leftovers) = StrongStage(spill, workers);
        var options = NearDupOptions.Default;

        var (plainGroups, plainCores, plain, plainWeak) = Run(docs, options, strongGroups, leftovers, folder.Path, long.MaxValue, workers);
        var (groups, cores, ordered, weak) = Run(docs, options, strongGroups, leftovers, folder.Path, blockBytes, workers, anchors);
        using (plainCores)
        using (cores)
        {
            Assert.Null(plainCores.Order);
            Assert.NotNull(cores.Order);
            Assert.Null(cores.Anchors);
            Assert.Empty(ordered.CoreSizes);
            var counted = new CoreSizes(groups, cores, ordered);
            Assert.Equal(plain.CoreSizes, Enumerable.Range(0, groups.Count).Select(counted.Of));
            Assert.Contains(Enumerable.Range(0, groups.Count), g => groups.Size(g) > 2);
            Assert.Equal(plainGroups.Rep, groups.Rep);
            for (int g = 0; g < groups.Count; g++)
            {
                Assert.True(plainCores[g].SequenceEqual(cores[g]), $"core of group {g}");
            }
        }
        Assert.Equal(plain.Filter.Common.ToArray(), ordered.Filter.Common.ToArray());
        Assert.NotEqual(0, plain.Filter.Count);
        Assert.Equal(plain.Sizes, ordered.Sizes);
        Assert.NotEmpty(plainWeak.Copies.Keys);
        Assert.NotEmpty(plainWeak.Reuse.Keys);
        Assert.Equal(plainWeak.Copies.Keys, weak.Copies.Keys);
        Assert.Equal(plainWeak.Copies.Scores, weak.Copies.Scores);
        Assert.Equal(plainWeak.Reuse.Keys, weak.Reuse.Keys);
        Assert.Equal(plainWeak.Reuse.Scores, weak.Reuse.Scores);
        Assert.Equal(plainWeak.SourceVotes, weak.SourceVotes);
        Assert.Equal(plainWeak.AnchorCandidates, weak.AnchorCandidates);
    }

    /// <summary>
    /// Boilerplate pass 1 counted in the sweep that computes the cores in spill order (<see cref="MemberSweep"/>), its
    /// buckets added to the counters at the end or after every round, passes the same slots as a pass of its own over
    /// the groups' unions in group order; and the representatives it chose are the group order's.
    /// </summary>
    [Theory]
    [InlineData(4_096L, 3, 1L << 40)]
    [InlineData(1L, 2, 1L)]
    [InlineData(65_536L, 1, 1_000L)]
    public void MemberSweep_PassOne_SameAsPassOfItsOwn(long blockBytes, int workers, long flushAt)
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        var (docs, strongGroups, leftovers) = StrongStage(spill, workers);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        var (plainGroups, plainCores, _, _) = Run(docs, NearDupOptions.Default, strongGroups, leftovers, folder.Path, long.MaxValue, workers);
        plainCores.Dispose();
        var groups = GroupStage.Lay(new StrongGroups([.. strongGroups.GroupOf], [.. strongGroups.Rep]));
        var sweep = new MemberSweep(docs, groups, BoilerplateFilter.PassOneCounts(BoilerplateStage.MemberFingerprints(docs), workers), CancellationToken.None, flushAt);

        using var cores = GroupCores.Compute(docs, groups, folder.Path, parallel, SpillOrder.OfGroups(docs, groups, blockBytes), blockBytes, sweep);
        var counted = sweep.Counts.Passing(threshold: 2);
        var expected = BoilerplateFilter.PassOne(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), BoilerplateStage.MemberFingerprints(docs),
            threshold: 2, maxDegreeOfParallelism: workers);

        Assert.Contains(expected.Bits, word => word != 0);
        Assert.Equal(expected.SlotBits, counted.SlotBits);
        Assert.Equal(expected.Bits, counted.Bits);
        Assert.Equal(plainGroups.Rep, groups.Rep);
    }

    /// <summary>
    /// The anchor table read in the cores' spill order, in passes of a few postings or all at once, its anchors read
    /// from the cores every pass or gathered in memory in the first read, keeps the same runs (keys, then groups
    /// ascending) as in group order; so does the weak-link stage's table, which gathers them in memory within the block
    /// budget (2 MiB here) and in a spill file of their own over it (the other blocks).
    /// </summary>
    [Theory]
    [InlineData(4_096L, 3, 64L, false)]
    [InlineData(4_096L, 3, 64L, true)]
    [InlineData(1L, 2, 1L << 30, false)]
    [InlineData(1L, 2, 1L << 30, true)]
    [InlineData(65_536L, 1, 7L, true)]
    [InlineData(1L << 21, 2, 1L << 30, false)]
    public void AnchorRuns_SpillOrder_SameAsGroupOrder(long blockBytes, int workers, long postingsPerPass, bool gather)
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        var (docs, strongGroups, leftovers) = StrongStage(spill, workers);
        var options = NearDupOptions.Default;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        var (groups, plainCores, plain, _) = Run(docs, options, strongGroups, leftovers, folder.Path, long.MaxValue, workers);
        using var cores = GroupStage.CoresIn(docs, GroupStage.Lay(new StrongGroups([.. strongGroups.GroupOf], [.. strongGroups.Rep])),
            folder.Path, parallel, blockBytes, workers);
        using (plainCores)
        {
            Assert.NotNull(cores.Order);
            Assert.NotEqual(Enumerable.Range(0, groups.Count), cores.Order);
            uint mask = AnchorTable.MaskOf(options);
            var expected = AnchorTable.SharedRuns(plainCores, groups.Count, plain.Filter, mask, parallel);
            var actual = AnchorTable.SharedRuns(cores, groups.Count, plain.Filter, mask, parallel, postingsPerPass, gather);
            Assert.NotEmpty(expected.SelectMany(r => r.Keys));
            Assert.Equal(expected.SelectMany(r => r.Keys), actual.SelectMany(r => r.Keys));
            Assert.Equal(expected.SelectMany(r => r.Owners), actual.SelectMany(r => r.Owners));
            var inBudget = AnchorTable.SharedRunsInBudget(cores, groups.Count, plain.Filter, mask, parallel);
            Assert.Equal(expected.Select(r => SharedAnchorRuns.Of(r.Keys, r.Owners).Groups).SelectMany(g => g), inBudget.SelectMany(r => r.Groups));
        }
    }

    /// <summary>
    /// The anchor table built from the anchors the cores' sweep gathered (<see cref="CoreAnchors"/>), which it takes,
    /// keeps the same runs as built from the cores in group order.
    /// </summary>
    [Theory]
    [InlineData(4_096L, 3)]
    [InlineData(1L, 2)]
    [InlineData(65_536L, 1)]
    public void AnchorRuns_GatheredInCoreSweep_SameAsGroupOrder(long blockBytes, int workers)
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        var (docs, strongGroups, leftovers) = StrongStage(spill, workers);
        var options = NearDupOptions.Default;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        uint mask = AnchorTable.MaskOf(options);
        var (groups, plainCores, plain, _) = Run(docs, options, strongGroups, leftovers, folder.Path, long.MaxValue, workers);
        using var cores = GroupStage.CoresIn(docs, GroupStage.Lay(new StrongGroups([.. strongGroups.GroupOf], [.. strongGroups.Rep])),
            folder.Path, parallel, blockBytes, workers, mask, anchorBytes: long.MaxValue);
        using (plainCores)
        {
            Assert.NotNull(cores.Anchors);
            var expected = AnchorTable.SharedRuns(plainCores, groups.Count, plain.Filter, mask, parallel);
            var inBudget = AnchorTable.SharedRunsInBudget(cores, groups.Count, plain.Filter, mask, parallel);
            Assert.Null(cores.Anchors);
            Assert.NotEmpty(inBudget.SelectMany(r => r.Groups));
            Assert.Equal(expected.Select(r => SharedAnchorRuns.Of(r.Keys, r.Owners).Groups).SelectMany(g => g), inBudget.SelectMany(r => r.Groups));
        }
    }

    /// <summary>The test table in <paramref name="spill"/>, with stages 1 to 3's groups and leftover candidates.</summary>
    private static (DocumentTable Docs, StrongGroups Groups, List<(int A, int B)> Leftovers) StrongStage(FingerprintSpill spill, int workers)
    {
        var docs = SpillOrderTests.Table(spill);
        var options = NearDupOptions.Default;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        var strong = StrongLinkStage.Verify(docs, options, CandidateStage.Find(docs, options, parallel), parallel);
        return (docs, StrongLinkStage.Group(docs, strong.Pairs), strong.Leftovers);
    }

    /// <summary>
    /// Stage 7 in spill order (<see cref="CanonicalStage"/>'s clusters of two or more swept by blocks, then those of
    /// one) gives the clusters, canonicals, roles and scores it gives in center order.
    /// </summary>
    [Theory]
    [InlineData(4_096L, 3)]
    [InlineData(1L, 2)]
    [InlineData(65_536L, 1)]
    public void Stage7_TinyBlocks_SameAsCenterOrder(long blockBytes, int workers)
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        var (docs, strongGroups, leftovers) = StrongStage(spill, workers);
        var options = NearDupOptions.Default;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        var (groups, cores, boilerplate, weak) = Run(docs, options, strongGroups, leftovers, folder.Path, long.MaxValue, workers);
        cores.Dispose();
        var judge = new StoryJudge(docs, boilerplate.Filter, boilerplate.Sizes, options.SampleRate,
            CommonFacts.Find(docs, groups, options.CommonShingleDocuments, parallel));
        var centerOf = AssignmentStage.Assign(docs, groups, weak, options.SampleRate);

        var plain = CanonicalStage.Build(docs, options, groups, centerOf, boilerplate, judge, parallel, long.MaxValue, workers);
        var ordered = CanonicalStage.Build(docs, options, groups, centerOf, boilerplate, judge, parallel, blockBytes, workers);

        Assert.Contains(plain.Clusters, c => c.Members.Count > 2);
        Assert.Contains(plain.Clusters, c => c.Members.Count == 1);
        Assert.Equal(plain.ClusterIds, ordered.ClusterIds);
        Assert.Equal(plain.ClusterOf, ordered.ClusterOf);
        Assert.Equal(plain.Clusters.Count, ordered.Clusters.Count);
        for (int c = 0; c < plain.Clusters.Count; c++)
        {
            Assert.Equal(plain.Clusters[c].Canonical, ordered.Clusters[c].Canonical);
            Assert.Equal(plain.Clusters[c].Members, ordered.Clusters[c].Members);
        }
    }

    /// <summary>
    /// Stages 4 and 5 over a copy of <paramref name="strong"/> (the stages set the representatives in place); with
    /// <paramref name="anchors"/> the cores' sweep gathers the anchors, whatever their size.
    /// </summary>
    private static (GroupLayout Groups, GroupCores Cores, Boilerplate Boilerplate, WeakLinks Weak) Run(DocumentTable docs, NearDupOptions options,
        StrongGroups strong, List<(int A, int B)> leftovers, string spillFolder, long blockBytes, int workers, bool anchors = false)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        var groups = GroupStage.Lay(new StrongGroups([.. strong.GroupOf], [.. strong.Rep]));
        var cores = anchors
            ? GroupStage.CoresIn(docs, groups, spillFolder, parallel, blockBytes, workers, AnchorTable.MaskOf(options), anchorBytes: long.MaxValue)
            : GroupStage.CoresIn(docs, groups, spillFolder, parallel, blockBytes, workers);
        Assert.Equal(anchors, cores.Anchors is not null);
        var boilerplate = BoilerplateStage.Find(docs, options, groups, cores, parallel);
        var judge = new StoryJudge(docs, boilerplate.Filter, boilerplate.Sizes, options.SampleRate,
            CommonFacts.Find(docs, groups, options.CommonShingleDocuments, parallel));
        var weak = WeakLinkStage.Find(options, groups, cores, boilerplate, leftovers, judge, parallel);
        return (groups, cores, boilerplate, weak);
    }
}
