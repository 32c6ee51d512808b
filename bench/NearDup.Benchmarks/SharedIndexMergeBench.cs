using BenchmarkDotNet.Attributes;
using NearDup.Clustering;

namespace NearDup.Benchmarks;

/// <summary>
/// The judge's merge of a query's kept fingerprints with a candidate's, as <c>PairEvidence.MeasureBoth</c> runs it for
/// each judged match: <see cref="SharedFingerprints.Merge{TSink}"/> with an empty filter (baseline), the scalar twin
/// <see cref="SharedIndexMerge.MergeScalar{TSink}"/>, and the vectorized <see cref="SharedIndexMerge.Merge{TSink}"/>.
/// Two sets of ~800 fingerprints (a generated news text at the default sample rate) sharing <see cref="SharedPercent"/>.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*SharedIndexMergeBench*' --job short</c>.
/// </summary>
public class SharedIndexMergeBench
{
    private uint[] _a = [], _b = [];

    /// <summary>Share of the first set's fingerprints the second holds too.</summary>
    [Params(10, 90)]
    public int SharedPercent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var a = new HashSet<uint>();
        while (a.Count < 800)
        {
            a.Add((uint)random.NextInt64(0, uint.MaxValue));
        }
        var b = a.Where(_ => random.Next(100) < SharedPercent).ToHashSet();
        while (b.Count < 800)
        {
            b.Add((uint)random.NextInt64(0, uint.MaxValue));
        }
        _a = [.. a.Order()];
        _b = [.. b.Order()];
    }

    [Benchmark(Baseline = true)]
    public int FilteredMerge()
    {
        var sink = new Sum();
        SharedFingerprints.Merge(_a, _b, BoilerplateFilter.None, ref sink);
        return sink.Total;
    }

    [Benchmark]
    public int Scalar()
    {
        var sink = new Sum();
        SharedIndexMerge.MergeScalar(_a, _b, 0, 0, ref sink);
        return sink.Total;
    }

    [Benchmark]
    public int Vectorized()
    {
        var sink = new Sum();
        SharedIndexMerge.Merge(_a, _b, ref sink);
        return sink.Total;
    }

    /// <summary>Adds up the index pairs, so that the merge's output is used.</summary>
    private struct Sum : ISharedFingerprintSink
    {
        public int Total;

        public void Add(int indexA, int indexB) => Total += indexA ^ indexB;
    }
}
