using System.IO.Compression;
using System.Text;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// The format of an input comes from its content, which must agree with its name: a mismatch, or content that cannot be
/// read (a JSON array or CSV where the name says JSONL or text, binary, UTF-16 or UTF-32), is refused naming what was found, never read as one text
/// document with exit 0, and --skip-invalid does not turn it into an empty corpus.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class FormatSniffTests
{
    private static string JsonArray => "[\n  " + Jsonl.TrimEnd().Replace("\n", ",\n  ") + "\n]\n";

    private static string Jsonl => $"{{\"id\":\"a\",\"text\":\"{CliHarness.Story}\"}}\n{{\"id\":\"b\",\"text\":\"{CliHarness.Story} again\"}}\n";

    /// <summary>File name, content, and what the message must say.</summary>
    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "docs.txt", Encoding.UTF8.GetBytes(Jsonl), "docs.txt: JSONL (a JSON object per line), not a text document, as its name says: pass --input-format jsonl" },
        { "docs.jsonl", Encoding.UTF8.GetBytes(JsonArray), "docs.jsonl: a JSON array, not JSONL: pass --input-format json to read it." },
        { "docs.txt", Encoding.UTF8.GetBytes(JsonArray), "docs.txt: a JSON array, not a text document, as its name says: pass --input-format json" },
        { "docs.json", Encoding.UTF8.GetBytes(JsonArray[..^10]), "docs.json: truncated or malformed JSON array" },
        { "docs.json", Encoding.UTF8.GetBytes(JsonArray + "[]"), "docs.json: malformed JSON array: there is more after its closing ]." },
        { "docs.json", Encoding.UTF8.GetBytes("[{\"id\":\"a\",\"text\":\"x\"} {\"id\":\"b\"}]"), "docs.json: malformed JSON array (" },
        { "docs.jsonl", Encoding.UTF8.GetBytes($"id,text\na,{CliHarness.Story}\n"), "docs.jsonl: CSV (header id,text), not JSONL: pass --input-format csv or tsv to read it." },
        { "docs.csv", Encoding.UTF8.GetBytes($"{CliHarness.Story}\n"), "docs.csv: a .csv name and text, not CSV: a CSV or TSV file starts with a header of column names" },
        { "export", Encoding.UTF8.GetBytes($"id,text,date\na,{CliHarness.Story},2024-01-01\n"), "export: CSV (header id,text,date)" },
        { "docs.jsonl", [0x7F, .. "ELF"u8, 0, 0, 1, 2, 0, 0], "docs.jsonl: binary data (it holds NUL bytes), not text or JSONL" },
        { "docs.jsonl", [0xFD, .. "7zXZ"u8, 0, 1, 2, 3], "docs.jsonl: xz-compressed data, not text or JSONL: decompress it first: xz -d." },
        { "docs.jsonl", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Jsonl)], "docs.jsonl: UTF-16 with BOM, not text or JSONL: convert with iconv -f UTF-16 -t UTF-8." },
        { "docs.jsonl", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Jsonl)], "docs.jsonl: UTF-32 with BOM, not text or JSONL: convert with iconv -f UTF-32 -t UTF-8." },
        { "docs.jsonl", Encoding.Unicode.GetBytes(Jsonl), "docs.jsonl: UTF-16 (LE) without BOM, not text or JSONL: convert with iconv -f UTF-16LE -t UTF-8." },
        { "docs.jsonl", [0x28, 0xB5, 0x2F, 0xFD, 1, 2, 3], "docs.jsonl: corrupt zstd after 0 bytes of output: " },
    };

    [Theory, MemberData(nameof(Refused))]
    public void Cluster_ContentNotAsNamedOrUnreadable_RefusedNamingWhatItIs(string name, byte[] content, string message)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, content);
        foreach (string skip in new[] { "--quiet", "--skip-invalid" })
        {
            var run = CliHarness.Run("cluster", path, "-o", Path.Combine(folder.Path, "out.jsonl"), skip);
            Assert.True(run.Exit == 2, $"{name} {skip}: exit {run.Exit}, {run.Error}");
            Assert.Contains(message.Replace(name, path), run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Cluster_JsonlNamedJsonOrTxtWithInputFormat_ReadAsJsonl()
    {
        using var folder = new TempFolder();
        string json = Path.Combine(folder.Path, "docs.json");
        File.WriteAllText(json, Jsonl);
        string txt = Path.Combine(folder.Path, "docs.txt");
        File.WriteAllText(txt, Jsonl);

        var named = CliHarness.Run("cluster", json, "-o", Path.Combine(folder.Path, "a.jsonl"));
        var declared = CliHarness.Run("cluster", txt, "--input-format", "jsonl", "-o", Path.Combine(folder.Path, "b.jsonl"));
        var asText = CliHarness.Run("cluster", txt, "--input-format", "txt", "-o", Path.Combine(folder.Path, "c.jsonl"));

        AssertRead(named, "2 documents");
        AssertRead(declared, "2 documents");
        AssertRead(asText, "1 documents");
    }

    /// <summary>A JSON array named .json, or declared: read one element at a time, each bad element named FILE[N] and skippable.</summary>
    [Fact]
    public void Cluster_JsonArray_ReadElementByElement()
    {
        using var folder = new TempFolder();
        string json = Path.Combine(folder.Path, "docs.json");
        File.WriteAllBytes(json, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(JsonArray)]);
        string declared = Path.Combine(folder.Path, "docs.data");
        File.WriteAllText(declared, JsonArray);
        string bad = Path.Combine(folder.Path, "bad.json");
        File.WriteAllText(bad, JsonArray.Replace("]\n", ",{\"id\":\"c\"}, 42]\n"));
        string output = Path.Combine(folder.Path, "out.jsonl");

        AssertRead(CliHarness.Run("cluster", json, "-o", output), "2 documents, 1 clusters");
        AssertRead(CliHarness.Run("cluster", declared, "--input-format", "json-array", "-o", output), "2 documents, 1 clusters");
        var stop = CliHarness.Run("cluster", bad, "-o", output);
        var skip = CliHarness.Run("cluster", bad, "-o", output, "--skip-invalid");

        Assert.Equal(2, stop.Exit);
        Assert.Contains($"{bad}[3]: missing field \"text\"", stop.Error, StringComparison.Ordinal);
        AssertRead(skip, "skipped 2 invalid documents");
        Assert.Contains($"{bad}[4]: not a JSON object", skip.Error, StringComparison.Ordinal);
    }

    /// <summary>An array far larger than the reader's 64 KiB window, with one element of 300 KB: the same documents as its JSONL.</summary>
    [Fact]
    public void Read_LargeJsonArray_SameDocumentsAsJsonl()
    {
        using var folder = new TempFolder();
        string jsonl = CliHarness.WriteNumbered(folder.Path, "docs.jsonl", "d", 3000);
        string[] lines = File.ReadAllLines(jsonl);
        lines[1500] = Encoding.UTF8.GetString(CliHarness.Line("d1500", string.Join(' ', Enumerable.Repeat(CliHarness.Story, 3000))));
        File.WriteAllLines(jsonl, lines);
        string array = Path.Combine(folder.Path, "docs.json");
        File.WriteAllText(array, "[" + string.Join(",\n", lines) + "]");

        var fromLines = new NearDup.Cli.Input.DocumentReader(jsonl).Read().ToList();
        var fromArray = new NearDup.Cli.Input.DocumentReader(array).Read().ToList();

        Assert.Equal(3000, fromArray.Count);
        Assert.Equal(fromLines.Select(d => (d.Id, Encoding.UTF8.GetString(d.Utf8Text.Span))), fromArray.Select(d => (d.Id, Encoding.UTF8.GetString(d.Utf8Text.Span))));
    }

    /// <summary>A UTF-8 byte order mark before the first line of JSONL, plain or under gzip with no .gz in the name.</summary>
    [Fact]
    public void Cluster_Utf8BomJsonl_Accepted()
    {
        using var folder = new TempFolder();
        string plain = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllBytes(plain, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Jsonl)]);
        string zipped = Path.Combine(folder.Path, "zipped.jsonl");
        using (var file = File.Create(zipped))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(File.ReadAllBytes(plain));
        }

        foreach (string path in new[] { plain, zipped })
        {
            AssertRead(CliHarness.Run("cluster", path, "-o", Path.Combine(folder.Path, "out.jsonl")), "2 documents, 1 clusters");
        }
    }

    [Fact]
    public void Cluster_EveryDocumentInvalidWithSkipInvalid_ErrorNotEmptyCorpus()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\"}\n{\"id\":\"b\",\"text\":\"\"}\n");

        var run = CliHarness.Run("cluster", path, "-o", Path.Combine(folder.Path, "out.jsonl"), "--skip-invalid");

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{path}: all 2 documents were invalid and skipped, nothing is left (the first: {path}:1: missing field \"text\"", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("json-array")]
    [InlineData("csv")]
    public void Cluster_FolderWithJsonFormat_Refused(string format)
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "a.txt"), CliHarness.Story);

        var run = CliHarness.Run("cluster", folder.Path, "--input-format", format, "-o", Path.Combine(folder.Path, "out.jsonl"));

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{folder.Path}: a folder is read file by file, each by its own content; --input-format {(format == "json-array" ? "json" : format)} is for a file or -.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IndexBuild_Utf16FileInFolder_NamedWithIconvHint()
    {
        using var folder = new TempFolder();
        string input = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        File.WriteAllText(Path.Combine(input, "a.txt"), CliHarness.Story);
        File.WriteAllBytes(Path.Combine(input, "b.txt"), [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(CliHarness.Story)]);

        var run = CliHarness.Run("index", "build", input, "--index", Path.Combine(folder.Path, "idx"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("b.txt: UTF-16 with BOM, not UTF-8: convert with iconv -f UTF-16 -t UTF-8", run.Error, StringComparison.Ordinal);
    }

    private static void AssertRead((int Exit, string Out, string Error) run, string summary)
    {
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains(summary, run.Error, StringComparison.Ordinal);
    }
}
