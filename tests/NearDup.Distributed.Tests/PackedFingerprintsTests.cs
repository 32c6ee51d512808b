using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>The packed boilerplate set a batch run sends every document partition, and the packed count tallies: round trips, and their size.</summary>
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

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(9, 3)]
    [InlineData(100_000, 4)]
    public void PackTally_SeededRangeWithRepeats_UnpackGivesThemBackAscending(int count, int seed)
    {
        // One range of 16 (2^28 values), as a count range's tally is, with values repeated as groups share them.
        var random = new Random(seed);
        var values = new List<uint>(count);
        for (int k = 0; k < count; k++)
        {
            values.Add(k > 0 && random.Next(4) == 0 ? values[random.Next(k)] : (uint)(5u << 28 | (uint)random.Next(1 << 28)));
        }
        var packed = PackedFingerprints.PackTally(values);
        Assert.Equal(values.Order().ToArray(), PackedFingerprints.UnpackTally(packed));
        if (count == 100_000)
        {
            // Gaps of about 2^28 / 100,000 fit 2 varint bytes, a repeat 1: about 2 bytes a value, against 5 as a uint[].
            Assert.True(packed.Length < 2 * count, $"{packed.Length:N0} B");
        }
    }

    [Fact]
    public void PackTally_Extremes_UnpackGivesThemBack()
    {
        uint[][] tallies = [[0], [uint.MaxValue], [uint.MaxValue, 0, uint.MaxValue], [7, 7, 7], [0x80, 0x7F, 0x3FFF, 0x4000, 0x1FFFFF, 0x200000]];
        foreach (var tally in tallies)
        {
            Assert.Equal(tally.Order().ToArray(), PackedFingerprints.UnpackTally(PackedFingerprints.PackTally([.. tally])));
        }
    }
}
