using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A count range's packed tallies counted where they are held (<see cref="PackedTallyCount"/>): the same common values
/// as counting them unpacked, and without holding them unpacked all at once.
/// </summary>
public sealed class PackedTallyCountTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(40, 2, 2)]
    [InlineData(40, 3, 3)]
    [InlineData(200, 16, 4)]
    [InlineData(200, 1000, 5)]
    public void Common_SeededTallies_SameAsCountingThemUnpacked(int tallies, int threshold, int seed)
    {
        var packed = Tallies(tallies, seed);
        var unpacked = packed.Select(PackedFingerprints.UnpackTally).ToList();
        // Counted by hand too, so that the test holds whatever the stage's counter does.
        uint[] expected = [.. unpacked.SelectMany(t => t).CountBy(v => v).Where(c => c.Value >= threshold).Select(c => c.Key).Order()];
        Assert.Equal(expected, BoilerplateFilter.Build(unpacked, threshold, maxDegreeOfParallelism: 1).ToSortedArray());
        var common = PackedTallyCount.Common(packed, threshold);
        Assert.Equal(expected, common);
        Assert.True(threshold > 100 || common.Length > 0, "the seeded tallies share values");
    }

    [Fact]
    public void Common_NoTallies_Empty() => Assert.Empty(PackedTallyCount.Common([], threshold: 2));

    /// <summary>
    /// Counting allocates one buffer, the largest tally's, not every tally unpacked: at least half their unpacked size
    /// less than unpacking them first (as the range did), the counter's own allocations being the same for both.
    /// </summary>
    [Fact]
    public void Common_ManyTallies_AllocatesFarLessThanUnpackingThemFirst()
    {
        var packed = Tallies(200, seed: 6);
        long unpackedBytes = packed.Sum(t => (long)PackedFingerprints.TallyCount(t)) * sizeof(uint);
        PackedTallyCount.Common(packed, 3); // warmed up: the counter's thread buffers exist for both
        long before = GC.GetAllocatedBytesForCurrentThread();
        var firstUnpacked = BoilerplateFilter.Build(packed.Select(PackedFingerprints.UnpackTally).ToList(), 3, maxDegreeOfParallelism: 1).ToSortedArray();
        long unpackingFirst = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var counted = PackedTallyCount.Common(packed, 3);
        long packedCount = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(firstUnpacked, counted);
        long packedBytes = packed.Sum(t => (long)t.Length);
        TestContext.Current.TestOutputHelper?.WriteLine($"packed {packedBytes:N0} B, unpacked {unpackedBytes:N0} B; allocated counting: {packedCount:N0} B, unpacking first: {unpackingFirst:N0} B");
        Assert.True(packedCount < unpackingFirst - unpackedBytes / 2, $"{packedCount:N0} B against {unpackingFirst:N0} B; the tallies unpacked are {unpackedBytes:N0} B");
    }

    /// <summary>
    /// <paramref name="count"/> packed tallies of one range, as document partitions send them: each several groups'
    /// distinct fingerprints end to end, the groups drawing on a shared pool so that values repeat across tallies.
    /// </summary>
    private static List<byte[]> Tallies(int count, int seed)
    {
        var random = new Random(seed);
        uint[] pool = [.. Enumerable.Range(0, 5000).Select(_ => 3u << 28 | (uint)random.Next(1 << 28))];
        var tallies = new List<byte[]>(count);
        for (int t = 0; t < count; t++)
        {
            var values = new List<uint>();
            for (int group = random.Next(1, 20); group > 0; group--)
            {
                values.AddRange(Enumerable.Range(0, random.Next(20, 400)).Select(_ => pool[random.Next(pool.Length)]).Distinct());
            }
            tallies.Add(PackedFingerprints.PackTally(values));
        }
        return tallies;
    }
}
