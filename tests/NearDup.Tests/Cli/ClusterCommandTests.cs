using System.Text.Json;
using NearDup.Cli;

namespace NearDup.Tests.Cli;

/// <summary>The cluster and eval commands, run in-process; outputs go to files so that no test redirects the console.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ClusterCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neardup-cli-").FullName;

    private static string Sample => Path.Combine(SharedCorpus.RepositoryRoot, "corpus", "sample");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Cluster_SampleCorpus_WritesOneLinePerClusterWithEveryDocumentOnce()
    {
        string output = Path.Combine(_dir, "clusters.jsonl");
        Assert.Equal(0, Program.Main(["cluster", Path.Combine(Sample, "docs.jsonl"), "--out", output, "--quiet"]));
        var ids = new List<string>();
        foreach (string line in File.ReadLines(output))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.StartsWith("c", root.GetProperty("cluster").GetString(), StringComparison.Ordinal);
            var members = root.GetProperty("members").EnumerateArray().ToArray();
            Assert.Equal(root.GetProperty("canonical").GetString(), members[0].GetProperty("id").GetString());
            Assert.Equal("canonical", members[0].GetProperty("role").GetString());
            Assert.Equal(members.Length, root.GetProperty("size").GetInt32());
            ids.AddRange(members.Select(m => m.GetProperty("id").GetString()!));
        }
        Assert.Equal(120, ids.Count);
        Assert.Equal(120, ids.Distinct().Count());
        Assert.Empty(Directory.GetFiles(_dir, "*.neardup-tmp-*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public void Cluster_SameInput_GivesByteIdenticalOutputForAnyThreadCount()
    {
        string a = Path.Combine(_dir, "a.jsonl"), b = Path.Combine(_dir, "b.jsonl");
        Assert.Equal(0, Program.Main(["cluster", Path.Combine(Sample, "docs.jsonl"), "-o", a, "-q", "--threads", "1"]));
        Assert.Equal(0, Program.Main(["cluster", Path.Combine(Sample, "docs.jsonl"), "-o", b, "-q", "--threads", "2"]));
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Cluster_SpillDir_SameBytesAndNoFileLeft()
    {
        string docs = Path.Combine(_dir, "docs.jsonl"), spill = Directory.CreateDirectory(Path.Combine(_dir, "spill")).FullName;
        new NearDup.Corpus.CorpusGenerator(NearDup.Corpus.CorpusOptions.Default with { Documents = 3_000, Seed = 3 }).Write(_dir);
        string a = Path.Combine(_dir, "a.jsonl"), b = Path.Combine(_dir, "b.jsonl");
        Assert.Equal(0, Program.Main(["cluster", docs, "-o", a, "-q"]));
        var (exit, _, error) = CliHarness.Run("cluster", docs, "-o", b, "-v", "--spill-dir", spill);
        Assert.Equal(0, exit);
        Assert.Contains("; spilled ", error, StringComparison.Ordinal);
        Assert.Contains("clustering 7/7 canonicals and roles: from ", error, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.Empty(Directory.GetFileSystemEntries(spill));
    }

    [Fact]
    public void Cluster_Verbose_EndsClusteringWithTheLastStagesPeak()
    {
        var (exit, _, error) = CliHarness.Run("cluster", Path.Combine(Sample, "docs.jsonl"), "-o", Path.Combine(_dir, "out.jsonl"), "-v");
        Assert.Equal(0, exit);
        int last = error.IndexOf("clustering 7/7 canonicals and roles: from ", StringComparison.Ordinal);
        int done = error.IndexOf("clustering done: after ", StringComparison.Ordinal);
        Assert.True(last >= 0 && done > last, error);
        Assert.Contains("since the last line at most ", error[done..], StringComparison.Ordinal);
    }

    [Fact]
    public void Dedup_Verbose_EndsClusteringWithTheLastStagesPeak()
    {
        var (exit, _, error) = CliHarness.Run("dedup", Path.Combine(Sample, "docs.jsonl"), "-o", Path.Combine(_dir, "kept.jsonl"), "-v");
        Assert.Equal(0, exit);
        Assert.Contains("clustering done: after ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_MissingSpillDir_ExitsNonZeroNamingIt()
    {
        string missing = Path.Combine(_dir, "no-such-spill");
        var (exit, _, error) = CliHarness.Run("cluster", Path.Combine(Sample, "docs.jsonl"), "-o", Path.Combine(_dir, "out.jsonl"), "--spill-dir", missing);
        Assert.NotEqual(0, exit);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "out.jsonl")));
    }

    [Theory]
    [InlineData("csv", "cluster,canonical,id,role,jaccard,containment")]
    [InlineData("text", "120 documents in")]
    public void Cluster_Formats_WriteTheirHeader(string format, string start)
    {
        string output = Path.Combine(_dir, "out." + format);
        Assert.Equal(0, Program.Main(["cluster", Path.Combine(Sample, "docs.jsonl"), "-o", output, "-q", "--format", format]));
        Assert.StartsWith(start, File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_Pairs_AreVerifiedPairsWithScores()
    {
        string output = Path.Combine(_dir, "pairs.jsonl");
        Assert.Equal(0, Program.Main(["cluster", Path.Combine(Sample, "docs.jsonl"), "-o", output, "-q", "--pairs"]));
        var lines = File.ReadAllLines(output);
        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(string.CompareOrdinal(json.RootElement.GetProperty("a").GetString(), json.RootElement.GetProperty("b").GetString()) < 0);
            Assert.InRange(json.RootElement.GetProperty("containment").GetDouble(), 0.05, 1);
            Assert.True(json.RootElement.GetProperty("shared").GetInt32() >= 8);
        }
    }

    [Fact]
    public void Cluster_PairsAndReport_CarryPassagesAsCharacterRangesAndTheKindOfAReuseLink()
    {
        var random = new Random(7);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(0, 50_000)));
        string story = Words(300) + ". " + Words(60) + ". " + Words(100);
        string background = story.Substring(story.IndexOf(". ", StringComparison.Ordinal) + 2, 200);
        string followUp = Words(400) + ". " + background + " " + Words(30);
        string input = CliHarness.WriteLines(_dir, "docs.jsonl", CliHarness.Line("story", story), CliHarness.Line("follow-up", followUp));
        string output = Path.Combine(_dir, "pairs.jsonl");
        Assert.Equal(0, Program.Main(["cluster", input, "-o", output, "-q", "--pairs"]));
        using var json = JsonDocument.Parse(Assert.Single(File.ReadAllLines(output)));
        var pair = json.RootElement;
        Assert.Equal(("follow-up", "story"), (pair.GetProperty("a").GetString(), pair.GetProperty("b").GetString()));
        Assert.Equal("reuse", pair.GetProperty("relation").GetString());
        Assert.Equal("passage", pair.GetProperty("kind").GetString());
        Assert.True(pair.GetProperty("containmentA").GetDouble() < pair.GetProperty("containmentB").GetDouble());
        var passage = Assert.Single(pair.GetProperty("passages").EnumerateArray().Select(p => p.EnumerateArray().Select(x => x.GetInt32()).ToArray()));
        string inFollowUp = followUp[passage[0]..passage[1]], inStory = story[passage[2]..passage[3]];
        Assert.Equal(inFollowUp, inStory);
        Assert.True(inStory.Length >= 150, inStory);

        string html = Path.Combine(_dir, "report.html");
        Assert.Equal(0, Program.Main(["cluster", input, "-o", Path.Combine(_dir, "clusters.jsonl"), "-q", "--html", html]));
        Assert.Contains("<tr><td><bdi>follow-up</bdi></td><td>c000001</td><td><bdi>story</bdi></td><td>c000002</td><td>reuse</td><td>passage</td>", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_HtmlWithOtherIdAndTextFields_ReadsTheTextsWithThem()
    {
        string story = string.Join(' ', Enumerable.Range(0, 300).Select(i => "word" + (i * 7919 % 5003)));
        string input = Path.Combine(_dir, "fields.jsonl");
        File.WriteAllLines(input, [
            System.Text.Json.JsonSerializer.Serialize(new { doc = "a", body = story }),
            System.Text.Json.JsonSerializer.Serialize(new { doc = "b", body = story + " with a new last line" }),
        ]);
        string html = Path.Combine(_dir, "fields.html");
        Assert.Equal(0, Program.Main(["cluster", input, "--id-field", "doc", "--text-field", "body", "-o", Path.Combine(_dir, "c.jsonl"), "-q", "--html", html]));
        Assert.Contains("with a new last line", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_PassageShingles_SetsTheQuoteThatLinksLongTexts()
    {
        // A 60-word quote in two 1,500-word texts is under 0.05 of either: only the passage rule links them.
        var random = new Random(11);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(0, 50_000)));
        string quote = Words(60);
        string input = CliHarness.WriteLines(_dir, "long.jsonl",
            CliHarness.Line("a", Words(700) + " " + quote + " " + Words(740)), CliHarness.Line("b", Words(900) + " " + quote + " " + Words(540)));
        string pairs = Path.Combine(_dir, "pairs.jsonl");
        Assert.Equal(0, Program.Main(["cluster", input, "-o", pairs, "-q", "--pairs"]));
        Assert.Contains("\"relation\":\"reuse\"", Assert.Single(File.ReadAllLines(pairs)), StringComparison.Ordinal);
        // Raised to 400, a passage needs 400 shingles, or a fifth of them within 100 shingles of both: the quote has 56.
        Assert.Equal(0, Program.Main(["cluster", input, "-o", pairs, "-q", "--pairs", "--passage-shingles", "400"]));
        Assert.Empty(File.ReadAllLines(pairs));
        Assert.Equal(0, Program.Main(["cluster", input, "-o", pairs, "-q", "--pairs", "--passage-shingles", "250"]));
        Assert.Single(File.ReadAllLines(pairs));
    }

    [Fact]
    public void Eval_SampleClusters_ScoresAgainstLabels()
    {
        string clusters = Path.Combine(_dir, "clusters.jsonl");
        Assert.Equal(0, Program.Main(["cluster", Path.Combine(Sample, "docs.jsonl"), "-o", clusters, "-q"]));
        var labels = NearDup.Cli.Commands.EvalFiles.ReadLabels(Path.Combine(Sample, "labels.jsonl"));
        var predicted = NearDup.Cli.Commands.EvalFiles.ReadClusters(clusters);
        var report = NearDup.Evaluation.QualityEvaluator.Evaluate(labels, predicted);
        Assert.Equal(120, report.Documents);
        Assert.True(report.F1 >= 0.95, $"F1 {report.F1}");
        Assert.Contains(report.RoleRecalls, r => r.Role == "excerpt");
    }

    [Fact]
    public void Cluster_GzippedJsonl_EqualsPlainJsonl()
    {
        string gz = Path.Combine(_dir, "docs.jsonl.gz");
        using (var source = File.OpenRead(Path.Combine(Sample, "docs.jsonl")))
        using (var target = new System.IO.Compression.GZipStream(File.Create(gz), System.IO.Compression.CompressionLevel.Fastest))
        {
            source.CopyTo(target);
        }
        string a = Path.Combine(_dir, "a.jsonl"), b = Path.Combine(_dir, "b.jsonl");
        Assert.Equal(0, Program.Main(["cluster", Path.Combine(Sample, "docs.jsonl"), "-o", a, "-q"]));
        Assert.Equal(0, Program.Main(["cluster", gz, "-o", b, "-q"]));
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Cluster_MissingPath_ExitsTwo()
    {
        Assert.Equal(2, Program.Main(["cluster", Path.Combine(_dir, "nope.jsonl"), "-q", "-o", Path.Combine(_dir, "x.jsonl")]));
        Assert.False(File.Exists(Path.Combine(_dir, "x.jsonl")));
    }

    [Fact]
    public void Cluster_MalformedLine_ExitsTwoAndWritesNothing_UnlessSkipInvalid()
    {
        string input = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllLines(input, ["{\"id\":\"a\",\"text\":\"one two three four five six\"}", "{\"id\":\"b\",\"text\":", "{\"id\":\"c\",\"text\":\"seven eight nine ten eleven\"}"]);
        string output = Path.Combine(_dir, "out.jsonl");
        Assert.Equal(2, Program.Main(["cluster", input, "-o", output, "-q"]));
        Assert.False(File.Exists(output));
        Assert.Equal(0, Program.Main(["cluster", input, "-o", output, "-q", "--skip-invalid"]));
        Assert.Equal(2, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Cluster_FolderWithHtml_WritesReportToo()
    {
        string folder = Path.Combine(_dir, "docs");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        var fixtures = NearDup.Corpus.Fixtures.SeedShaped();
        for (int i = 0; i < fixtures.Count; i++)
        {
            // Files with no extension count as text too.
            File.WriteAllText(Path.Combine(folder, i % 2 == 0 ? "sub" : "", i == 5 ? $"doc{i}" : $"doc{i}.txt"), fixtures[i].Text);
        }
        File.WriteAllText(Path.Combine(folder, "labels.jsonl"), "{}");
        string output = Path.Combine(_dir, "clusters.jsonl");
        string html = Path.Combine(_dir, "report.html");
        Assert.Equal(0, Program.Main(["cluster", folder, "-o", output, "-q", "--html", html]));
        var lines = File.ReadAllLines(output);
        Assert.Equal(3, lines.Length); // the story with its three copies, and two same-topic stories alone
        Assert.Contains("\"id\":\"sub/doc0\"", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("\"id\":\"doc5\"", StringComparison.Ordinal));
        Assert.Contains("NearDup report", File.ReadAllText(html), StringComparison.Ordinal);
    }
}
