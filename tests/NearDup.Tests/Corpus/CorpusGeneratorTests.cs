using System.Globalization;
using System.Text.Json;
using NearDup.Corpus;

namespace NearDup.Tests.Corpus;

public sealed class CorpusGeneratorTests
{
    private static readonly CorpusOptions s_small = CorpusOptions.Default with { Documents = 600, Seed = 42 };

    [Fact]
    public void Write_SameSeedAnyThreadCount_ByteIdentical()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        new CorpusGenerator(s_small with { MaxDegreeOfParallelism = 1 }).Write(a.Path);
        new CorpusGenerator(s_small with { MaxDegreeOfParallelism = 3 }).Write(b.Path);
        foreach (string file in new[] { CorpusGenerator.DocsFileName, CorpusGenerator.LabelsFileName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, file)), File.ReadAllBytes(Path.Combine(b.Path, file)));
        }

        Assert.False(File.Exists(Path.Combine(a.Path, CorpusGenerator.DocsFileName + ".tmp")));
    }

    [Fact]
    public void Write_DifferentSeed_DifferentFiles()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        new CorpusGenerator(s_small).Write(a.Path);
        new CorpusGenerator(s_small with { Seed = 43 }).Write(b.Path);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a.Path, CorpusGenerator.DocsFileName)), File.ReadAllBytes(Path.Combine(b.Path, CorpusGenerator.DocsFileName)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    [InlineData(777)]
    [InlineData(1500)]
    public void Generate_RequestedCount_Exact(int documents)
    {
        var docs = new CorpusGenerator(CorpusOptions.Default with { Documents = documents, Seed = (ulong)documents }).Generate().ToList();
        Assert.Equal(documents, docs.Count);
        Assert.Equal(documents, docs.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Write_LabelsAndDocs_Consistent()
    {
        using var dir = new TempDir();
        var summary = new CorpusGenerator(s_small).Write(dir.Path);
        var docs = ReadJsonl(Path.Combine(dir.Path, CorpusGenerator.DocsFileName));
        var labels = ReadJsonl(Path.Combine(dir.Path, CorpusGenerator.LabelsFileName));

        Assert.Equal(s_small.Documents, docs.Count);
        Assert.Equal(summary.Documents, labels.Count);
        Assert.Equal(new FileInfo(Path.Combine(dir.Path, CorpusGenerator.DocsFileName)).Length, summary.DocsBytes);
        var docIds = docs.Select(d => d["id"]).ToList();
        Assert.Equal(docIds.Count, docIds.Distinct().Count());
        Assert.Equal(docIds, labels.Select(l => l["id"]));

        var byCluster = labels.GroupBy(l => l["cluster"]).ToList();
        Assert.Equal(summary.Stories, byCluster.Count);
        var dates = docs.ToDictionary(d => d["id"]!, d => d.GetValueOrDefault("date"));
        foreach (var cluster in byCluster)
        {
            var original = Assert.Single(cluster, l => l["role"] == DocumentRoles.Original);
            var originalDate = DateOnly.ParseExact(dates[original["id"]!]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var label in cluster)
            {
                Assert.Contains(label["role"], DocumentRoles.All);
                if (dates[label["id"]!] is { } date)
                {
                    Assert.True(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) >= originalDate);
                }
            }
        }

        Assert.All(docs, d => Assert.False(string.IsNullOrEmpty(d.GetValueOrDefault("source"))));
        Assert.Equal(labels.Count, summary.RoleCounts.Values.Sum());
    }

    [Fact]
    public void Generate_DefaultMix_RolesNearRequestedRates()
    {
        var options = CorpusOptions.Default with { Documents = 4000, Seed = 5 };
        var counts = new CorpusGenerator(options).Generate().GroupBy(d => d.Role).ToDictionary(g => g.Key, g => g.Count() / 4000.0);
        Assert.Equal(options.OriginalRate, counts[DocumentRoles.Original], 0.05);
        Assert.Equal(options.ExactRate, counts[DocumentRoles.Exact], 0.03);
        Assert.Equal(options.SyndicatedRate, counts[DocumentRoles.Syndicated], 0.05);
        Assert.Equal(options.RewrittenRate, counts[DocumentRoles.Rewritten], 0.03);
        Assert.Equal(options.ExcerptRate, counts[DocumentRoles.Excerpt], 0.03);
    }

    [Fact]
    public void Generate_Copies_HaveTheirRoleShapes()
    {
        var docs = new CorpusGenerator(CorpusOptions.Default with { Documents = 1500, Seed = 11 }).Generate().ToList();
        var originals = docs.Where(d => d.Role == DocumentRoles.Original).ToDictionary(d => d.Cluster);
        var grams = originals.ToDictionary(kv => kv.Key, kv => FiveGrams.Of(kv.Value.Text));
        var rewrites = new List<double>();
        foreach (var d in docs.Where(d => d.Role != DocumentRoles.Original))
        {
            var story = grams[d.Cluster];
            var copy = FiveGrams.Of(d.Text);
            switch (d.Role)
            {
                case DocumentRoles.Exact:
                    Assert.Equal(FiveGrams.NormalizeExact(originals[d.Cluster].Text), FiveGrams.NormalizeExact(d.Text));
                    break;
                case DocumentRoles.Syndicated:
                    Assert.InRange(FiveGrams.Containment(story, copy), 0.9, 1.0);
                    break;
                case DocumentRoles.Excerpt:
                    Assert.InRange(FiveGrams.Containment(copy, story), 0.2, 0.8);
                    break;
                default:
                    rewrites.Add(FiveGrams.Containment(story, copy));
                    break;
            }
        }

        // Default strengths 0.2–1.0 span light edits (~60% kept) to heavy spins (~13% kept).
        Assert.True(rewrites.Count > 50);
        Assert.InRange(rewrites.Min(), 0.04, 0.2);
        Assert.InRange(rewrites.Max(), 0.4, 0.9);
    }

    [Fact]
    public void Generate_HeavySpin_KeepsTenToTwentyPercentOfFiveGrams()
    {
        var options = CorpusOptions.Default with
        {
            Documents = 600,
            Seed = 3,
            ExactRate = 0,
            SyndicatedRate = 0,
            ExcerptRate = 0,
            RewrittenRate = 0.45,
            RewriteStrength = new StrengthRange(1, 1),
        };
        var docs = new CorpusGenerator(options).Generate().ToList();
        var stories = docs.Where(d => d.Role == DocumentRoles.Original).ToDictionary(d => d.Cluster, d => FiveGrams.Of(d.Text));
        var kept = new List<double>();
        var jaccard = new List<double>();
        foreach (var d in docs.Where(d => d.Role == DocumentRoles.Rewritten))
        {
            var copy = FiveGrams.Of(d.Text);
            kept.Add(FiveGrams.Containment(stories[d.Cluster], copy));
            jaccard.Add(FiveGrams.Jaccard(stories[d.Cluster], copy));
        }

        kept.Sort();
        jaccard.Sort();
        Assert.InRange(kept[kept.Count / 2], 0.10, 0.20);
        Assert.InRange(kept[kept.Count / 10], 0.07, 0.20);
        Assert.InRange(kept[kept.Count * 9 / 10], 0.10, 0.25);
        Assert.InRange(jaccard[jaccard.Count / 2], 0.05, 0.12);
    }

    [Fact]
    public void Generate_HardNegatives_ShareNamesButUnderOnePercentOfFiveGrams()
    {
        var generator = new CorpusGenerator(CorpusOptions.Default with { Documents = 1200, Seed = 9, HardNegativeRate = 0.6 });
        var originals = generator.Generate().Where(d => d.Role == DocumentRoles.Original)
            .ToDictionary(d => long.Parse(d.Cluster.AsSpan(1), CultureInfo.InvariantCulture));
        int pairs = 0;
        int pairsSharingAName = 0;
        foreach (var group in originals.Keys.Where(s => generator.TopicOf(s).HardNegative).GroupBy(s => generator.TopicOf(s).TopicKey))
        {
            var members = group.ToList();
            for (int i = 0; i < members.Count; i++)
            {
                for (int j = i + 1; j < members.Count; j++)
                {
                    string a = originals[members[i]].Text;
                    string b = originals[members[j]].Text;
                    Assert.InRange(FiveGrams.Jaccard(FiveGrams.Of(a), FiveGrams.Of(b)), 0, 0.01);
                    pairs++;
                    if (CapitalizedWords(a).Intersect(CapitalizedWords(b)).Count() >= 3)
                    {
                        pairsSharingAName++;
                    }
                }
            }
        }

        Assert.True(pairs > 50, $"only {pairs} same-topic pairs");
        Assert.True(pairsSharingAName > pairs * 0.9, $"{pairsSharingAName} of {pairs} same-topic pairs share names");
    }

    [Fact]
    public void Generate_DifferentStories_ShareUnderOnePercentOfFiveGrams()
    {
        var originals = new CorpusGenerator(CorpusOptions.Default with { Documents = 400, Seed = 21, HardNegativeRate = 0 })
            .Generate().Where(d => d.Role == DocumentRoles.Original).Select(d => FiveGrams.Of(d.Text)).Take(80).ToList();
        double worst = 0;
        for (int i = 0; i < originals.Count; i++)
        {
            for (int j = i + 1; j < originals.Count; j++)
            {
                worst = Math.Max(worst, FiveGrams.Jaccard(originals[i], originals[j]));
            }
        }

        Assert.InRange(worst, 0, 0.005);
    }

    [Fact]
    public void Generate_OcrNoise_ChangesOnlyNonExactCopies()
    {
        var plain = CorpusOptions.Default with { Documents = 300, Seed = 4 };
        var clean = new CorpusGenerator(plain).Generate().ToList();
        var noisy = new CorpusGenerator(plain with { OcrNoise = true, OcrDocumentRate = 1 }).Generate().ToList();
        Assert.Equal(clean.Count, noisy.Count);
        var noisyByCluster = noisy.Where(d => d.Role == DocumentRoles.Original).ToDictionary(d => d.Cluster);
        foreach (var d in noisy.Where(d => d.Role is DocumentRoles.Syndicated or DocumentRoles.Excerpt))
        {
            // Noise breaks some 5-grams, but the copy stays recognizable.
            double c = FiveGrams.Containment(FiveGrams.Of(noisyByCluster[d.Cluster].Text), FiveGrams.Of(d.Text));
            Assert.InRange(c, 0.02, 0.97);
        }

        foreach (var d in noisy.Where(d => d.Role == DocumentRoles.Exact))
        {
            Assert.Equal(FiveGrams.NormalizeExact(noisyByCluster[d.Cluster].Text), FiveGrams.NormalizeExact(d.Text));
        }
    }

    [Fact]
    public void Generate_SyndicatedFromSameSite_ShareBoilerplate()
    {
        var docs = new CorpusGenerator(CorpusOptions.Default with { Documents = 3000, Seed = 8, Sites = 20 }).Generate()
            .Where(d => d.Role == DocumentRoles.Syndicated).ToList();
        var sameSite = docs.GroupBy(d => d.Source).First(g => g.Select(d => d.Cluster).Distinct().Count() >= 2).ToList();
        var a = sameSite[0];
        var b = sameSite.First(d => d.Cluster != a.Cluster);
        Assert.True(FiveGrams.Of(a.Text).Intersect(FiveGrams.Of(b.Text)).Count() >= 15);
    }

    [Theory]
    [InlineData(0, 0.05, 0.25)]
    [InlineData(10, -0.1, 0.25)]
    [InlineData(10, 0.5, 0.6)]
    public void Constructor_InvalidOptions_Throws(int documents, double exact, double syndicated) =>
        Assert.Throws<ArgumentException>(() => new CorpusGenerator(CorpusOptions.Default with { Documents = documents, ExactRate = exact, SyndicatedRate = syndicated }));

    [Fact]
    public void Constructor_InvertedStrengthRange_Throws() =>
        Assert.Throws<ArgumentException>(() => new CorpusGenerator(CorpusOptions.Default with { RewriteStrength = new StrengthRange(0.9, 0.1) }));

    private static HashSet<string> CapitalizedWords(string text) =>
        [.. text.Split([' ', '\n', ',', '.', '"'], StringSplitOptions.RemoveEmptyEntries).Skip(12).Where(w => w.Length > 3 && char.IsUpper(w[0]) && w.Skip(1).All(char.IsLower))];

    private static List<Dictionary<string, string?>> ReadJsonl(string path)
    {
        var rows = new List<Dictionary<string, string?>>();
        foreach (string line in File.ReadLines(path))
        {
            using var json = JsonDocument.Parse(line);
            rows.Add(json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));
        }

        return rows;
    }

    internal sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("neardup-corpus-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
