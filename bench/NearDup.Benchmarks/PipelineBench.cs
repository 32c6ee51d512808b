using BenchmarkDotNet.Attributes;
using NearDup.Clustering;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// The headline figure: MinHash with 128 hash functions over word 5-grams, from UTF-8 bytes to a finished
/// signature (<see cref="Shingler.Compute(ReadOnlySpan{byte}, Span{ulong})"/> then
/// <see cref="MinHasher.Compute(ReadOnlySpan{ulong}, Span{ulong})"/> into reused buffers), in MB/s on one core.
/// The part rows take the same document through one stage each, so their times add up to the pipeline:
/// tokenize+hash words, shingle (tokenize+hash words, combine 5-grams), MinHash alone on ready shingles.
/// KPermutation on the scalar kernel is the baseline; the default scheme is OnePermutation (kernel-independent).
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*PipelineBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[ThroughputColumn]
public class PipelineBench
{
    private byte[] _utf8 = [];
    private ulong[] _shingles = [];
    private ulong[] _signature = [];
    private int _shingleCount;
    private Shingler _shingler = null!;
    private MinHasher _onePermutation = null!, _kScalar = null!, _kBest = null!;
    private Sketcher _sketcher = null!;

    /// <summary>Document size in UTF-8 bytes; 6000 is a typical news article.</summary>
    [Params(1000, 6000, 65536)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = BenchData.Utf8(Bytes);
        _shingler = new Shingler();
        _shingles = new ulong[_shingler.GetMaxShingleCount(_utf8.Length)];
        _shingleCount = _shingler.Compute(_utf8, _shingles);
        _onePermutation = new MinHasher(MinHashOptions.Default);
        var kPermutation = MinHashOptions.Default with { Scheme = MinHashScheme.KPermutation };
        _kScalar = new MinHasher(kPermutation, SignatureKernel.Scalar);
        _kBest = new MinHasher(kPermutation, SignatureKernels.Best);
        _signature = new ulong[_onePermutation.SignatureLength];
        _sketcher = new Sketcher(NearDupOptions.Default);
    }

    [Benchmark(Baseline = true)]
    public ulong PipelineKPermScalar() => Run(_kScalar);

    /// <summary>KPermutation on the widest kernel this CPU has (Vector512 on the measured EPYC).</summary>
    [Benchmark]
    public ulong PipelineKPermSimd() => Run(_kBest);

    /// <summary>The default: one-permutation hashing with optimal densification.</summary>
    [Benchmark]
    public ulong PipelineOnePerm() => Run(_onePermutation);

    [Benchmark]
    public ulong PartTokenizeHash()
    {
        ulong acc = 0;
        foreach (var token in Tokenizer.EnumerateWords(_utf8.AsSpan()))
        {
            acc ^= token.Hash;
        }
        return acc;
    }

    [Benchmark]
    public int PartShingle() => _shingler.Compute(_utf8.AsSpan(), _shingles);

    [Benchmark]
    public ulong PartMinHashOnePerm() => MinHashOnly(_onePermutation);

    [Benchmark]
    public ulong PartMinHashKPermSimd() => MinHashOnly(_kBest);

    /// <summary>
    /// What <see cref="DuplicateDetector.AddRange"/> does per document on one core (internal <c>Sketcher</c>): the
    /// pipeline above plus band keys, SimHash, content hash and the sorted fingerprint sample; allocates the sketch.
    /// </summary>
    [Benchmark]
    public int DetectorSketch() => _sketcher.Sketch("doc", _utf8, long.MaxValue).Fingerprints.Length;

    private ulong Run(MinHasher hasher)
    {
        int count = _shingler.Compute(_utf8.AsSpan(), _shingles);
        hasher.Compute(_shingles.AsSpan(0, count), _signature);
        return _signature[0] ^ _signature[^1];
    }

    private ulong MinHashOnly(MinHasher hasher)
    {
        hasher.Compute(_shingles.AsSpan(0, _shingleCount), _signature);
        return _signature[0] ^ _signature[^1];
    }
}
