using BenchmarkDotNet.Attributes;
using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Benchmarks;

/// <summary>
/// The judge's evidence of a pair (<c>PairEvidence.MeasureBoth</c>: the merge of the two fingerprint lists, the sort by
/// position, the longest chain both ways and its description), as a query computes it for each candidate it judges
/// and the weak-link stage for each weak link: over every generated original paired with each of its rewritten and
/// excerpt copies (seed 1, 400 documents, sample rate 1). Returns a checksum of the evidence so nothing is elided.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*PairEvidenceBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class PairEvidenceBench
{
    private readonly List<(DocumentSketch Source, DocumentSketch Copy)> _pairs = [];

    [GlobalSetup]
    public void Setup()
    {
        var documents = BenchData.Documents(400);
        var sketcher = new Sketcher(NearDupOptions.Default);
        var originals = new Dictionary<string, DocumentSketch>();
        foreach (var document in documents.Where(d => d.Role == DocumentRoles.Original))
        {
            originals[document.Cluster] = sketcher.Sketch(document.Id, document.Text, long.MaxValue);
        }
        foreach (var document in documents.Where(d => d.Role is DocumentRoles.Rewritten or DocumentRoles.Excerpt))
        {
            if (originals.TryGetValue(document.Cluster, out var source))
            {
                _pairs.Add((source, sketcher.Sketch(document.Id, document.Text, long.MaxValue)));
            }
        }
        if (_pairs.Count == 0)
        {
            throw new InvalidOperationException("the generated corpus holds no rewritten or excerpt copy of an original: nothing to measure");
        }
    }

    [Benchmark]
    public long MeasureBoth()
    {
        long checksum = 0;
        foreach (var (source, copy) in _pairs)
        {
            var (forward, backward) = PairEvidence.MeasureBoth(source.Fingerprints, source.Positions, source.ShingleCount,
                Sketcher.PositionShift(source.ShingleCount), copy.Fingerprints, copy.Positions, copy.ShingleCount, Sketcher.PositionShift(copy.ShingleCount),
                BoilerplateFilter.None, maxStep: 1, PairEvidence.PassageRun);
            checksum += forward.Runs + 31L * forward.SpreadA + 961L * backward.SpreadB + forward.Densest + backward.Passages;
        }
        return checksum;
    }
}
