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
