using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The quorum merge behind the group cores: the same values as counting every value of every run, whether the runs
/// are merged one by one (pruning what can no longer reach the quorum) or, past 32 runs, sorted together.
/// </summary>
public sealed class QuorumMergeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(9, 5)]
    [InlineData(32, 16)]
    [InlineData(33, 17)]
    [InlineData(60, 2)]
    public void Of_Runs_KeepsExactlyTheValuesInQuorumOrMoreRuns(int runCount, int quorum)
    {
        var random = new Random(runCount * 100 + quorum);
        // A pool of shared values, each in a run with its own odds (so that the counts spread over 0 to runCount), and
        // values of each run's own.
        var pool = Enumerable.Range(0, 400).Select(_ => ((uint)random.Next(), random.NextDouble())).ToArray();
        var runs = Enumerable.Range(0, runCount).Select(r => RandomRun(random, r, pool)).ToArray();
        var counts = runs.SelectMany(run => run).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        var expected = counts.Where(c => c.Value >= quorum).Select(c => c.Key).Order().ToArray();
        Assert.True(quorum == 1 || counts.Any(c => c.Value == quorum - 1), "some values fall just short of the quorum");

        Assert.Equal(expected, QuorumMerge.Of(runCount, r => runs[r], quorum).ToArray());
        // The thread's buffers are reused: a later, smaller merge is still exact.
        Assert.Equal(runs[0], QuorumMerge.Of(1, r => runs[0], 1).ToArray());
    }

    [Fact]
    public void MergeCounted_AddsOneToSharedValues_AndDropsThoseUnderTheLeast()
    {
        uint[] values = [1, 5, 9];
        int[] counts = [2, 1, 3];
        uint[] run = [0, 5, 9, 12];
        var outValues = new uint[7];
        var outCounts = new int[7];

        int all = QuorumMerge.MergeCounted(values, counts, run, outValues, outCounts, least: 1);
        Assert.Equal([0u, 1, 5, 9, 12], outValues[..all]);
        Assert.Equal([1, 2, 2, 4, 1], outCounts[..all]);

        int kept = QuorumMerge.MergeCounted(values, counts, run, outValues, outCounts, least: 2);
        Assert.Equal([1u, 5, 9], outValues[..kept]);
        Assert.Equal([2, 2, 4], outCounts[..kept]);
    }

    /// <summary>A sorted run of distinct values, now and then empty, with 0 and uint.MaxValue in some.</summary>
    private static uint[] RandomRun(Random random, int r, (uint Value, double Odds)[] pool)
    {
        if (random.Next(10) == 0)
        {
            return [];
        }
        var set = new SortedSet<uint>(pool.Where(p => random.NextDouble() < p.Odds).Select(p => p.Value));
        set.UnionWith(Enumerable.Range(0, random.Next(0, 100)).Select(_ => (uint)random.Next()));
        if (r % 3 == 0)
        {
            set.Add(uint.MaxValue);
            set.Add(0);
        }
        return [.. set];
    }
}
