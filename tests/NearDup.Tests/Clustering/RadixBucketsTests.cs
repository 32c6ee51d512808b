using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The radix buckets of the boilerplate counters: every value once, in the bucket of its top bits, in order of appending.</summary>
public sealed class RadixBucketsTests
{
    [Theory]
    [InlineData(0, 20, 5_000)]
    [InlineData(4, 20, 5_000)]
    [InlineData(8, 32, 100_000)]
    public void Partition_PutsEachValueInTheBucketOfItsTopBits_InOrder(int bucketBits, int valueBits, int count)
    {
        var random = new Random(bucketBits);
        var values = Enumerable.Range(0, count).Select(_ => (uint)(random.NextInt64(0, 1L << valueBits))).ToArray();
        var buckets = new RadixBuckets(bucketBits, valueBits);
        // A first, different fill, cleared: the buckets are reused from chunk to chunk.
        buckets.AddRange(values.AsSpan(0, count / 2), new Doubled());
        buckets.Partition();
        buckets.Clear();
        foreach (uint v in values.AsSpan(0, count / 3))
        {
            buckets.Add(v);
        }
        buckets.AddRange(values.AsSpan(count / 3), new Identity());
        buckets.Partition();

        Assert.Equal(1 << bucketBits, buckets.Buckets);
        Assert.Equal(count, buckets.Count);
        int shift = valueBits - bucketBits;
        for (int b = 0; b < buckets.Buckets; b++)
        {
            Assert.Equal(values.Where(v => (int)(v >> shift) == b).ToArray(), buckets.Bucket(b).ToArray());
        }
        // Letting go of the input keeps the buckets.
        buckets.ReleaseInput();
        Assert.Equal(values.Where(v => (int)(v >> shift) == 0).ToArray(), buckets.Bucket(0).ToArray());
    }

    private readonly struct Identity : RadixBuckets.IValueMap
    {
        public uint Map(uint value) => value;
    }

    private readonly struct Doubled : RadixBuckets.IValueMap
    {
        public uint Map(uint value) => value / 2;
    }
}
