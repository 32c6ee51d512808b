using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The anchor pairs' bucket sort: a bucket's packed pair keys come out in the order the comparison sort gives them,
/// for buckets below and above the radix threshold, first-group bases from zero up, an odd and an even number of
/// passes, and one sorter reused.
/// </summary>
public sealed class PairRadixSortTests
{
    [Theory]
    [InlineData(700, 0)]
    [InlineData(100_000, 256 * 37)]
    [InlineData(5_000_000, 256 * 19_000)]
    public void Sort_BucketOfPairKeys_AsTheComparisonSort(int groups, int firstBase)
    {
        var random = new Random(groups);
        var sorter = new PairRadixSort();
        int secondBits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)groups);
        foreach (int length in new[] { 0, 1, 511, 512, 3_000, 40_000, 900 })
        {
            // Few distinct pairs, so many keys repeat, as a pair repeats once per anchor its groups share.
            var distinct = Enumerable.Range(0, Math.Max(1, length / 3)).Select(_ =>
            {
                int first = firstBase + random.Next(Math.Min(256, groups - firstBase - 1));
                return PairKey.Pack(first, random.Next(first + 1, groups));
            }).ToArray();
            long[] keys = [.. Enumerable.Range(0, length).Select(_ => distinct[random.Next(distinct.Length)])];
            long[] expected = [.. keys];
            Array.Sort(expected);

            sorter.Sort(keys, firstBase, 8, secondBits);

            Assert.Equal(expected, keys);
        }
    }
}
