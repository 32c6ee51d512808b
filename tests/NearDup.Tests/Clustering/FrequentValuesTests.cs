using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <c>FrequentValues.Add</c> (a query's anchor hits counted per group) gives each value that occurs at least the
/// minimum number of times once, in the order its count reaches it: against a sort-and-runs oracle on seeded and
/// generated lists (values that collide in the table, long runs, the empty list), and over reuse of the thread's table.
/// </summary>
public sealed class FrequentValuesTests
{
    [Fact]
    public void Add_Generated_MatchesRunsOfSortedList()
    {
        var values = Gen.OneOf(Gen.Int[0, 40], Gen.Int[0, 5000], Gen.Int[0, int.MaxValue - 1]);
        Gen.Select(values.Array[0, 700], Gen.Int[1, 4]).Sample((list, minCount) =>
        {
            var actual = new List<int> { -7 };
            FrequentValues.Add(list, minCount, actual);
            Assert.Equal(-7, actual[0]);
            Assert.Equal(Oracle(list, minCount), actual.Skip(1));
        });
    }

    [Fact]
    public void Add_CollidingValues_CountsEachApart()
    {
        // Values whose products with the multiplier are 0..19 share the first slot, and those whose products are just
        // below 2^32 share the last one, whose probes wrap around to the first: long probe runs, each value counted apart.
        const uint multiplier = 0x9E3779B1u;
        uint inverse = multiplier;
        for (int i = 0; i < 5; i++)
        {
            inverse *= 2 - multiplier * inverse;
        }
        var colliding = Enumerable.Range(0, 20).Select(x => (uint)x).Concat(Enumerable.Range(1, 20).Select(x => (uint)-x))
            .Select(product => product * inverse).Where(v => v <= int.MaxValue).Select(v => (int)v).ToArray();
        Assert.True(colliding.Length >= 15, "enough colliding values");
        int[] list = [.. colliding, .. colliding.Where((_, i) => i % 3 != 0), .. colliding.Where((_, i) => i % 2 == 0)];
        for (int minCount = 1; minCount <= 3; minCount++)
        {
            var actual = new List<int>();
            FrequentValues.Add(list, minCount, actual);
            Assert.Equal(Oracle(list, minCount), actual);
        }
    }

    [Fact]
    public void Add_TwiceOnOneThread_CarriesNoCountOver()
    {
        var first = new List<int>();
        FrequentValues.Add(Enumerable.Repeat(9, 100).Concat(Enumerable.Range(0, 900)).ToArray(), 2, first);
        var second = new List<int>();
        FrequentValues.Add([9, 4, 9], 2, second);
        var third = new List<int>();
        FrequentValues.Add([9], 2, third);
        Assert.Equal([9], first);
        Assert.Equal([9], second);
        Assert.Empty(third);
    }

    [Fact]
    public void Add_EmptyOrBadMinimum()
    {
        var frequent = new List<int>();
        FrequentValues.Add([], 1, frequent);
        Assert.Empty(frequent);
        Assert.Throws<ArgumentOutOfRangeException>(() => FrequentValues.Add([1], 0, frequent));
    }

    /// <summary>The values occurring at least <paramref name="minCount"/> times, in the order of that occurrence.</summary>
    private static List<int> Oracle(int[] list, int minCount)
    {
        var counts = new Dictionary<int, int>();
        var expected = new List<int>();
        foreach (int value in list)
        {
            counts[value] = counts.GetValueOrDefault(value) + 1;
            if (counts[value] == minCount)
            {
                expected.Add(value);
            }
        }
        Assert.Equal(list.GroupBy(v => v).Count(g => g.Count() >= minCount), expected.Count);
        return expected;
    }
}
