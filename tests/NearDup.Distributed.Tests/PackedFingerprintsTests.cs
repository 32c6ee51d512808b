using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>The packed boilerplate set a batch run sends every document partition: round trips, and its size.</summary>
public sealed class PackedFingerprintsTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(7, 3)]
    [InlineData(10_000, 4)]
    public void Pack_SeededSets_UnpackGivesThemBack(int count, int seed)
    {
        var random = new Random(seed);
        var set = new SortedSet<uint>();
        while (set.Count < count)
        {
            set.Add((uint)random.NextInt64(0, 1L << 32));
        }
        uint[] values = [.. set];
        var packed = PackedFingerprints.Pack(values);
        Assert.Equal(values, PackedFingerprints.Unpack(packed));
        if (count == 10_000)
        {
            // Gaps of about 2^32 / 10,000 take 19 to 23 bits: under 3 bytes a fingerprint, against 4 raw.
            Assert.True(packed.Length < 3 * count, $"{packed.Length:N0} B");
        }
    }

    [Fact]
    public void Pack_Extremes_UnpackGivesThemBack()
    {
        uint[][] sets = [[0], [uint.MaxValue], [0, 1, 2, 3], [0, uint.MaxValue], [5, 6, uint.MaxValue - 1, uint.MaxValue]];
        foreach (var set in sets)
        {
            Assert.Equal(set, PackedFingerprints.Unpack(PackedFingerprints.Pack(set)));
        }
    }
}
