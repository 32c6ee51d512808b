using System.Text;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli.Formats;

/// <summary>
/// The same documents in every input format give byte-identical clusters: JSONL plain, gzip, zstd and LZ4, a JSON array,
/// CSV, TSV, Parquet (several row groups), nested JSONL and nested Parquet, each named so that only the content tells
/// the format, and a folder holding them split over several formats.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class InputFormatTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Cluster_SameDocumentsInEveryFormat_ByteIdenticalClusters()
    {
        var documents = FormatWriter.Documents();
        byte[] jsonl = FormatWriter.Jsonl(documents);
        var inputs = new (string Name, byte[] Bytes, string[] Flags)[]
        {
            ("docs.jsonl", jsonl, []),
            ("docs.jsonl.gz", FormatWriter.Gzip(jsonl), []),
            ("docs.jsonl.zst", FormatWriter.Zstd(jsonl), []),
            ("docs.jsonl.lz4", FormatWriter.Lz4(jsonl), []),
            ("docs.json", FormatWriter.JsonArray(documents), []),
            ("docs.csv", FormatWriter.Separated(documents, ','), []),
            ("docs.tsv", FormatWriter.Separated(documents, '\t'), []),
            ("docs.parquet", FormatWriter.Parquet(documents, rowsPerGroup: 70), []),
            ("nested.jsonl", FormatWriter.NestedJsonl(documents), ["--id-field", "meta.id", "--text-field", "meta.body"]),
            ("nested.parquet", FormatWriter.Parquet(documents, rowsPerGroup: 64, nested: true), ["--text-field", "meta.body"]),
            // Named for nothing: the content alone says zstd, LZ4 and Parquet.
            ("zstd-export", FormatWriter.Zstd(jsonl), ["--input-format", "jsonl"]),
            ("lz4-export", FormatWriter.Lz4(jsonl), ["--input-format", "jsonl"]),
            ("parquet-export", FormatWriter.Parquet(documents, rowsPerGroup: 100), []),
            ("csv-export", FormatWriter.Separated(documents, ','), ["--input-format", "csv"]),
        };
        string expected = Cluster(Write("reference.jsonl", jsonl), "--threads", "1");
        Assert.Contains("\"role\":\"rewritten\"", expected, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"syndicated\"", expected, StringComparison.Ordinal);
        foreach (var (name, bytes, flags) in inputs)
        {
            string clusters = Cluster(Write(name, bytes), flags);
            Assert.True(expected == clusters, $"{name}: clusters differ from the JSONL's");
        }
    }

    [Fact]
    public void Cluster_FolderOfFormatsAndTextFiles_SameClustersAsOneFile()
    {
        var documents = FormatWriter.Documents(count: 240, seed: 3);
        string expected = Cluster(Write("all.jsonl", FormatWriter.Jsonl(documents)));
        string folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "mixed")).FullName;
        var parts = documents.Chunk(40).ToArray();
        File.WriteAllBytes(Path.Combine(folder, "a.jsonl"), FormatWriter.Jsonl(parts[0]));
        File.WriteAllBytes(Path.Combine(folder, "b.jsonl.gz"), FormatWriter.Gzip(FormatWriter.Jsonl(parts[1])));
        File.WriteAllBytes(Path.Combine(folder, "c.jsonl.zst"), FormatWriter.Zstd(FormatWriter.Jsonl(parts[2])));
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllBytes(Path.Combine(folder, "sub", "d.jsonl.lz4"), FormatWriter.Lz4(FormatWriter.Jsonl(parts[3])));
        File.WriteAllBytes(Path.Combine(folder, "e.csv"), FormatWriter.Separated(parts[4], ','));
        File.WriteAllBytes(Path.Combine(folder, "f.parquet"), FormatWriter.Parquet([.. parts[5]], rowsPerGroup: 16));

        Assert.Equal(expected, Cluster(folder));
        Assert.Equal(expected, Cluster(folder, "--threads", "1"));
    }

    /// <summary>Text files whose names differ only in the extension keep it, so their ids cannot collide; others drop it.</summary>
    [Fact]
    public void Cluster_TextFilesSameStemDifferentExtension_IdsKeepExtension()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "texts")).FullName;
        File.WriteAllText(Path.Combine(folder, "story.txt"), CliHarness.Story);
        File.WriteAllText(Path.Combine(folder, "story.md"), CliHarness.Story + " and more words after it");
        File.WriteAllText(Path.Combine(folder, "other.txt"), "a different text about the weather in the hills this week and next");
        File.WriteAllText(Path.Combine(folder, "other.txt.md"), "notes on a market that opened on the square with forty stalls of fruit");

        string clusters = Cluster(folder);

        foreach (string id in new[] { "story.txt", "story.md", "other", "other.txt.md" })
        {
            Assert.Contains($"\"id\":\"{id}\"", clusters, StringComparison.Ordinal);
        }
    }

    /// <summary>Null texts in a Parquet file are bad documents named by row: an error, or skipped and counted with --skip-invalid.</summary>
    [Fact]
    public void Cluster_ParquetWithNullTexts_ErrorNamingRowOrSkipped()
    {
        var documents = FormatWriter.Documents(count: 200, seed: 5);
        var texts = documents.Select((d, i) => i % 37 == 5 ? null : d.Text).ToArray();
        string parquet = Write("nulls.parquet", FormatWriter.Parquet(documents, rowsPerGroup: 50, nested: true, texts));
        var kept = documents.Where((d, i) => texts[i] is not null).ToList();
        string expected = Cluster(Write("kept.jsonl", FormatWriter.Jsonl(kept)));

        var stop = CliHarness.Run("cluster", parquet, "--text-field", "meta.body", "-o", Path.Combine(_folder.Path, "x.jsonl"));
        var skip = CliHarness.Run("cluster", parquet, "--text-field", "meta.body", "--skip-invalid", "-o", Path.Combine(_folder.Path, "y.jsonl"));

        Assert.Equal(2, stop.Exit);
        Assert.Contains($"{parquet} row 6: column \"meta.body\" is null (document '{documents[5].Id}')", stop.Error, StringComparison.Ordinal);
        Assert.Equal(0, skip.Exit);
        Assert.Contains($"skipped {documents.Count - kept.Count} invalid documents", skip.Error, StringComparison.Ordinal);
        Assert.Equal(expected, File.ReadAllText(Path.Combine(_folder.Path, "y.jsonl")));
    }

    [Fact]
    public void Cluster_ParquetMissingColumnOrWrongType_ErrorListsColumns()
    {
        var documents = FormatWriter.Documents(count: 20, seed: 2);
        string parquet = Write("docs.parquet", FormatWriter.Parquet(documents, rowsPerGroup: 8, nested: true));

        var missing = CliHarness.Run("cluster", parquet, "-o", Path.Combine(_folder.Path, "x.jsonl"));
        var wrongType = CliHarness.Run("cluster", parquet, "--text-field", "meta", "-o", Path.Combine(_folder.Path, "x.jsonl"));

        Assert.Equal(2, missing.Exit);
        Assert.Contains($"{parquet}: no column \"text\" (--text-field) in the Parquet schema; its columns are: \"id\", \"meta.body\", \"date\".", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, wrongType.Exit);
        Assert.Contains("no column \"meta\" (--text-field)", wrongType.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_ParquetCutShort_RefusedAsTruncated()
    {
        byte[] parquet = FormatWriter.Parquet(FormatWriter.Documents(count: 50, seed: 2), rowsPerGroup: 10);
        foreach (int keep in new[] { parquet.Length - 5, parquet.Length / 2 })
        {
            string path = Write("cut.parquet", parquet[..keep]);
            var run = CliHarness.Run("cluster", path, "-o", Path.Combine(_folder.Path, "x.jsonl"), "--skip-invalid");
            Assert.Equal(2, run.Exit);
            Assert.Contains($"{path}: corrupt or truncated Parquet (", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Cluster_NestedJsonlMissingPath_NamesFieldAndLine()
    {
        string path = Write("nested.jsonl", Encoding.UTF8.GetBytes(
            $"{{\"meta\":{{\"id\":\"a\",\"body\":\"{CliHarness.Story}\"}}}}\n{{\"meta\":{{\"id\":\"b\"}},\"body\":\"top level is not meta.body\"}}\n"));

        var run = CliHarness.Run("cluster", path, "--id-field", "meta.id", "--text-field", "meta.body", "-o", Path.Combine(_folder.Path, "x.jsonl"));

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{path}:2: missing field \"meta.body\"", run.Error, StringComparison.Ordinal);
    }

    /// <summary>On stdin the content alone tells zstd and LZ4; Parquet, which needs to seek, is refused with the fix.</summary>
    [Fact]
    public void Cluster_CompressedOnStdin_ReadParquetRefused()
    {
        var documents = FormatWriter.Documents(count: 120, seed: 14);
        byte[] jsonl = FormatWriter.Jsonl(documents);
        string expected = Cluster(Write("plain.jsonl", jsonl));
        string zstd = Write("piped.zst", FormatWriter.Zstd(jsonl));
        string parquet = Write("piped.parquet", FormatWriter.Parquet(documents, rowsPerGroup: 50));

        var fromZstd = CliProcess.Finish(CliProcess.StartTool("sh", "-c", $"dotnet \"{CliProcess.CliPath}\" cluster - -q < \"{zstd}\""));
        var fromParquet = CliProcess.Finish(CliProcess.StartTool("sh", "-c", $"dotnet \"{CliProcess.CliPath}\" cluster - -q < \"{parquet}\""));

        Assert.True(fromZstd.Exit == 0, fromZstd.Error);
        Assert.Equal(expected, fromZstd.Out);
        Assert.Equal(2, fromParquet.Exit);
        Assert.Contains("<stdin>: Parquet, which is read from a file (its index is at the end): give its path instead of -.", fromParquet.Error, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Cluster(string input, params string[] flags)
    {
        string output = Path.Combine(_folder.Path, "clusters.jsonl");
        var run = CliHarness.Run(["cluster", input, "-o", output, "-q", .. flags]);
        Assert.True(run.Exit == 0, $"{input}: exit {run.Exit}: {run.Error}");
        return File.ReadAllText(output);
    }
}
