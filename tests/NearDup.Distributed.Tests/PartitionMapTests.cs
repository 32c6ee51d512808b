using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

public sealed class PartitionMapTests
{
    [Fact]
    public void OfDocument_SpreadsIdsEvenly()
    {
        var counts = new int[16];
        for (int i = 0; i < 32_000; i++)
        {
            counts[PartitionMap.OfDocument($"doc-{i}", counts.Length)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 1_800, 2_200));
    }

    [Fact]
    public void OfKey_SpreadsBandKeysEvenly_AndSeparatesTables()
    {
        var counts = new int[8];
        int moved = 0;
        for (uint value = 0; value < 16_000; value++)
        {
            int p = PartitionMap.OfKey(3, value, counts.Length);
            counts[p]++;
            moved += PartitionMap.OfKey(4, value, counts.Length) != p ? 1 : 0;
        }
        Assert.All(counts, c => Assert.InRange(c, 1_800, 2_200));
        // The same value in another band lands elsewhere 7 times in 8: one hot key does not load one partition with every band.
        Assert.InRange(moved, 13_000, 15_000);
    }

    [Fact]
    public void GrainKey_NamesIndexKindAndPartition() =>
        Assert.Equal("news/Band/3", PartitionMap.GrainKey("news", PartitionKind.Band, 3));
}
