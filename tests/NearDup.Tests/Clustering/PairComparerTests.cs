using NearDup.Internal;

namespace NearDup.Tests.Clustering;

public sealed class PairComparerTests
{
    [Fact]
    public void GetHashCode_PairsOfNeighbouringDocuments_Spread()
    {
        // long.GetHashCode gives a ^ b: every pair (i, i + 1) with i even hashes to 1. The pair hash must not.
        var codes = new HashSet<int>();
        for (int i = 0; i < 10_000; i++)
        {
            codes.Add(PairComparer.Instance.GetHashCode((long)i << 32 | (uint)(i + 1)));
            codes.Add(PairComparer.Instance.GetHashCode((long)i << 32 | (uint)(i + 2)));
        }
        Assert.True(codes.Count >= 19_990, $"{codes.Count} distinct hash codes for 20,000 pairs");
    }

    [Fact]
    public void Equals_IsValueEquality()
    {
        Assert.True(PairComparer.Instance.Equals(5L << 32 | 7, 5L << 32 | 7));
        Assert.False(PairComparer.Instance.Equals(5L << 32 | 7, 7L << 32 | 5));
    }
}
