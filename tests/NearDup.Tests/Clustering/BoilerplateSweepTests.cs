using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The key-range sweep's counts equal the filter's set by set, for any number of threads and any boilerplate size.</summary>
public sealed class BoilerplateSweepTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 7)]
    [InlineData(2, 3_000)]
    [InlineData(3, 200_000)] // an index of 2^19 entries: 16 key ranges
    public void NotBoilerplate_EqualsTheFiltersCountOfEverySet(int threads, int commonCount)
    {
        var random = new Random(commonCount + threads);
        var common = new SortedSet<uint> { 0u, uint.MaxValue }; // the ends of the key space, and the flat set's empty slot
        while (common.Count < commonCount + 2)
        {
            common.Add((uint)random.Next() * 2u + (uint)random.Next(2));
        }
        uint[] commonSorted = commonCount == 0 ? [] : [.. common];
        var pool = commonSorted.Length == 0 ? [1u] : commonSorted;
        // 5,000 sets (three batches of the sweep), empty to 1,500 fingerprints, part boilerplate part not.
        var sets = new uint[5_000][];
        for (int s = 0; s < sets.Length; s++)
        {
            var set = new SortedSet<uint>();
            int size = s % 97 == 0 ? 0 : random.Next(1, 1_500);
            for (int k = 0; k < size; k++)
            {
                set.Add(random.Next(4) == 0 ? pool[random.Next(pool.Length)] : (uint)random.NextInt64(0, 1L << 32));
            }
            sets[s] = [.. set];
        }
        var filter = BoilerplateFilter.Of(commonSorted);

        var counts = BoilerplateSweep.NotBoilerplate(sets.Length, i => sets[i], filter.Common, new ParallelOptions { MaxDegreeOfParallelism = threads });

        var expected = sets.Select(set => filter.CountNotBoilerplate(set)).ToArray();
        Assert.Equal(expected, counts);
        if (commonCount > 0)
        {
            Assert.Contains(expected.Select((n, s) => sets[s].Length - n), d => d > 0);
        }
    }
}
