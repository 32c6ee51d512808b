using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NearDup.Signatures;

namespace NearDup.Benchmarks;

/// <summary>
/// 64-bit SimHash of one document per kernel: unweighted (term frequency, byte counters) and weighted
/// (float sums, e.g. IDF weights). Scalar is the baseline of each category.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SimHashBench
{
    private ulong[] _hashes = [];
    private float[] _weights = [];
    private SimHasher _scalar = null!, _v128 = null!, _v256 = null!, _v512 = null!;

    /// <summary>Feature hashes per document.</summary>
    [Params(16, 128, 1000, 4096)]
    public int Features { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _hashes = new ulong[Features];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_hashes.AsSpan()));
        _weights = [.. Enumerable.Range(0, Features).Select(_ => (float)(random.NextDouble() * 8))];
        _scalar = new SimHasher(null, SignatureKernel.Scalar);
        _v128 = new SimHasher(null, SignatureKernel.Vector128);
        _v256 = new SimHasher(null, SignatureKernel.Vector256);
        _v512 = new SimHasher(null, SignatureKernel.Vector512);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Count")]
    public ulong CountScalar() => _scalar.Compute(_hashes);

    [Benchmark, BenchmarkCategory("Count")]
    public ulong CountSimd128() => _v128.Compute(_hashes);

    [Benchmark, BenchmarkCategory("Count")]
    public ulong CountSimd256() => _v256.Compute(_hashes);

    [Benchmark, BenchmarkCategory("Count")]
    public ulong CountSimd512() => _v512.Compute(_hashes);

    [Benchmark(Baseline = true), BenchmarkCategory("Weighted")]
    public ulong WeightedScalar() => _scalar.Compute(_hashes, _weights);

    [Benchmark, BenchmarkCategory("Weighted")]
    public ulong WeightedSimd128() => _v128.Compute(_hashes, _weights);

    [Benchmark, BenchmarkCategory("Weighted")]
    public ulong WeightedSimd256() => _v256.Compute(_hashes, _weights);

    [Benchmark, BenchmarkCategory("Weighted")]
    public ulong WeightedSimd512() => _v512.Compute(_hashes, _weights);
}
