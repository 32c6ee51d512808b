using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The anchor table: every core fingerprint with the anchor mask's bits clear and not boilerplate, posted under its
/// group, sorted by (key, group), the same arrays whatever the number of workers that count, scatter and sort them; the
/// weak-link stage's table the same less the keys one group holds, however many passes of keys build it.
/// </summary>
public sealed class AnchorTableTests
{
    [Theory]
    [InlineData(1, false, long.MaxValue)]
    [InlineData(3, false, long.MaxValue)]
    [InlineData(8, false, long.MaxValue)]
    [InlineData(1, true, long.MaxValue)]
    [InlineData(3, true, 700)]
    [InlineData(2, true, 1)]
    public void Build_PostsEveryAnchorOfEveryCore_SortedByKeyAndGroup(int threads, bool sharedOnly, long maxPostingsPerPass)
    {
        var (cores, docs, common) = Cores();
        using var owned = cores;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var table = sharedOnly ? AnchorTable.BuildShared(cores, Groups, common, Mask, parallel, maxPostingsPerPass)
            : AnchorTable.Build(cores, Groups, common, Mask, parallel);

        var expected = new SortedSet<(uint Key, int Group)>();
        for (int g = 0; g < Groups; g++)
        {
            foreach (uint fp in docs.Fingerprints(g))
            {
                if ((fp & Mask) == 0 && !common.IsBoilerplate(fp))
                {
                    expected.Add((fp, g));
                }
            }
        }
        if (sharedOnly)
        {
            // A key one group holds pairs no groups: the weak-link stage's table leaves it out.
            var held = expected.GroupBy(p => p.Key).ToDictionary(k => k.Key, k => k.Count());
            expected.RemoveWhere(p => held[p.Key] == 1);
            Assert.True(held.Values.Count(c => c == 1) > 1_000);
        }
        Assert.Equal(expected.Select(p => p.Key), table.Keys.ToArray());
        Assert.Equal(expected.Select(p => p.Group), table.Documents.ToArray());
        Assert.Contains(table.Keys.ToArray(), k => k < 1u << 21);
    }

    /// <summary>
    /// However few postings a pass may hold, a cap on the passes makes them larger: no more passes than the cap (and
    /// the bucket a pass ends on), the same runs, whether the passes read the cores or the anchors gathered in the first read.
    /// </summary>
    [Theory]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(1, true)]
    public void SharedRuns_PassesCapped_SameRuns(int maxPasses, bool gather)
    {
        var (cores, _, common) = Cores();
        using var owned = cores;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 2 };
        var expected = AnchorTable.SharedRuns(cores, Groups, common, Mask, parallel, maxPostingsPerPass: long.MaxValue);
        var uncapped = AnchorTable.SharedRuns(cores, Groups, common, Mask, parallel, maxPostingsPerPass: 1, gather);
        var capped = AnchorTable.SharedRuns(cores, Groups, common, Mask, parallel, maxPostingsPerPass: 1, gather, maxPasses);

        Assert.True(uncapped.Count > 100);
        Assert.InRange(capped.Count, 1, maxPasses + 1);
        Assert.Equal(expected.SelectMany(r => r.Keys), capped.SelectMany(r => r.Keys));
        Assert.Equal(expected.SelectMany(r => r.Owners), capped.SelectMany(r => r.Owners));
        Assert.Equal(expected.SelectMany(r => r.Owners), uncapped.SelectMany(r => r.Owners));
    }

    /// <summary>The copy without a branch keeps what the filter by <see cref="AnchorTable.IsAnchor"/> keeps, in order, at any rate.</summary>
    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    [InlineData(255u)]
    [InlineData(uint.MaxValue)]
    public void CopyAnchors_SameAsFilter(uint mask)
    {
        var random = new Random((int)mask);
        foreach (int length in new[] { 0, 1, 7, 1_000 })
        {
            uint[] core = [.. Enumerable.Range(0, length).Select(_ => (uint)random.Next() << 1 | (uint)random.Next(2)).Order()];
            var into = new uint[length];
            int n = AnchorTable.CopyAnchors(core, mask, into);
            Assert.Equal(core.Where(fp => AnchorTable.IsAnchor(fp, mask)), into.Take(n));
        }
    }

    private const int Groups = 3_000;

    private const uint Mask = 3;

    /// <summary>3,000 groups of one document each, their cores, and the first story's first 50 fingerprints as boilerplate.</summary>
    private static (GroupCores Cores, DocumentTable Docs, BoilerplateFilter Common) Cores()
    {
        var random = new Random(17);
        var store = new SketchStore(bands: 1);
        // Groups of one document each; stories shared by a few groups make keys held by several groups, and some keys
        // fall in a crowded bucket (top bits zero) so that buckets above and below the radix threshold both occur.
        var stories = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 300).Select(_ => (uint)random.Next()).ToArray()).ToArray();
        for (int g = 0; g < Groups; g++)
        {
            var story = stories[random.Next(stories.Length)];
            var own = story.Where(_ => random.Next(3) == 0)
                .Concat(Enumerable.Range(0, 40).Select(_ => (uint)random.Next()))
                .Concat(Enumerable.Range(0, 30).Select(_ => (uint)random.Next(1 << 16)));
            uint[] fingerprints = [.. new SortedSet<uint>(own)];
            store.Add("d" + g, 0, 0, 0, fingerprints.Length, [0], fingerprints, []);
        }
        var docs = new DocumentTable(store, [.. Enumerable.Range(0, Groups)]);
        var layout = GroupStage.Lay(new StrongGroups([.. Enumerable.Range(0, Groups)], [.. Enumerable.Range(0, Groups)]));
        var cores = GroupCores.Compute(docs, layout, null, new ParallelOptions());
        return (cores, docs, BoilerplateFilter.Of([.. stories[0].Take(50)]));
    }
}
