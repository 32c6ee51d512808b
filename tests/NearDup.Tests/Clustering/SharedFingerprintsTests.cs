using System.Runtime.Intrinsics.X86;
using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The branch-free shared count (<see cref="SharedFingerprints.CountShared"/>) and the batched boilerplate count
/// against plain set arithmetic, over sets longer than their batches and with boilerplate among the shared values.
/// </summary>
public sealed class SharedFingerprintsTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 900)]
    [InlineData(2, 255, 257)]
    [InlineData(3, 1000, 1000)]
    [InlineData(4, 3000, 40)]
    public void CountShared_IsTheIntersectionLessBoilerplate(int seed, int sizeA, int sizeB)
    {
        var random = new Random(seed);
        // Values from a small range so that the sets overlap a lot (runs of matches longer than a batch), plus 0 and
        // uint.MaxValue, the extremes a merge's cursors must get past.
        uint[] Set(int size) => [.. Enumerable.Range(0, size).Select(_ => (uint)random.Next(0, 4000))
            .Concat(size > 2 ? [0u, uint.MaxValue] : []).Distinct().Order()];
        var a = Set(sizeA);
        var b = Set(sizeB);
        var boilerplate = Enumerable.Range(0, 300).Select(_ => (uint)random.Next(0, 4000)).Append(0u).ToHashSet();
        var common = BoilerplateFilter.Of([.. boilerplate]);

        int expected = a.Intersect(b).Count(fp => !boilerplate.Contains(fp));
        var count = new SharedFingerprints.Count();
        SharedFingerprints.Merge(a, b, common, ref count);

        Assert.Equal(expected, SharedFingerprints.CountShared(a, b, common));
        Assert.Equal(expected, SharedFingerprints.CountShared(b, a, common));
        Assert.Equal(expected, count.Shared);
        Assert.Equal(a.Intersect(b).Count(), SharedFingerprints.CountShared(a, b, BoilerplateFilter.None));
    }

    [Fact]
    public void CountSharedVectors_AgreeWithTheScalarMerge()
    {
        var random = new Random(9);
        var boilerplate = Enumerable.Range(0, 100).Select(_ => (uint)random.Next(0, 2000)).ToArray();
        var common = BoilerplateFilter.Of(boilerplate);
        // Sizes around the blocks of four and eight and the match buffer, sets from dense to sparse (matches in every block, few).
        for (int sizeA = 0; sizeA < 700; sizeA += 1 + sizeA / 3)
        {
            foreach (int sizeB in new[] { 0, 3, 4, 5, 7, 8, 9, 16, 257, 600 })
            {
                int range = 1 + random.Next(1, 4) * Math.Max(sizeA, sizeB);
                uint[] Set(int size) => [.. Enumerable.Range(0, size).Select(_ => (uint)random.Next(0, range)).Distinct().Order()];
                var a = Set(sizeA);
                var b = Set(sizeB);
                int scalar = SharedFingerprints.CountSharedScalar(a, b, common);
                Assert.Equal(a.Intersect(b).Count(fp => Array.IndexOf(boilerplate, fp) < 0), scalar);
                Assert.Equal(scalar, SharedFingerprints.CountSharedVector128(a, b, common));
                Assert.Equal(scalar, SharedFingerprints.CountSharedVector128(b, a, common));
                foreach (bool leftPack in Avx2.IsSupported ? [false, true] : new[] { false })
                {
                    Assert.Equal(scalar, SharedFingerprints.CountSharedVector256(a, b, common, leftPack));
                    Assert.Equal(scalar, SharedFingerprints.CountSharedVector256(b, a, common, leftPack));
                }
            }
        }
    }

    [Fact]
    public void MergeVector256_PassesWhatTheScalarMergePasses()
    {
        var random = new Random(10);
        var boilerplate = Enumerable.Range(0, 100).Select(_ => (uint)random.Next(0, 2000)).ToArray();
        var common = BoilerplateFilter.Of(boilerplate);
        // Dense sets fill the match buffer within a few blocks (the flush), sparse ones leave most blocks unmatched.
        for (int sizeA = 0; sizeA < 900; sizeA += 1 + sizeA / 3)
        {
            foreach (int sizeB in new[] { 0, 7, 8, 9, 17, 257, 800 })
            {
                int range = 1 + random.Next(1, 4) * Math.Max(sizeA, sizeB);
                uint[] Set(int size) => [.. Enumerable.Range(0, size).Select(_ => (uint)random.Next(0, range)).Distinct().Order()];
                var a = Set(sizeA);
                var b = Set(sizeB);
                var scalar = new Recorder { Pairs = [] };
                SharedFingerprints.MergeTail(a, b, 0, 0, common, ref scalar);
                var vector = new Recorder { Pairs = [] };
                SharedFingerprints.MergeVector256(a, b, common, ref vector);
                Assert.Equal(a.Intersect(b).Count(fp => Array.IndexOf(boilerplate, fp) < 0), scalar.Pairs.Count);
                Assert.Equal(scalar.Pairs, vector.Pairs);
            }
        }
    }

    [Theory]
    [InlineData(5, 0, 300)]
    [InlineData(6, 256, 256)]
    [InlineData(7, 1000, 1200)]
    [InlineData(8, 3000, 40)]
    public void Merge_PassesEachSharedIndexPairInOrder(int seed, int sizeA, int sizeB)
    {
        var random = new Random(seed);
        uint[] Set(int size) => [.. Enumerable.Range(0, size).Select(_ => (uint)random.Next(0, 3000))
            .Concat(size > 2 ? [0u, uint.MaxValue] : []).Distinct().Order()];
        var a = Set(sizeA);
        var b = Set(sizeB);
        var boilerplate = Enumerable.Range(0, 200).Select(_ => (uint)random.Next(0, 3000)).Append(uint.MaxValue).ToHashSet();
        var common = BoilerplateFilter.Of([.. boilerplate]);
        var expected = new List<(int, int)>();
        for (int i = 0; i < a.Length; i++)
        {
            int j = Array.BinarySearch(b, a[i]);
            if (j >= 0 && !boilerplate.Contains(a[i]))
            {
                expected.Add((i, j));
            }
        }

        var recorder = new Recorder { Pairs = [] };
        SharedFingerprints.Merge(a, b, common, ref recorder);

        Assert.Equal(expected, recorder.Pairs);
    }

    /// <summary>Keeps every (index in A, index in B) the merge passes on.</summary>
    private struct Recorder : ISharedFingerprintSink
    {
        public List<(int, int)> Pairs;

        public readonly void Add(int indexA, int indexB) => Pairs.Add((indexA, indexB));
    }

    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(5000)]
    public void CountNotBoilerplate_CountsEveryBatch(int size)
    {
        var random = new Random(size);
        var set = Enumerable.Range(0, size).Select(_ => (uint)random.Next()).Distinct().Order().ToArray();
        // Every third value is boilerplate, including the last of the set (the last batch's last value).
        var boilerplate = set.Where((_, i) => i % 3 == 0 || i == set.Length - 1).ToArray();
        var filter = BoilerplateFilter.Of(boilerplate);

        Assert.Equal(set.Length - boilerplate.Length, filter.CountNotBoilerplate(set));
        Assert.Equal(set.Count(fp => !filter.IsBoilerplate(fp)), filter.CountNotBoilerplate(set));
    }
}
