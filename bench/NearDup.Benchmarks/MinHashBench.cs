using BenchmarkDotNet.Attributes;
using NearDup.Signatures;

namespace NearDup.Benchmarks;

/// <summary>
/// MinHash of one document, k = 128, per kernel and scheme. 1000 shingles ≈ one 6 KB news article
/// (word 5-grams); the pipeline budget for it is about 10 µs. Inputs are seeded random hashes, which is
/// what the text core's well-mixed shingle hashes look like to these kernels.
/// </summary>
[MemoryDiagnoser]
public class MinHashBench
{
    private ulong[] _hashes = [];
    private ulong[] _signature = [];
    private MinHasher _kScalar = null!, _k128 = null!, _k256 = null!, _k512 = null!, _onePermutation = null!, _onePermutationScalar = null!;

    /// <summary>Shingle hashes per document.</summary>
    [Params(16, 128, 1000, 4096)]
    public int Shingles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _hashes = new ulong[Shingles];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_hashes.AsSpan()));
        var kPermutation = new MinHashOptions { Scheme = MinHashScheme.KPermutation };
        _kScalar = new MinHasher(kPermutation, SignatureKernel.Scalar);
        _k128 = new MinHasher(kPermutation, SignatureKernel.Vector128);
        _k256 = new MinHasher(kPermutation, SignatureKernel.Vector256);
        _k512 = new MinHasher(kPermutation, SignatureKernel.Vector512);
        _onePermutation = new MinHasher(new MinHashOptions { Scheme = MinHashScheme.OnePermutation });
        _onePermutationScalar = new MinHasher(new MinHashOptions { Scheme = MinHashScheme.OnePermutation }, SignatureKernel.Scalar);
        _signature = new ulong[_kScalar.SignatureLength];
    }

    [Benchmark(Baseline = true)]
    public ulong KPermScalar() => Run(_kScalar);

    [Benchmark]
    public ulong KPermSimd128() => Run(_k128);

    [Benchmark]
    public ulong KPermSimd256() => Run(_k256);

    [Benchmark]
    public ulong KPermSimd512() => Run(_k512);

    /// <summary>The default scheme with the machine's widest kernel (its mix in vectors on AVX2 and AVX-512).</summary>
    [Benchmark]
    public ulong OnePermDensified() => Run(_onePermutation);

    /// <summary>The default scheme with the scalar mix, beside <see cref="OnePermDensified"/>.</summary>
    [Benchmark]
    public ulong OnePermScalar() => Run(_onePermutationScalar);

    private ulong Run(MinHasher hasher)
    {
        hasher.Compute(_hashes, _signature);
        return _signature[0] ^ _signature[^1];
    }
}
