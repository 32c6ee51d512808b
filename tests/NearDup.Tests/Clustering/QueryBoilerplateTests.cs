using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="QueryBoilerplate.Keep"/> keeps exactly what <see cref="BoilerplateFilter.Keep"/> keeps, in order: seeded
/// boilerplate sets from empty to tens of thousands (zero among them), queries with a third of their fingerprints
/// boilerplate, filter hits that are not boilerplate (values that share a boilerplate value's top bits), and runs of
/// boilerplate at the start and the end.
/// </summary>
public sealed class QueryBoilerplateTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 50)]
    [InlineData(300, 900)]
    [InlineData(60000, 900)]
    [InlineData(60000, 5000)]
    public void Keep_SeededSets_EqualsBoilerplateFilter(int commonCount, int queryLength)
    {
        var random = new Random(commonCount * 7 + queryLength);
        var common = Enumerable.Range(1, commonCount).Select(i => i == commonCount ? 0u : (uint)random.NextInt64(0, 1L << 32)).ToArray();
        var filter = BoilerplateFilter.Of(common);
        var query = new QueryBoilerplate(common);
        int dropped = 0;
        for (int round = 0; round < 20; round++)
        {
            var fingerprints = new HashSet<uint>();
            while (fingerprints.Count < queryLength)
            {
                uint fp = (uint)random.NextInt64(0, 1L << 32);
                fingerprints.Add(commonCount > 0 && random.Next(3) == 0 ? common[random.Next(commonCount)] ^ (uint)random.Next(4) : fp);
            }
            var sorted = fingerprints.Order().ToArray();
            var expected = new uint[sorted.Length];
            var actual = Enumerable.Repeat(uint.MaxValue, sorted.Length).ToArray();
            int n = filter.Keep(sorted, expected);
            Assert.Equal(expected[..n], actual[..query.Keep(sorted, actual)]);
            dropped += sorted.Length - n;
        }
        Assert.True(commonCount == 0 || dropped > 0, "no query held boilerplate");
    }

    [Fact]
    public void Keep_BoilerplateAtBothEnds_KeepsTheMiddle()
    {
        var query = new QueryBoilerplate([0u, 5u, uint.MaxValue]);
        uint[] fingerprints = [0, 5, 6, 7, uint.MaxValue - 1, uint.MaxValue];
        var kept = new uint[fingerprints.Length];
        int n = query.Keep(fingerprints, kept);
        Assert.Equal([6u, 7u, uint.MaxValue - 1], kept[..n]);
    }
}
