using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary><see cref="PositionRadixSort.Sort"/> against the comparison sort it replaces, on seeded position pairs.</summary>
public sealed class PositionRadixSortTests
{
    /// <summary>First positions drawn below <c>firstRange</c>: 65,536 spans both digits, 200 leaves the high digit zero
    /// (its pass skipped), 300 holds a text's few hundred entries distinct or not, 8 forces many ties.</summary>
    [Theory]
    [InlineData(65536, 65536)]
    [InlineData(200, 65536)]
    [InlineData(300, 300)]
    [InlineData(8, 65536)]
    [InlineData(1, 1)]
    public void Sort_SeededPositions_EqualsComparisonSort(int firstRange, int secondRange)
    {
        var random = new Random(4321 + firstRange);
        for (int length = 0; length <= 3 * PositionRadixSort.MinRadixLength + 500; length += 1 + length / 8)
        {
            var values = new ulong[length];
            for (int k = 0; k < length; k++)
            {
                values[k] = (ulong)random.Next(firstRange) << 32 | (uint)random.Next(secondRange);
            }
            var expected = values.ToArray();
            Array.Sort(expected);
            var scratch = Enumerable.Repeat(ulong.MaxValue, length + 3).ToArray();
            PositionRadixSort.Sort(values, scratch);
            Assert.Equal(expected, values);
        }
    }

    [Fact]
    public void Sort_DistinctFirstPositionsReversed_Ascending()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (ulong)(999 - i) << 32 | (uint)(i * 37 % 1000)).ToArray();
        var expected = values.OrderBy(v => v).ToArray();
        PositionRadixSort.Sort(values, new ulong[values.Length]);
        Assert.Equal(expected, values);
    }
}
