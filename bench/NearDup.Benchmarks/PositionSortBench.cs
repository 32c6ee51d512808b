using BenchmarkDotNet.Attributes;
using NearDup.Clustering;

namespace NearDup.Benchmarks;

/// <summary>
/// Sorting a pair's shared positions, <c>(position in A &lt;&lt; 32) | position in B</c>, as <c>PairEvidence.MeasureBoth</c>
/// does for each judged candidate of a query: the comparison sort (baseline) against <see cref="PositionRadixSort"/>.
/// The entries come in fingerprint order, so their positions are in random order; a text of 900 shingles shares a
/// few hundred with a copy. Each call sorts a fresh copy of the same entries.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*PositionSortBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class PositionSortBench
{
    private ulong[] _entries = [], _work = [], _scratch = [];

    /// <summary>Shared positions of the pair.</summary>
    [Params(32, 300, 3000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var positions = Enumerable.Range(0, 3 * Entries).OrderBy(_ => random.Next()).Take(Entries).ToArray();
        _entries = positions.Select(a => (ulong)a << 32 | (uint)((a + random.Next(8)) & 0xFFFF)).ToArray();
        _work = new ulong[Entries];
        _scratch = new ulong[Entries];
    }

    [Benchmark(Baseline = true)]
    public ulong ComparisonSort()
    {
        _entries.CopyTo(_work, 0);
        _work.AsSpan().Sort();
        return _work[^1];
    }

    [Benchmark]
    public ulong RadixSort()
    {
        _entries.CopyTo(_work, 0);
        PositionRadixSort.Sort(_work, _scratch);
        return _work[^1];
    }
}
