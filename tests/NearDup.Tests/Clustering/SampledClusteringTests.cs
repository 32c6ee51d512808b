using System.Globalization;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Evaluation;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Clustering with a sample rate below 1 (a fraction of the fingerprints kept for verification): the quality holds on a
/// generated corpus, and the rate is really applied (the scores differ from the full rate's).
/// </summary>
public sealed class SampledClusteringTests
{
    private const int Documents = 2_000;

    [Theory]
    [InlineData(0.5, 0.97)]
    [InlineData(0.25, 0.94)]
    public void Cluster_SampleRateBelowOne_KeepsQualityOnGeneratedCorpus(double rate, double minF1)
    {
        var documents = new CorpusGenerator(new CorpusOptions { Documents = Documents, Seed = 2024 }).Generate().ToList();
        var (full, fullScores) = Run(documents, 1);
        var (sampled, sampledScores) = Run(documents, rate);

        Assert.True(sampled.F1 >= minF1, $"pairwise F1 {sampled.F1:0.0000} at rate {rate} (full {full.F1:0.0000})");
        Assert.True(sampled.AdjustedRandIndex >= minF1, $"ARI {sampled.AdjustedRandIndex:0.0000} at rate {rate}");
        // The rate is applied: scores come from the sampled fingerprints, so some differ from the full rate's.
        Assert.NotEqual(fullScores, sampledScores);
    }

    private static (QualityReport Report, string Scores) Run(List<GeneratedDocument> documents, double rate)
    {
        using var detector = Add(documents, rate);
        var clusters = detector.Cluster().Clusters;
        string scores = string.Join(";", clusters.SelectMany(c => c.Members).OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => $"{m.Id} {m.Jaccard} {m.Containment}"));
        var predicted = clusters.SelectMany(c => c.Members.Select(m => (m.Id, new Prediction(c.Id, m.Jaccard, m.Containment, m.Role.ToString().ToLowerInvariant()))))
            .ToDictionary(x => x.Id, x => x.Item2);
        return (QualityEvaluator.Evaluate(documents.ToDictionary(d => d.Id, d => new Label(d.Cluster, d.Role)), predicted), scores);
    }

    private static DuplicateDetector Add(List<GeneratedDocument> documents, double rate)
    {
        var detector = new DuplicateDetector(NearDupOptions.Default with { SampleRate = rate });
        detector.AddRange(documents.Select(d => new DocumentInput(d.Id, d.Text, d.Date is null ? null : DateTimeOffset.Parse(d.Date, CultureInfo.InvariantCulture))));
        return detector;
    }
}
