using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="SharedIndexMerge.Merge{TSink}"/> (vectorized where 256-bit vectors are) and its scalar twin pass on every
/// shared index pair in ascending order, as a binary search of each value finds them: sets that interleave sparsely,
/// densely (near-copies), of lengths off the block size, one inside the other, and empty.
/// </summary>
public sealed class SharedIndexMergeTests
{
    [Theory]
    [InlineData(1, 0, 0, 3000)]
    [InlineData(2, 0, 300, 3000)]
    [InlineData(3, 7, 9, 40)]
    [InlineData(4, 255, 257, 3000)]
    [InlineData(5, 800, 820, 1000)]
    [InlineData(6, 1000, 1200, 100_000)]
    [InlineData(7, 3000, 40, 3000)]
    [InlineData(8, 64, 64, 64)]
    public void Merge_PassesEachSharedIndexPairInOrder_LikeBinarySearchAndScalar(int seed, int sizeA, int sizeB, int range)
    {
        var random = new Random(seed);
        uint[] Set(int size) => [.. Enumerable.Range(0, size).Select(_ => (uint)random.Next(0, range))
            .Concat(size > 2 ? [0u, uint.MaxValue] : []).Distinct().Order()];
        var a = Set(sizeA);
        var b = Set(sizeB);
        var expected = new List<(int, int)>();
        for (int i = 0; i < a.Length; i++)
        {
            int j = Array.BinarySearch(b, a[i]);
            if (j >= 0)
            {
                expected.Add((i, j));
            }
        }

        var vector = new Recorder { Pairs = [] };
        SharedIndexMerge.Merge(a, b, ref vector);
        var scalar = new Recorder { Pairs = [] };
        SharedIndexMerge.MergeScalar(a, b, 0, 0, ref scalar);

        Assert.Equal(expected, vector.Pairs);
        Assert.Equal(expected, scalar.Pairs);
    }

    [Fact]
    public void Merge_OneSetInsideTheOther_PairsEveryValueOfTheSmaller()
    {
        var b = Enumerable.Range(0, 1000).Select(v => (uint)(v * 3)).ToArray();
        var a = b.Where((_, k) => k % 7 != 3).ToArray();
        var recorder = new Recorder { Pairs = [] };
        SharedIndexMerge.Merge(a, b, ref recorder);
        Assert.Equal(a.Select((v, i) => (i, Array.BinarySearch(b, v))), recorder.Pairs);
        var swapped = new Recorder { Pairs = [] };
        SharedIndexMerge.Merge(b, a, ref swapped);
        Assert.Equal(recorder.Pairs.Select(p => (p.Item2, p.Item1)), swapped.Pairs);
    }

    /// <summary>Keeps every (index in A, index in B) the merge passes on.</summary>
    private struct Recorder : ISharedFingerprintSink
    {
        public List<(int, int)> Pairs;

        public readonly void Add(int indexA, int indexB) => Pairs.Add((indexA, indexB));
    }
}
