using BenchmarkDotNet.Attributes;
using NearDup.Clustering;

namespace NearDup.Benchmarks;

/// <summary>
/// The boilerplate filter's read for a set's fingerprints (<see cref="BoilerplateFilter.CountNotBoilerplate"/>'s first
/// step, once for every document and group core): a value at a time (<see cref="BoilerplateFilter.FilterHitsScalar"/>,
/// the reference) against eight a step with AVX2's gather and a left-pack (<see cref="BoilerplateFilter.FilterHitsVector256"/>),
/// over batches of 256 of 1,180 random fingerprints, with a filter of 350,000 boilerplate fingerprints (a million
/// generated documents have 347,839) and one in ten of the set's fingerprints among them.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*FilterHitsBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class FilterHitsBench
{
    private const int Batch = 256;

    private uint[] _fingerprints = [];
    private uint[] _hits = [];
    private BoilerplateFilter _filter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(350);
        var common = Enumerable.Range(0, 350_000).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();
        _filter = BoilerplateFilter.Of(common);
        _fingerprints = [.. Enumerable.Range(0, 1180).Select(i => i % 10 == 0 ? common[random.Next(common.Length)] : (uint)random.NextInt64(0, 1L << 32)).Order()];
        _hits = new uint[Batch];
    }

    [Benchmark(Baseline = true)]
    public int Scalar()
    {
        int hits = 0;
        for (int from = 0; from < _fingerprints.Length; from += Batch)
        {
            hits += _filter.FilterHitsScalar(_fingerprints.AsSpan(from, Math.Min(Batch, _fingerprints.Length - from)), _hits);
        }
        return hits;
    }

    [Benchmark]
    public int Vector256()
    {
        int hits = 0;
        for (int from = 0; from < _fingerprints.Length; from += Batch)
        {
            hits += _filter.FilterHitsVector256(_fingerprints.AsSpan(from, Math.Min(Batch, _fingerprints.Length - from)), _hits);
        }
        return hits;
    }
}
