using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>A group's core kept and sent relative to its representative's fingerprints (<see cref="RelativeCore"/>).</summary>
public sealed class RelativeCoreTests
{
    [Theory]
    [InlineData(1, 0.9, 0.1)]
    [InlineData(2, 0.5, 0.5)]
    [InlineData(3, 0.0, 1.0)]
    [InlineData(4, 1.0, 0.0)]
    public void OfDecode_RandomSets_SameCore(int seed, double keptShare, double addedShare)
    {
        var random = new Random(seed);
        for (int round = 0; round < 50; round++)
        {
            var representative = Set(random, random.Next(0, 1500));
            var core = representative.Where(_ => random.NextDouble() < keptShare)
                .Concat(Set(random, (int)(random.Next(0, 1500) * addedShare))).Distinct().Order().ToArray();
            var relative = RelativeCore.Of(representative, core);
            Assert.Equal(core, relative.Decode(representative));
            Assert.Equal((representative.Length + 7) / 8, relative.Kept.Length);
        }
    }

    [Fact]
    public void Of_CoreMostlyTheRepresentatives_AQuarterOfItPacked()
    {
        var random = new Random(5);
        var representative = Set(random, 1000);
        var core = representative.Where(_ => random.NextDouble() < 0.9).Concat(Set(random, 50)).Distinct().Order().ToArray();
        var (kept, added) = RelativeCore.Of(representative, core);
        int packed = PackedFingerprints.Pack(core).Length;
        Assert.True(4 * (kept.Length + added.Length) < packed, $"{kept.Length} + {added.Length} B against {packed} B packed whole");
    }

    /// <summary><paramref name="count"/> distinct random fingerprints, ascending (fewer when two draws collide).</summary>
    private static uint[] Set(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (uint)random.NextInt64(0, 1L << 32)).Distinct().Order()];
}
