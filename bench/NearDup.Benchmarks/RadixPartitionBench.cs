using BenchmarkDotNet.Attributes;
using NearDup.Clustering;

namespace NearDup.Benchmarks;

/// <summary>
/// The boilerplate passes' radix scatter (<see cref="RadixBuckets"/>): 16 Mi uniform values into 2,048 buckets, as at a
/// million documents, a value at a time (<see cref="RadixBuckets.PartitionScalar"/>, the reference) against a cache line
/// at a time (<see cref="RadixBuckets.PartitionStaged"/>: one AVX-512 store past the cache a line, or two AVX ones).
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*RadixPartitionBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class RadixPartitionBench
{
    private const int BucketBits = 11;
    private const int Values = 16 << 20;

    private uint[] _values = [], _sorted = [], _staging = [];
    private int[] _starts = [], _fill = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(16);
        _values = [.. Enumerable.Range(0, Values).Select(_ => (uint)random.NextInt64(0, 1L << 32))];
        _sorted = new uint[Values];
        _staging = new uint[(1 << BucketBits) * 16];
        _starts = new int[(1 << BucketBits) + 1];
        foreach (uint v in _values)
        {
            _starts[(int)(v >> (32 - BucketBits)) + 1]++;
        }
        for (int b = 1; b < _starts.Length; b++)
        {
            _starts[b] += _starts[b - 1];
        }
        _fill = new int[1 << BucketBits];
    }

    [Benchmark(Baseline = true)]
    public uint Scalar()
    {
        _starts.AsSpan(0, _fill.Length).CopyTo(_fill);
        RadixBuckets.PartitionScalar(_values, 32 - BucketBits, _fill, _sorted);
        return _sorted[^1];
    }

    [Benchmark]
    public uint Staged()
    {
        _starts.AsSpan(0, _fill.Length).CopyTo(_fill);
        RadixBuckets.PartitionStaged(_values, 32 - BucketBits, _starts, _fill, _sorted, _staging);
        return _sorted[^1];
    }
}
