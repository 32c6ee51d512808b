using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NearDup.Clustering;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// The sketch path's kernels beside their references, on one generated news document: the ASCII word-run fold
/// (<see cref="AsciiWordRun"/>: Vector256 and Vector128 against the scalar twin, walking the document run by run as
/// the word scanner does), and the fingerprint-key sort (<see cref="Sketcher.SortFingerprints"/>, an LSD radix sort,
/// against the comparison sort <see cref="MemoryExtensions.Sort{T}(Span{T})"/> it must equal).
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*SketchKernelBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[ThroughputColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SketchKernelBench
{
    private byte[] _utf8 = [];
    private byte[] _folded = new byte[128];
    private ulong[] _keys = [];
    private ulong[] _work = [];
    private ulong[] _scratch = [];

    /// <summary>Document size in UTF-8 bytes.</summary>
    [Params(6000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = BenchData.Utf8(Bytes);
        _folded = new byte[128];
        var shingler = new Shingler();
        var shingles = new ulong[shingler.GetMaxShingleCount(_utf8.Length)];
        int count = shingler.Compute(_utf8, shingles);
        // The keys the sampler sorts at sample rate 1: fingerprint (high hash half) over position, positions ascending.
        _keys = [.. shingles.Take(count).Select((h, i) => (h & 0xFFFF_FFFF_0000_0000UL) | (uint)i)];
        _work = new ulong[_keys.Length];
        _scratch = new ulong[_keys.Length];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("FoldRun")]
    public int FoldScalar() => Walk<Scalar>();

    [Benchmark, BenchmarkCategory("FoldRun")]
    public int FoldVector128() => Walk<Vector128Fold>();

    [Benchmark, BenchmarkCategory("FoldRun")]
    public int FoldVector256() => Walk<Vector256Fold>();

    [Benchmark(Baseline = true), BenchmarkCategory("SortKeys")]
    public ulong ComparisonSort()
    {
        _keys.CopyTo(_work, 0);
        _work.AsSpan().Sort();
        return _work[^1];
    }

    [Benchmark, BenchmarkCategory("SortKeys")]
    public ulong RadixSort()
    {
        _keys.CopyTo(_work, 0);
        Sketcher.SortFingerprints(_work, _scratch);
        return _work[^1];
    }

    /// <summary>A fold form, as a type argument so that each walk is compiled with its form inlined, not called through a delegate.</summary>
    private interface IFold
    {
        public static abstract int Fold(ReadOnlySpan<byte> source, Span<byte> destination);
    }

    private readonly struct Scalar : IFold
    {
        public static int Fold(ReadOnlySpan<byte> source, Span<byte> destination) => AsciiWordRun.FoldScalar(source, destination, removeDigits: false);
    }

    private readonly struct Vector128Fold : IFold
    {
        public static int Fold(ReadOnlySpan<byte> source, Span<byte> destination) => AsciiWordRun.FoldVector128(source, destination, removeDigits: false);
    }

    private readonly struct Vector256Fold : IFold
    {
        public static int Fold(ReadOnlySpan<byte> source, Span<byte> destination) => AsciiWordRun.FoldVector256(source, destination, removeDigits: false);
    }

    /// <summary>Folds every run of the document in turn, stepping over the byte that ended each; returns the bytes folded.</summary>
    private int Walk<TFold>()
        where TFold : struct, IFold
    {
        var text = _utf8.AsSpan();
        var destination = _folded.AsSpan();
        int folded = 0;
        for (int i = 0; i < text.Length;)
        {
            int run = TFold.Fold(text[i..], destination);
            folded += run;
            i += run + 1;
        }
        return folded;
    }
}
