using BenchmarkDotNet.Attributes;
using NearDup.Clustering;

namespace NearDup.Benchmarks;

/// <summary>
/// Verification of one candidate pair (<c>Verifier.Measure</c>): the merge of two sorted, distinct 32-bit
/// fingerprint arrays counting shared non-boilerplate fingerprints. About 1000 fingerprints is a 6 KB article at
/// sample rate 1 (250 at 0.25). The pair shares half its fingerprints; with boilerplate on, a tenth of the shared
/// ones are in the boilerplate filter (bit filter, then HashSet lookup). Where AVX2 is missing, CountVector256 takes
/// the per-match store too.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*VerifyBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class VerifyBench
{
    private uint[] _a = [], _b = [];
    private Verifier _plain = null!, _boilerplate = null!;

    /// <summary>Fingerprints per document.</summary>
    [Params(250, 1000, 4000)]
    public int Fingerprints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var pool = new HashSet<uint>();
        while (pool.Count < Fingerprints * 2)
        {
            pool.Add((uint)random.Next() ^ (uint)random.Next() << 1);
        }
        var all = pool.ToArray();
        // a = [0, n), b = [n/2, 3n/2): half shared.
        _a = all.AsSpan(0, Fingerprints).ToArray();
        _b = all.AsSpan(Fingerprints / 2, Fingerprints).ToArray();
        Array.Sort(_a);
        Array.Sort(_b);
        var shared = _a.Intersect(_b).Where((_, i) => i % 10 == 0).ToArray();
        // Two "groups" hold each of these, and the threshold is 2: all of them are boilerplate.
        var common = BoilerplateFilter.Build([shared, shared], 2, 1);
        _plain = new Verifier(NearDupOptions.Default, BoilerplateFilter.None);
        _boilerplate = new Verifier(NearDupOptions.Default, common);
    }

    [Benchmark(Baseline = true)]
    public int MeasureNoBoilerplate() => _plain.Measure(_a, _a.Length, _b, _b.Length).Shared;

    [Benchmark]
    public int MeasureWithBoilerplate() => _boilerplate.Measure(_a, _a.Length, _b, _b.Length).Shared;

    /// <summary>The shared count's kernels side by side, with boilerplate: the scalar reference and eight values a step.</summary>
    [Benchmark]
    public int CountScalar() => SharedFingerprints.CountSharedScalar(_a, _b, _boilerplate.Boilerplate);

    /// <summary>Eight values a step, a block's matches buffered by a left-pack (AVX2; the default there).</summary>
    [Benchmark]
    public int CountVector256() => SharedFingerprints.CountSharedVector256(_a, _b, _boilerplate.Boilerplate);

    /// <summary>Eight values a step, a block's matches buffered one store each.</summary>
    [Benchmark]
    public int CountVector256PerMatch() => SharedFingerprints.CountSharedVector256(_a, _b, _boilerplate.Boilerplate, leftPack: false);
}
