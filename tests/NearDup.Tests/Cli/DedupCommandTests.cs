using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NearDup.Cli;
using NearDup.Corpus;

namespace NearDup.Tests.Cli;

/// <summary><c>neardup dedup</c>, run in-process; outputs go to files so that no test redirects the console.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DedupCommandTests : IDisposable
{
    private const string AllKinds = "exact,syndicated,rewritten,excerpt,template";

    private readonly string _dir = Directory.CreateTempSubdirectory("neardup-dedup-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// gen 400 seed 1 is a corpus the engine clusters without a miss; at other seeds it misses about one copy in
    /// 250 (gen 1000 seed 1: 2 of 482 stories), which dedup then keeps: <see cref="Dedup_AllKinds_KeepsExactlyOneDocumentPerCluster"/>
    /// checks dedup's own part on such a corpus.
    /// </summary>
    [Fact]
    public void Dedup_GeneratedCorpus_AllKinds_KeepsOneDocumentPerStoryWithEveryByte()
    {
        string docs = Generate(400, 1);
        string kept = Path.Combine(_dir, "kept.jsonl");
        Assert.Equal(0, Program.Main(["dedup", docs, "--out", kept, "--kinds", AllKinds, "-q"]));
        var storyOf = Labels().ToDictionary(l => l.Id, l => l.Story);
        var keptIds = File.ReadLines(kept).Select(IdOf).ToList();
        int stories = storyOf.Values.Distinct().Count();
        // Every story keeps a document. A post quoting a story's second paragraphs with half its text its own, the story
        // three times its length, has the shape of a long text's passage (QuotedPassageRule.Holds) and is kept too:
        // one in this corpus's 40 excerpts.
        Assert.Equal(stories, keptIds.Select(id => storyOf[id]).Distinct().Count());
        Assert.InRange(keptIds.Count, stories, stories + 1);
        AssertLinesAreInputLines(docs, kept);
    }

    [Fact]
    public void Dedup_AllKinds_KeepsExactlyOneDocumentPerCluster()
    {
        string docs = Generate(1000, 1);
        string kept = Path.Combine(_dir, "kept.jsonl"), clusters = Path.Combine(_dir, "clusters.jsonl"), removed = Path.Combine(_dir, "removed.jsonl");
        Assert.Equal(0, Program.Main(["dedup", docs, "--out", kept, "--kinds", "exact,syndicated,rewritten,excerpt", "--removed", removed, "-q"]));
        Assert.Equal(0, Program.Main(["cluster", docs, "--out", clusters, "-q"]));
        var keptIds = File.ReadLines(kept).Select(IdOf).ToHashSet();
        foreach (string line in File.ReadLines(clusters))
        {
            using var json = JsonDocument.Parse(line);
            var members = json.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
            Assert.Single(members, keptIds.Contains);
        }
        // Every removed document names its cluster and a kept document; kept and removed make up the input once.
        var removedIds = new HashSet<string>();
        foreach (string line in File.ReadLines(removed))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.True(removedIds.Add(root.GetProperty("id").GetString()!));
            Assert.Contains(root.GetProperty("kept").GetString()!, keptIds);
            Assert.StartsWith("c", root.GetProperty("cluster").GetString(), StringComparison.Ordinal);
            Assert.Contains(root.GetProperty("kind").GetString(), (string[])["exact", "syndicated", "rewritten", "excerpt"]);
            Assert.InRange(root.GetProperty("containment").GetDouble(), 0, 1);
        }
        Assert.Empty(removedIds.Intersect(keptIds));
        Assert.Equal(File.ReadLines(docs).Count(), keptIds.Count + removedIds.Count);
    }

    [Fact]
    public void Dedup_DefaultKinds_RemovesOnlyExactAndSyndicatedCopies()
    {
        string docs = Generate(400, 1);
        string kept = Path.Combine(_dir, "kept.jsonl"), removed = Path.Combine(_dir, "removed.jsonl");
        var (exit, _, error) = CliHarness.Run("dedup", docs, "--out", kept, "--removed", removed);
        Assert.Equal(0, exit);
        var kinds = File.ReadLines(removed).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).ToHashSet();
        Assert.Subset(new HashSet<string?> { "exact", "syndicated" }, kinds);
        int removedCount = File.ReadLines(removed).Count();
        Assert.Contains($"400 documents in, {400 - removedCount} kept, {removedCount} removed (exact ", error, StringComparison.Ordinal);
        // Every copy that cluster calls rewritten or excerpt is still there.
        string clusters = Path.Combine(_dir, "clusters.jsonl");
        Assert.Equal(0, Program.Main(["cluster", docs, "--out", clusters, "-q"]));
        var keptIds = File.ReadLines(kept).Select(IdOf).ToHashSet();
        var weak = File.ReadLines(clusters).SelectMany(l => JsonDocument.Parse(l).RootElement.GetProperty("members").EnumerateArray())
            .Where(m => m.GetProperty("role").GetString() is "rewritten" or "excerpt").Select(m => m.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(weak);
        Assert.All(weak, id => Assert.Contains(id, keptIds));
    }

    [Fact]
    public void Dedup_ShuffledInputOrOtherThreadCount_KeepsTheSameRecords()
    {
        string docs = Generate(400, 1), shuffled = Path.Combine(_dir, "shuffled.jsonl");
        var lines = File.ReadAllLines(docs, Encoding.Latin1);
        new Random(5).Shuffle(lines);
        File.WriteAllLines(shuffled, lines, Encoding.Latin1);
        string a = Path.Combine(_dir, "a.jsonl"), b = Path.Combine(_dir, "b.jsonl"), c = Path.Combine(_dir, "c.jsonl");
        string ra = Path.Combine(_dir, "ra.jsonl"), rb = Path.Combine(_dir, "rb.jsonl"), rc = Path.Combine(_dir, "rc.jsonl");
        Assert.Equal(0, Program.Main(["dedup", docs, "--out", a, "--removed", ra, "--kinds", AllKinds, "--threads", "1", "-q"]));
        Assert.Equal(0, Program.Main(["dedup", docs, "--out", b, "--removed", rb, "--kinds", AllKinds, "--threads", "2", "-q"]));
        Assert.Equal(0, Program.Main(["dedup", shuffled, "--out", c, "--removed", rc, "--kinds", AllKinds, "-q"]));
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.Equal(File.ReadAllBytes(ra), File.ReadAllBytes(rb));
        Assert.Equal(File.ReadAllBytes(ra), File.ReadAllBytes(rc));
        Assert.Equal(File.ReadAllLines(a, Encoding.Latin1).Order(StringComparer.Ordinal), File.ReadAllLines(c, Encoding.Latin1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Dedup_Templates_GoOnlyWithKindTemplate()
    {
        // One wording filled in with another company and figures: a short notice, and the same notice in the middle of
        // a long text. The judge calls them different stories (a reuse link); the texts show a template.
        var frame = Enumerable.Range(0, 14).Select(i => Words(20 + i, 12)).ToArray();
        string Fill(string company, int seed)
        {
            var random = new Random(seed);
            return string.Join(' ', frame.Select(part => $"{part} {company} {random.Next(10_000, 99_999)}."));
        }
        string docs = CliHarness.WriteLines(_dir, "docs.jsonl",
            CliHarness.Line("short", Words(55, 100) + ".\n\n" + Fill("Acme", 1)),
            CliHarness.Line("long", Words(77, 600) + ".\n\n" + Fill("Globex", 2) + "\n\n" + Words(78, 600)),
            CliHarness.Line("other", Words(999, 200)));
        string pairs = Path.Combine(_dir, "pairs.jsonl"), kept = Path.Combine(_dir, "kept.jsonl"), removed = Path.Combine(_dir, "removed.jsonl");
        Assert.Equal(0, Program.Main(["cluster", docs, "--pairs", "-o", pairs, "-q"]));
        var link = JsonDocument.Parse(Assert.Single(File.ReadLines(pairs))).RootElement;
        Assert.Equal(("reuse", "template"), (link.GetProperty("relation").GetString(), link.GetProperty("kind").GetString()));

        Assert.Equal(0, Program.Main(["dedup", docs, "--out", kept, "--kinds", "exact,syndicated,rewritten,excerpt", "-q"]));
        Assert.Equal(3, File.ReadLines(kept).Count());
        Assert.Equal(0, Program.Main(["dedup", docs, "--out", kept, "--kinds", "template", "--keep", "first", "--removed", removed, "-q"]));
        Assert.Equal(["short", "other"], File.ReadLines(kept).Select(IdOf));
        var gone = JsonDocument.Parse(Assert.Single(File.ReadLines(removed))).RootElement;
        Assert.Equal(("long", "short", "template"), (gone.GetProperty("id").GetString(), gone.GetProperty("kept").GetString(), gone.GetProperty("kind").GetString()));
    }

    private static string Words(int seed, int count)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(0, 50_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Dedup_GzipInput_WritesTheSameLinesAsPlainOrGzipOutput()
    {
        string docs = Generate(400, 1), gz = Path.Combine(_dir, "docs.jsonl.gz");
        using (var source = File.OpenRead(docs))
        using (var target = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        {
            source.CopyTo(target);
        }
        string plain = Path.Combine(_dir, "a.jsonl"), fromGz = Path.Combine(_dir, "b.jsonl"), gzOut = Path.Combine(_dir, "c.jsonl.gz");
        Assert.Equal(0, Program.Main(["dedup", docs, "--out", plain, "-q"]));
        Assert.Equal(0, Program.Main(["dedup", gz, "--out", fromGz, "-q"]));
        Assert.Equal(0, Program.Main(["dedup", gz, "--out", gzOut, "-q"]));
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(fromGz));
        using var unzipped = new MemoryStream();
        using (var stream = new GZipStream(File.OpenRead(gzOut), CompressionMode.Decompress))
        {
            stream.CopyTo(unzipped);
        }
        Assert.Equal(File.ReadAllBytes(plain), unzipped.ToArray());
    }

    [Fact]
    public void Dedup_RecordsWithOtherFields_AreCopiedByteForByte()
    {
        string text = CliHarness.Story + " and the mayor said the work would start in the spring with the first lane open by winter";
        string other = "a completely different report about the weather in the mountains this week with snow and strong winds expected";
        byte[][] lines =
        [
            Encoding.UTF8.GetBytes($"{{\"meta\":{{\"url\":\"https://a.example/x?q=1\",\"tags\":[1,2.50,null]}},\"text\":\"{text}\",\"id\":\"a\",\"date\":\"2020-01-02\"}}"),
            Encoding.UTF8.GetBytes("  "),
            Encoding.UTF8.GetBytes($"{{\"id\":\"b\",  \"text\":\"{text.ToUpperInvariant()}\", \"x\":\"caf\\u00e9 \u00e9\\n\"}}"),
            Encoding.UTF8.GetBytes($"{{\"id\":7,\"text\":\"{other}\",\"score\":1e3}}"),
        ];
        string docs = CliHarness.WriteLines(_dir, "docs.jsonl", lines);
        string kept = Path.Combine(_dir, "kept.jsonl");
        Assert.Equal(0, Program.Main(["dedup", docs, "--out", kept, "-q"]));
        // b is an exact copy of a (the same text once normalized) and goes; a and 7 stay, each line as it was.
        Assert.Equal([.. lines[0], (byte)'\n', .. lines[3], (byte)'\n'], File.ReadAllBytes(kept));
    }

    [Theory]
    [InlineData("first", "a")]
    [InlineData("earliest", "b")]
    [InlineData("longest", "c")]
    public void Dedup_Keep_ChoosesByTheRule(string keep, string expected)
    {
        string docs = CliHarness.WriteLines(_dir, "docs.jsonl",
            Encoding.UTF8.GetBytes($"{{\"id\":\"a\",\"text\":\"{CliHarness.Story}\",\"date\":\"2021-05-01\"}}"),
            Encoding.UTF8.GetBytes($"{{\"id\":\"b\",\"text\":\"{CliHarness.Story}\",\"date\":\"2020-05-01\"}}"),
            Encoding.UTF8.GetBytes($"{{\"id\":\"c\",\"text\":\"{CliHarness.Story.Replace(" ", "   ", StringComparison.Ordinal)}\"}}"));
        string kept = Path.Combine(_dir, "kept.jsonl");
        Assert.Equal(0, Program.Main(["dedup", docs, "--out", kept, "--keep", keep, "-q"]));
        Assert.Equal([expected], File.ReadLines(kept).Select(IdOf));
    }

    [Fact]
    public void Dedup_Folder_WritesTheKeptFilesUnderTheirNames()
    {
        string input = Directory.CreateDirectory(Path.Combine(_dir, "in", "sub")).Parent!.FullName;
        byte[] story = Encoding.UTF8.GetBytes(CliHarness.Story + " and more words follow here\n");
        File.WriteAllBytes(Path.Combine(input, "a.txt"), story);
        File.WriteAllBytes(Path.Combine(input, "sub", "b.txt"), [0xEF, 0xBB, 0xBF, .. story]);
        File.WriteAllBytes(Path.Combine(input, "sub", "c.md"), Encoding.UTF8.GetBytes("an unrelated note about gardening tools and the best soil for tomatoes in a dry summer"));
        string output = Path.Combine(_dir, "out");
        Assert.Equal(0, Program.Main(["dedup", input, "--out", output, "-q"]));
        var written = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order(StringComparer.Ordinal);
        Assert.Equal(["a.txt", Path.Combine("sub", "c.md")], written);
        Assert.Equal(story, File.ReadAllBytes(Path.Combine(output, "a.txt")));
        // A second run into the same (now full) folder is refused before anything is read.
        var (exit, _, error) = CliHarness.Run("dedup", input, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains("the folder is not empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dedup_SharedSeeds_KeepsOneFilePerStoryByteForByte()
    {
        string? seeds = SharedCorpus.SeedsDirectory;
        if (seeds is null)
        {
            Assert.Skip("../shared/corpus/seeds is not beside this checkout.");
        }
        string output = Path.Combine(_dir, "out");
        Assert.Equal(0, Program.Main(["dedup", seeds, "--out", output, "--kinds", AllKinds, "-q"]));
        var stories = File.ReadLines(Path.Combine(seeds, "labels.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("cluster").ToString());
        var files = Directory.GetFiles(output);
        Assert.Equal(stories.Values.Distinct().Count(), files.Length);
        Assert.Equal(files.Length, files.Select(f => stories[Path.GetFileNameWithoutExtension(f)]).Distinct().Count());
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(seeds, Path.GetFileName(f))), File.ReadAllBytes(f)));
    }

    [Fact]
    public void Dedup_BadArguments_StopBeforeReadingWithTheFlagNamed()
    {
        string docs = Generate(400, 1);
        string array = Path.Combine(_dir, "docs.json");
        File.WriteAllText(array, $"[{{\"id\":\"a\",\"text\":\"{CliHarness.Story}\"}}]");
        (string[] Args, string Message)[] cases =
        [
            (["dedup", "-", "--out", Path.Combine(_dir, "x.jsonl")], "not - (stdin)"),
            (["dedup", docs, "--out", docs], "that is INPUT"),
            (["dedup", docs, "--out", Path.Combine(_dir, "none", "x.jsonl")], "--out "),
            (["dedup", docs, "--out", Path.Combine(_dir, "x.jsonl"), "--removed", Path.Combine(_dir, "none", "r.jsonl")], "--removed "),
            (["dedup", docs, "--out", Path.Combine(_dir, "x.jsonl"), "--kinds", "exact,copies"], "--kinds: unknown kind 'copies'"),
            (["dedup", docs, "--out", Path.Combine(_dir, "x.jsonl"), "--removed", Path.Combine(_dir, "x.jsonl")], "that is --out or INPUT"),
            (["dedup", docs, "--out", Path.Combine(_dir, "x.jsonl"), "--min-jaccard", "1.5"], "--min-jaccard must be 0 to 1; got 1.5."),
            (["dedup", array, "--out", Path.Combine(_dir, "x.jsonl"), "--output-format", "csv"], "--output-format csv: INPUT is a JSON array"),
        ];
        foreach (var (args, message) in cases)
        {
            var (exit, _, error) = CliHarness.Run(args);
            Assert.True(exit == 2, $"{string.Join(' ', args)}: exit {exit}, {error}");
            Assert.Contains(message, error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_dir, "x.jsonl")));
        }
    }

    private string Generate(int documents, ulong seed)
    {
        new CorpusGenerator(CorpusOptions.Default with { Documents = documents, Seed = seed }).Write(_dir);
        return Path.Combine(_dir, "docs.jsonl");
    }

    private IEnumerable<(string Id, string Story)> Labels() =>
        File.ReadLines(Path.Combine(_dir, "labels.jsonl")).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("cluster").GetString()!);
        });

    private static string IdOf(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.GetProperty("id").ToString();
    }

    /// <summary>Every output line is an input line, byte for byte (Latin-1 maps each byte to one char), and they come in input order.</summary>
    private static void AssertLinesAreInputLines(string input, string output)
    {
        var inputLines = File.ReadAllLines(input, Encoding.Latin1);
        var index = inputLines.Select((line, i) => (line, i)).ToDictionary(x => x.line, x => x.i, StringComparer.Ordinal);
        int last = -1;
        foreach (string line in File.ReadLines(output, Encoding.Latin1))
        {
            Assert.True(index.TryGetValue(line, out int at), "an output line is not an input line");
            Assert.True(at > last);
            last = at;
        }
    }
}
