using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The anchor table's radix sort: the order of a stable comparison sort by key, for any key distribution.</summary>
public sealed class StableRadixSortTests
{
    [Theory]
    [InlineData(0, 32)]
    [InlineData(1, 32)]
    [InlineData(10_000, 32)]
    [InlineData(50_000, 12)] // many equal keys: their values' order must be kept
    [InlineData(5_000, 0)] // all keys equal
    public void Sort_OrdersByKey_KeepingEqualKeysInOrder(int count, int keyBits)
    {
        var random = new Random(count + keyBits);
        var keys = Enumerable.Range(0, count).Select(_ => keyBits == 0 ? 42u : (uint)random.NextInt64(0, 1L << keyBits) << (32 - keyBits)).ToArray();
        var values = Enumerable.Range(0, count).Select(_ => random.Next()).ToArray();
        var expected = keys.Zip(values).Select((p, i) => (p.First, p.Second, i)).OrderBy(p => p.First).ThenBy(p => p.i).ToArray();

        StableRadixSort.Sort(keys, values);

        Assert.Equal(expected.Select(p => p.First), keys);
        Assert.Equal(expected.Select(p => p.Second), values);
    }
}
