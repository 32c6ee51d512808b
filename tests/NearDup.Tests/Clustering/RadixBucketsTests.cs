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

    /// <summary>
    /// The line-at-a-time scatter against its scalar twin: buckets of every length (empty, shorter than a line, many
    /// lines), uniform and skewed values, at several offsets of the output from a cache line.
    /// </summary>
    [Theory]
    [InlineData(1, 10_000, false)]
    [InlineData(6, 50_000, false)]
    [InlineData(6, 50_000, true)]
    [InlineData(11, 300_000, true)]
    public void PartitionStaged_EqualsScalarTwin(int bucketBits, int count, bool skewed)
    {
        if (!System.Runtime.Intrinsics.X86.Avx.IsSupported)
        {
            Assert.Skip("no AVX here");
        }
        var random = new Random(bucketBits * 7 + count);
        int shift = 32 - bucketBits, buckets = 1 << bucketBits;
        var values = Enumerable.Range(0, count).Select(_ =>
        {
            // Skewed: a bucket in three holds nearly everything, the rest a value or two.
            uint v = (uint)random.NextInt64(0, 1L << 32);
            return skewed && random.Next(10) != 0 ? (uint)((v >> shift) / 3 * 3 << shift) | (v & ((1u << shift) - 1)) : v;
        }).ToArray();
        var starts = new int[buckets + 1];
        foreach (uint v in values)
        {
            starts[(int)(v >> shift) + 1]++;
        }
        for (int b = 1; b <= buckets; b++)
        {
            starts[b] += starts[b - 1];
        }
        var expected = new uint[count];
        RadixBuckets.PartitionScalar(values, shift, starts[..^1], expected);
        for (int pad = 0; pad < 4; pad++)
        {
            // Arrays of different lengths land at different offsets from a cache line.
            var sorted = new uint[count + pad * 5];
            var fill = starts[..^1];

            RadixBuckets.PartitionStaged(values, shift, starts, fill, sorted, new uint[buckets * 16]);

            Assert.Equal(expected, sorted[..count]);
            Assert.Equal(starts[1..], fill);
        }
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
