using System.Text.Json;
using NearDup.Clustering;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class IndexCommandTests
{
    private static string[] Lines(IEnumerable<NearDup.Corpus.GeneratedDocument> documents) =>
        [.. documents.Select(d => JsonSerializer.Serialize(new { id = d.Id, text = d.Text, date = d.Date }))];

    [Fact]
    public void IndexBuildThenClusterIndex_SameAsClusterInput()
    {
        using var folder = new TempFolder();
        string docs = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllLines(docs, Lines(IndexTestData.Corpus));
        string index = Path.Combine(folder.Path, "idx");

        var build = CliHarness.Run("index", "build", docs, "--index", index);
        Assert.Equal(0, build.Exit);
        Assert.Contains($"indexed {IndexTestData.Corpus.Count:N0} documents", build.Error);

        Assert.Equal(0, CliHarness.Run("cluster", docs, "-o", Path.Combine(folder.Path, "a.jsonl"), "-q").Exit);
        var fromIndex = CliHarness.Run("cluster", "--index", index, "-o", Path.Combine(folder.Path, "b.jsonl"), "--quiet");
        Assert.Equal((0, "", ""), fromIndex);
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Path, "a.jsonl")), File.ReadAllBytes(Path.Combine(folder.Path, "b.jsonl")));
    }

    [Fact]
    public void IndexAddAndRemove_SameAsBuildingFromTheResult()
    {
        using var folder = new TempFolder();
        var all = IndexTestData.Corpus;
        string first = Path.Combine(folder.Path, "first.jsonl"), second = Path.Combine(folder.Path, "second.jsonl");
        File.WriteAllLines(first, Lines(all.Take(150)));
        File.WriteAllLines(second, Lines(all.Skip(150)));
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", first, "--index", index, "-q").Exit);
        var add = CliHarness.Run("index", "add", index, second);
        Assert.Equal(0, add.Exit);
        Assert.Contains($"added {all.Count - 150:N0} documents to 150", add.Error);

        string ids = Path.Combine(folder.Path, "ids.txt");
        File.WriteAllLines(ids, [all[3].Id, "", all[200].Id]);
        var remove = CliHarness.Run("index", "remove", index, "--ids", ids);
        Assert.Equal(0, remove.Exit);
        Assert.Contains($"removed 2 documents, {all.Count - 2:N0} left", remove.Error);

        // The file holds the query state of a clustering of exactly the documents left, not the state before the add or remove.
        var expected = IndexTestData.Build(all.Where(d => d.Id != all[3].Id && d.Id != all[200].Id));
        expected.Cluster();
        Assert.Equal(IndexTestData.SaveToBytes(expected), File.ReadAllBytes(DuplicateDetector.IndexPath(index)));
        Assert.True(DuplicateDetector.Load(index).HasQueryState);
    }

    [Fact]
    public void IndexAdd_IdAlreadyIndexed_FailsOrSkipsWithCount()
    {
        using var folder = new TempFolder();
        var all = IndexTestData.Corpus;
        string docs = Path.Combine(folder.Path, "docs.jsonl"), more = Path.Combine(folder.Path, "more.jsonl");
        File.WriteAllLines(docs, Lines(all.Take(20)));
        File.WriteAllLines(more, Lines(all.Skip(19).Take(3)));
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q").Exit);
        byte[] before = File.ReadAllBytes(DuplicateDetector.IndexPath(index));

        var fail = CliHarness.Run("index", "add", index, more);
        Assert.Equal(2, fail.Exit);
        Assert.Contains($"'{all[19].Id}' is already in the index", fail.Error);
        Assert.Contains("more.jsonl", fail.Error);
        Assert.Equal(before, File.ReadAllBytes(DuplicateDetector.IndexPath(index)));

        var skip = CliHarness.Run("index", "add", index, more, "--skip-invalid");
        Assert.Equal(0, skip.Exit);
        Assert.Contains("skipped 1 documents already in the index", skip.Error);
        Assert.Contains("added 2 documents to 20", skip.Error);
    }

    [Fact]
    public void IndexRemove_UnknownId_FailsNamingFileAndLineOrSkips()
    {
        using var folder = new TempFolder();
        string docs = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllLines(docs, Lines(IndexTestData.Corpus.Take(10)));
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q").Exit);
        string ids = Path.Combine(folder.Path, "ids.txt");
        File.WriteAllLines(ids, [IndexTestData.Corpus[0].Id, "no-such-id"]);

        var fail = CliHarness.Run("index", "remove", index, "--ids", ids);
        Assert.Equal(2, fail.Exit);
        Assert.Contains("ids.txt:2: id 'no-such-id' is not in the index", fail.Error);
        Assert.Equal(10, DuplicateDetector.Load(index).Count);

        var skip = CliHarness.Run("index", "remove", index, "--ids", ids, "--skip-invalid");
        Assert.Equal(0, skip.Exit);
        Assert.Contains("skipped 1 unknown ids", skip.Error);
        Assert.Equal(9, DuplicateDetector.Load(index).Count);
    }

    [Fact]
    public void IndexAddOrRemove_ChangingNothing_LeavesTheFileUnwritten_UnlessItsCompressionIsGiven()
    {
        // Every id already held (add) or unknown (remove), skipped: a large index is not stored again for nothing.
        using var folder = new TempFolder();
        string docs = Path.Combine(folder.Path, "docs.jsonl"), ids = Path.Combine(folder.Path, "ids.txt");
        File.WriteAllLines(docs, Lines(IndexTestData.Corpus.Take(10)));
        File.WriteAllLines(ids, ["no-such-id"]);
        string index = Path.Combine(folder.Path, "idx"), file = DuplicateDetector.IndexPath(index);
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q").Exit);
        var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, written);

        var add = CliHarness.Run("index", "add", index, docs, "--skip-invalid");
        Assert.Equal(0, add.Exit);
        Assert.Contains("added 0 documents to 10; the index is unchanged and was not written again", add.Error);
        Assert.Contains("skipped 10 documents already in the index", add.Error);
        var remove = CliHarness.Run("index", "remove", index, "--ids", ids, "--skip-invalid");
        Assert.Equal(0, remove.Exit);
        Assert.Contains("removed 0 documents, 10 left; the index is unchanged", remove.Error);
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));

        Assert.Equal(0, CliHarness.Run("index", "add", index, docs, "--skip-invalid", "--index-compression", "none", "-q").Exit);
        Assert.NotEqual(written, File.GetLastWriteTimeUtc(file));
        Assert.Equal(10, DuplicateDetector.Load(index).Count);
    }

    [Fact]
    public void IndexInfo_ShowsDocumentsVersionOptionsAndSize()
    {
        using var folder = new TempFolder();
        string docs = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllLines(docs, Lines(IndexTestData.Corpus.Take(30)));
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q", "--shingle-size", "4", "--common-docs", "9", "--anchor-rate", "2").Exit);
        var info = CliHarness.Run("index", "info", index, "--verify");
        Assert.Equal(0, info.Exit);
        Assert.Contains("documents      30", info.Out);
        Assert.Contains($"version {DuplicateDetector.IndexFormatVersion}", info.Out);
        Assert.Contains("word 4-grams", info.Out);
        Assert.Contains("boilerplate threshold 9 (--common-docs)", info.Out);
        Assert.Contains("anchor rate 2", info.Out);
        Assert.Contains("bytes per document", info.Out);
        Assert.Contains($"{new FileInfo(DuplicateDetector.IndexPath(index)).Length:N0} bytes", info.Out);
        Assert.Contains("every checksum matches", info.Out);
    }

    [Fact]
    public void Query_CopiesOfIndexedDocuments_FoundWithRoleAndScores()
    {
        using var folder = new TempFolder();
        var all = IndexTestData.Corpus;
        string docs = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllLines(docs, Lines(all));
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q").Exit);
        string queries = Path.Combine(folder.Path, "q.jsonl");
        File.WriteAllLines(queries,
        [
            JsonSerializer.Serialize(new { id = "q-exact", text = all[5].Text }),
            JsonSerializer.Serialize(new { id = "q-none", text = "a sentence about nothing that no generated story could ever hold in it" }),
        ]);
        string output = Path.Combine(folder.Path, "matches.jsonl");
        var run = CliHarness.Run("query", index, queries, "-o", output);
        Assert.Equal(0, run.Exit);
        Assert.Contains("queried 2 documents", run.Error);

        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(["q-exact", "q-none"], lines.Select(l => l.GetProperty("id").GetString()));
        var exact = lines[0].GetProperty("matches").EnumerateArray().Single(m => m.GetProperty("id").GetString() == all[5].Id);
        Assert.Equal("exact", exact.GetProperty("role").GetString());
        Assert.Equal(1.0, exact.GetProperty("jaccard").GetDouble());
        Assert.Equal(1.0, exact.GetProperty("containment").GetDouble());
        Assert.StartsWith("c", exact.GetProperty("cluster").GetString());
        Assert.Equal(0, lines[1].GetProperty("matches").GetArrayLength());

        // The same as the library says.
        var detector = DuplicateDetector.Load(index);
        Assert.Equal(detector.Query(all[5].Text).Count, lines[0].GetProperty("matches").GetArrayLength());
    }

    /// <summary>
    /// A query line's date is read as <c>cluster</c> reads it: a flash indexed on one day and queried with a date two
    /// weeks on is reuse (in the same words, so its role is "exact"), the same text queried the same day or undated an
    /// exact copy; the library agrees.
    /// </summary>
    [Fact]
    public void Query_DatedLines_JudgedWithTheirDates()
    {
        using var folder = new TempFolder();
        string flash = string.Join(' ', Clustering.StoryJudgeTests.Words(60, 40));
        string docs = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllLines(docs, [JsonSerializer.Serialize(new { id = "flash", text = flash, date = "1987-03-11" })]);
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q").Exit);
        string queries = Path.Combine(folder.Path, "q.jsonl");
        File.WriteAllLines(queries,
        [
            JsonSerializer.Serialize(new { id = "later", text = flash, date = "1987-03-26" }),
            JsonSerializer.Serialize(new { id = "same-day", text = flash, date = "1987-03-11T15:00:00Z" }),
            JsonSerializer.Serialize(new { id = "undated", text = flash }),
        ]);
        string output = Path.Combine(folder.Path, "matches.jsonl");
        Assert.Equal(0, CliHarness.Run("query", index, queries, "-o", output, "-q").Exit);

        var matches = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("matches").EnumerateArray().Single()).ToArray();
        Assert.Equal(["reuse", "copy", "copy"], matches.Select(m => m.GetProperty("relation").GetString()));
        Assert.All(matches, m => Assert.Equal("exact", m.GetProperty("role").GetString()));
        using var detector = DuplicateDetector.Load(index);
        Assert.Equal(PairRelation.Reuse, detector.Query(flash, new DateTimeOffset(1987, 3, 26, 0, 0, 0, TimeSpan.Zero)).Single().Relation);
    }

    /// <summary>
    /// More queries than one batch (1,024): batches are queried while the one before is written, and every line still
    /// comes in input order with the matches the library gives, and the counts on stderr cover every batch.
    /// </summary>
    [Fact]
    public void Query_MoreDocumentsThanABatch_EveryLineInInputOrderAndCounted()
    {
        using var folder = new TempFolder();
        var all = IndexTestData.Corpus;
        string docs = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllLines(docs, Lines(all));
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q").Exit);
        const int Queries = 2500;
        string queries = Path.Combine(folder.Path, "q.jsonl");
        // Every third query is a text no document holds, so that some lines of every batch have no match.
        File.WriteAllLines(queries, Enumerable.Range(0, Queries).Select(i => JsonSerializer.Serialize(new
        {
            id = $"q{i:D4}",
            text = i % 3 == 2 ? $"nothing here {i} that any generated story holds, word after word after word" : all[i % all.Count].Text,
        })));
        string output = Path.Combine(folder.Path, "matches.jsonl");
        var run = CliHarness.Run("query", index, queries, "-o", output, "--threads", "2");
        Assert.Equal(0, run.Exit);

        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(Enumerable.Range(0, Queries).Select(i => $"q{i:D4}"), lines.Select(l => l.GetProperty("id").GetString()));
        var detector = DuplicateDetector.Load(index);
        var expected = all.Select(d => detector.Query(d.Text).Select(m => m.Id).ToArray()).ToArray();
        for (int i = 0; i < Queries; i++)
        {
            var ids = lines[i].GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToArray();
            Assert.Equal(i % 3 == 2 ? [] : expected[i % all.Count], ids);
        }
        int matched = lines.Count(l => l.GetProperty("matches").GetArrayLength() > 0);
        Assert.True(matched > Queries / 2, $"only {matched} queries matched");
        Assert.Contains($"queried {Queries:N0} documents against {all.Count:N0}: {matched:N0} have copies in the index", run.Error);
    }

    [Fact]
    public void Query_CorruptIndex_ExitTwoNamingFileAndSection()
    {
        using var folder = new TempFolder();
        var (docs, index, path) = BuildSmallIndex(folder);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 1; // in the query state, the last section
        File.WriteAllBytes(path, bytes);

        var query = CliHarness.Run("query", index, docs, "-o", Path.Combine(folder.Path, "m.jsonl"));
        Assert.Equal(2, query.Exit);
        Assert.Contains(path, query.Error);
        Assert.Contains("query state section", query.Error);
        Assert.Equal(2, CliHarness.Run("cluster", "--index", index).Exit);
        Assert.Equal(2, CliHarness.Run("index", "add", index, docs).Exit);
        Assert.False(File.Exists(Path.Combine(folder.Path, "m.jsonl")));
    }

    [Fact]
    public void Cluster_IndexWithFactsHashedBeforeTheFold_ExitTwoNamingTheFileBothVersionsAndTheRebuild()
    {
        using var folder = new TempFolder();
        var (_, index, path) = BuildSmallIndex(folder);
        var parts = IndexFileParts.Parse(File.ReadAllBytes(path));
        parts.Version = 8;
        File.WriteAllBytes(path, parts.ToBytes());

        var run = CliHarness.Run("cluster", "--index", index, "-o", Path.Combine(folder.Path, "c.jsonl"), "-q");
        Assert.Equal(2, run.Exit);
        Assert.Contains($"{path}: NearDup index format version 8 holds facts hashed before version 9", run.Error);
        Assert.Contains("Rebuild the index", run.Error);
    }

    /// <summary>An index of 20 documents of the test corpus in <paramref name="folder"/>: the input, the index folder and its file.</summary>
    private static (string Docs, string Index, string Path) BuildSmallIndex(TempFolder folder)
    {
        string docs = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllLines(docs, Lines(IndexTestData.Corpus.Take(20)));
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q").Exit);
        return (docs, index, DuplicateDetector.IndexPath(index));
    }

    [Fact]
    public void Commands_MissingIndex_ExitTwoWithMessage()
    {
        using var folder = new TempFolder();
        string missing = Path.Combine(folder.Path, "none");
        foreach (string[] args in new[] { new[] { "index", "info", missing }, ["query", missing, "x.jsonl"], ["cluster", "--index", missing], ["index", "info", folder.Path] })
        {
            var run = CliHarness.Run(args);
            Assert.Equal(2, run.Exit);
            Assert.Contains(args[0] == "index" && args[2] == folder.Path ? "index.ndup is missing" : "no such index folder", run.Error);
        }
    }

    [Fact]
    public void ClusterAndQuery_OptionConflicts_ExitTwo()
    {
        using var folder = new TempFolder();
        string docs = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllLines(docs, Lines(IndexTestData.Corpus.Take(10)));
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q").Exit);

        var both = CliHarness.Run("cluster", docs, "--index", index);
        Assert.Equal(2, both.Exit);
        Assert.Contains("not both", both.Error);
        Assert.Equal(2, CliHarness.Run("cluster").Exit);

        // query takes the options that shape sketches from the index: it has no such flags.
        var shingles = CliHarness.Run("query", index, docs, "--shingle-size", "3");
        Assert.Equal(2, shingles.Exit);
        Assert.Contains("query takes --shingle-size from the index", shingles.Error);
        Assert.DoesNotContain("--sample-rate", CliHarness.Run("query", "--help").Out);

        // cluster --index has them (they serve INPUT too), and says which one differs from the index.
        var differs = CliHarness.Run("cluster", "--index", index, "--permutations", "64");
        Assert.Equal(2, differs.Exit);
        Assert.Contains("--permutations 64 differs from the index's 128", differs.Error);

        // Clustering thresholds may differ from the index's.
        Assert.Equal(0, CliHarness.Run("query", index, docs, "--min-containment", "0.5", "--common-docs", "4", "-o", Path.Combine(folder.Path, "q.jsonl"), "-q").Exit);
        Assert.Equal(0, CliHarness.Run("cluster", "--index", index, "--min-containment", "0.5", "-o", Path.Combine(folder.Path, "c.jsonl"), "-q").Exit);
    }
}
