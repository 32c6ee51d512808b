using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The group cores: for every group (across the blocks the workers share and the chunks appended in turn), the
/// fingerprints at least half the members and two hold, or either member of a pair; a group of one is its member.
/// </summary>
public sealed class GroupCoresTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(3, true)]
    public void Compute_EveryGroup_HoldsTheQuorumsFingerprints(int threads, bool spill)
    {
        var random = new Random(threads);
        var store = new SketchStore(bands: 1);
        var groupOf = new List<int>();
        var rep = new List<int>();
        int groups = 0;
        // 1,500 groups of 1 to 45 members (a few past the merge's 32 runs), each member a story's fingerprints with
        // some dropped and some of its own added.
        for (; groups < 1_500; groups++)
        {
            int size = random.Next(20) == 0 ? random.Next(33, 46) : random.Next(1, 5);
            rep.Add(groupOf.Count);
            var story = Enumerable.Range(0, random.Next(0, 300)).Select(_ => (uint)random.Next()).ToArray();
            for (int m = 0; m < size; m++)
            {
                var own = story.Where(_ => random.Next(4) != 0).Concat(Enumerable.Range(0, random.Next(0, 20)).Select(_ => (uint)random.Next()));
                uint[] fingerprints = [.. new SortedSet<uint>(own)];
                store.Add("d" + groupOf.Count, 0, 0, 0, fingerprints.Length, [0], fingerprints, []);
                groupOf.Add(groups);
            }
        }
        var docs = new DocumentTable(store, [.. Enumerable.Range(0, groupOf.Count)]);
        var layout = GroupStage.Lay(new StrongGroups([.. groupOf], [.. rep]));
        string? folder = spill ? Directory.CreateTempSubdirectory("neardup-cores-").FullName : null;
        try
        {
            using var cores = GroupCores.Compute(docs, layout, folder, new ParallelOptions { MaxDegreeOfParallelism = threads });
            for (int g = 0; g < groups; g++)
            {
                Assert.Equal(Reference(docs, layout.MembersOf(g)), cores[g].ToArray());
            }
        }
        finally
        {
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Compute_CoreEqualToAMember_ReadsThatMembersFingerprints()
    {
        // Group 0: a story and two copies wrapped in material of their own (the quorum keeps the story, member 0's set).
        // Group 1: an excerpt and its source (the union is the source, member 4). Group 2: two texts apart (a core of its own).
        uint[] story = [10, 20, 30, 40];
        uint[][] members = [story, [5, 10, 20, 30, 40], [10, 20, 30, 40, 50], [20, 30], [10, 20, 30, 40, 60], [1, 2], [3, 4]];
        var store = new SketchStore(bands: 1);
        for (int i = 0; i < members.Length; i++)
        {
            store.Add("d" + i, 0, 0, 0, members[i].Length, [0], members[i], []);
        }
        var docs = new DocumentTable(store, [.. Enumerable.Range(0, members.Length)]);
        var layout = GroupStage.Lay(new StrongGroups([0, 0, 0, 1, 1, 2, 2], [0, 3, 5]));
        using var cores = GroupCores.Compute(docs, layout, null, new ParallelOptions { MaxDegreeOfParallelism = 2 });
        Assert.True(Same(cores[0], docs.Fingerprints(0)));
        Assert.True(Same(cores[1], docs.Fingerprints(4)));
        Assert.Equal([1u, 2, 3, 4], cores[2].ToArray());
        Assert.False(Same(cores[2], docs.Fingerprints(5)) || Same(cores[2], docs.Fingerprints(6)));
    }

    private static bool Same(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) =>
        a.Length == b.Length && System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(a), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(b));

    /// <summary>The rule counted out: a group of one is its member; else the values held by the quorum of members.</summary>
    private static uint[] Reference(DocumentTable docs, ReadOnlySpan<int> members)
    {
        if (members.Length == 1)
        {
            return docs.Fingerprints(members[0]).ToArray();
        }
        int quorum = members.Length == 2 ? 1 : Math.Max(2, (members.Length + 1) / 2);
        var counts = new Dictionary<uint, int>();
        foreach (int m in members)
        {
            foreach (uint fp in docs.Fingerprints(m))
            {
                counts[fp] = counts.GetValueOrDefault(fp) + 1;
            }
        }
        return [.. counts.Where(c => c.Value >= quorum).Select(c => c.Key).Order()];
    }
}
