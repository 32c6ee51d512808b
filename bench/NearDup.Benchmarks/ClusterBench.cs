using System.Text;
using BenchmarkDotNet.Attributes;
using NearDup.Clustering;

namespace NearDup.Benchmarks;

/// <summary>
/// The detector end to end on a few thousand generated documents (seed 1, default copy mix, ~6 KB each), on one
/// thread: <see cref="DuplicateDetector.AddRange"/> (shingle, MinHash, SimHash, fingerprint sample per document)
/// into a fresh detector, and <see cref="DuplicateDetector.Cluster(bool, CancellationToken)"/> (candidates, verification, boilerplate,
/// star clustering) over documents added once in setup.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*ClusterBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ClusterBench
{
    private static readonly NearDupOptions s_options = NearDupOptions.Default with { MaxDegreeOfParallelism = 1 };

    private DocumentInput[] _documents = [];
    private DuplicateDetector _detector = null!;

    /// <summary>Generated documents.</summary>
    [Params(2000, 5000)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _documents = [.. BenchData.Documents(Documents).Select(d => new DocumentInput(d.Id, Encoding.UTF8.GetBytes(d.Text)))];
        _detector = new DuplicateDetector(s_options);
        _detector.AddRange(_documents);
    }

    [Benchmark]
    public long AddRange() => new DuplicateDetector(s_options).AddRange(_documents);

    [Benchmark]
    public int Cluster() => _detector.Cluster().Clusters.Count;
}
