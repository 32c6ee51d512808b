using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NearDup.Hashing;

namespace NearDup.Benchmarks;

/// <summary>
/// XXH64 vs XXH3-64 one-shot over token-sized (8), shingle-key-sized (40) and document-sized inputs, and the
/// XXH3 long-input kernels against the scalar reference kernel. Input is seeded random bytes.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*HashBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HashBench
{
    private const string Algorithm = "Algorithm";
    private const string Kernel = "Xxh3Kernel";

    private byte[] _data = [];

    /// <summary>8 and 40 bytes are NearDup's hot path (tokens, word-shingle keys); 6000 is a short document.</summary>
    public static IEnumerable<int> AllLengths => [8, 40, 6000, 64 * 1024];

    /// <summary>Only inputs over 240 bytes reach the accumulate kernels.</summary>
    public static IEnumerable<int> LongLengths => [6000, 64 * 1024];

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[64 * 1024];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Algorithm)]
    [ArgumentsSource(nameof(AllLengths))]
    public ulong Xxh64(int length) => XxHash64.HashToUInt64(_data.AsSpan(0, length));

    [Benchmark]
    [BenchmarkCategory(Algorithm)]
    [ArgumentsSource(nameof(AllLengths))]
    public ulong Xxh3(int length) => XxHash3.HashToUInt64(_data.AsSpan(0, length));

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Kernel)]
    [ArgumentsSource(nameof(LongLengths))]
    public ulong Xxh3Scalar(int length) => XxHash3.HashToUInt64(_data.AsSpan(0, length), 0, XxHash3.AccumulateKernel.Scalar);

    [Benchmark]
    [BenchmarkCategory(Kernel)]
    [ArgumentsSource(nameof(LongLengths))]
    public ulong Xxh3Simd128(int length) => XxHash3.HashToUInt64(_data.AsSpan(0, length), 0, XxHash3.AccumulateKernel.Vector128);

    [Benchmark]
    [BenchmarkCategory(Kernel)]
    [ArgumentsSource(nameof(LongLengths))]
    public ulong Xxh3Simd256(int length) => XxHash3.HashToUInt64(_data.AsSpan(0, length), 0, XxHash3.AccumulateKernel.Vector256);

    [Benchmark]
    [BenchmarkCategory(Kernel)]
    [ArgumentsSource(nameof(LongLengths))]
    public ulong Xxh3Simd512(int length) => XxHash3.HashToUInt64(_data.AsSpan(0, length), 0, XxHash3.AccumulateKernel.Vector512);
}
