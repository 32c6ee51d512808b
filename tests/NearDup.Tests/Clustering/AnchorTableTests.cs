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
        var random = new Random(17);
        var store = new SketchStore(bands: 1);
        const int Groups = 3_000;
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
        using var cores = GroupCores.Compute(docs, layout, null, new ParallelOptions());
        var common = BoilerplateFilter.Of([.. stories[0].Take(50)]);
        const uint Mask = 3;

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
}
