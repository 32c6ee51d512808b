using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The shared anchor table's runs without their keys: the same groups and the same runs as with them.</summary>
public sealed class SharedAnchorRunsTests
{
    [Fact]
    public void Of_KeepsGroupsAndRuns()
    {
        uint[] keys = [7, 7, 7, 9, 9, 12, 12];
        int[] owners = [0, 8, 12, 5, 40, 5, 2_000_000_000];

        var runs = SharedAnchorRuns.Of(keys, owners);

        Assert.Equal(owners, Enumerable.Range(0, runs.Length).Select(runs.GroupAt));
        Assert.Equal([3, 3, 3, 5, 5, 7, 7], Enumerable.Range(0, runs.Length).Select(runs.RunEnd));
        Assert.Equal(7L * sizeof(int), runs.MemoryBytes);
    }

    [Fact]
    public void Of_RandomRuns_EndWhereTheKeysChange()
    {
        var random = new Random(26);
        var keys = Enumerable.Range(0, 5_000).Select(_ => (uint)random.Next(1_200)).Order().ToArray();
        var owners = keys.Select(_ => random.Next(int.MaxValue)).ToArray();

        var runs = SharedAnchorRuns.Of(keys, owners);

        for (int i = 0; i < keys.Length; i++)
        {
            int end = i + 1;
            while (end < keys.Length && keys[end] == keys[i])
            {
                end++;
            }
            Assert.Equal(end, runs.RunEnd(i));
            Assert.Equal(owners[i], runs.GroupAt(i));
        }
    }

    [Fact]
    public void Of_Empty_HasNoPostings() => Assert.Equal(0, SharedAnchorRuns.Of([], []).Length);
}
