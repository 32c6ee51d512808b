using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The anchor table: every core fingerprint with the anchor mask's bits clear and not boilerplate, posted under its
/// group, sorted by (key, group), the same arrays whatever the number of workers that count, scatter and sort them.
/// </summary>
public sealed class AnchorTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Build_PostsEveryAnchorOfEveryCore_SortedByKeyAndGroup(int threads)
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

        var table = AnchorTable.Build(cores, Groups, common, Mask, new ParallelOptions { MaxDegreeOfParallelism = threads });

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
        Assert.Equal(expected.Select(p => p.Key), table.Keys.ToArray());
        Assert.Equal(expected.Select(p => p.Group), table.Documents.ToArray());
        Assert.Contains(table.Keys.ToArray(), k => k < 1u << 21);
    }
}
