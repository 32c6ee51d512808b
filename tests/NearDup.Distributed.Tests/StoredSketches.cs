using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>Every sketch an index stores, read back from its document partitions: what a batch run's listing sees.</summary>
internal static class StoredSketches
{
    /// <summary>The stored sketches of <paramref name="index"/>, in ordinal order of id (the run's document numbers).</summary>
    public static async Task<StoredSketch[]> ReadAllAsync(IGrainFactory grains, string index, int partitions)
    {
        var stored = new List<StoredSketch>();
        for (int p = 0; p < partitions; p++)
        {
            var partition = grains.GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey(index, PartitionKind.Document, p));
            stored.AddRange(await partition.Get(await partition.Ids()));
        }
        stored.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return [.. stored];
    }

    /// <summary>
    /// Group g's core by counting: the fingerprints at least half its members (and two) hold, either member's of a pair,
    /// its member's of a group of one (what <c>GroupStage.Cores</c> computes).
    /// </summary>
    public static uint[] BruteCore(StoredSketch[] stored, int[] starts, int g)
    {
        int size = starts[g + 1] - starts[g];
        if (size == 1)
        {
            return stored[starts[g]].Fingerprints;
        }
        int quorum = size == 2 ? 1 : Math.Max(2, (size + 1) / 2);
        return [.. Enumerable.Range(starts[g], size).SelectMany(m => stored[m].Fingerprints.Distinct()).CountBy(f => f)
            .Where(c => c.Value >= quorum).Select(c => c.Key).Order()];
    }

    /// <summary>
    /// Where groups of 1, 2, …, <paramref name="largest"/> consecutive documents in turn start among
    /// <paramref name="count"/>, and the end: groups that span partitions, for the batch-run steps' tests.
    /// </summary>
    public static int[] GroupsInTurn(int count, int largest)
    {
        var starts = new List<int> { 0 };
        for (int at = 0, k = 0; at < count; k++)
        {
            at = Math.Min(count, at + 1 + k % largest);
            starts.Add(at);
        }
        return [.. starts];
    }
}
