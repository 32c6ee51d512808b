using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NearDup.Corpus;
using NearDup.Tests.Cli.Formats;
using NearDup.Tests.Persistence;
using Parquet;
using Parquet.Schema;

namespace NearDup.Tests.Cli;

/// <summary>
/// <c>dedup --output-format</c>: the same documents in every input format keep the same ids as the JSONL run; kept
/// records come through byte for byte in their own format and value for value across formats.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DedupFormatTests : IDisposable
{
    private static readonly IReadOnlyList<GeneratedDocument> s_documents = FormatWriter.Documents(count: 300, seed: 11);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string[] JsonlKeptIds()
    {
        string kept = Dedup(Write("docs.jsonl", FormatWriter.Jsonl(s_documents)), "kept.jsonl");
        var ids = File.ReadLines(kept).Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).ToArray();
        Assert.InRange(ids.Length, 1, s_documents.Count - 1);
        return ids;
    }

    [Fact]
    public void JsonArray_Json_ElementsByteForByte_Jsonl_ValueForValue()
    {
        string[] expected = JsonlKeptIds();
        string input = Write("docs.json", FormatWriter.JsonArray(s_documents));
        using var source = JsonDocument.Parse(File.ReadAllBytes(input));
        var raw = source.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetRawText());

        string json = Dedup(input, "kept.json");
        string text = File.ReadAllText(json);
        Assert.Equal("[\n" + string.Join(",\n", expected.Select(id => raw[id])) + "\n]\n", text);

        string jsonl = Dedup(input, "kept-from-array.jsonl", "--output-format", "jsonl");
        var lines = File.ReadAllLines(jsonl);
        Assert.Equal(expected, lines.Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(l), JsonNode.Parse(raw[JsonNode.Parse(l)!["id"]!.GetValue<string>()]))));
    }

    [Theory]
    [InlineData(',', "csv")]
    [InlineData('\t', "tsv")]
    public void Separated_OwnFormat_RowsByteForByte_WithQuotedLineBreaks(char separator, string extension)
    {
        string[] expected = JsonlKeptIds();
        var byId = s_documents.ToDictionary(d => d.Id);
        Assert.Contains(expected, id => byId[id].Text.Contains('\n', StringComparison.Ordinal));
        string input = Write("docs." + extension, FormatWriter.Separated(s_documents, separator));

        string kept = Dedup(input, "kept." + extension);

        Assert.Equal(Encoding.UTF8.GetString(FormatWriter.Separated(expected.Select(id => byId[id]), separator)), File.ReadAllText(kept));
    }

    [Fact]
    public void Csv_ToTsvJsonlAndParquet_EveryFieldAsAString()
    {
        string[] expected = JsonlKeptIds();
        var byId = s_documents.ToDictionary(d => d.Id);
        string input = Write("docs.csv", FormatWriter.Separated(s_documents, ','));

        string jsonl = Dedup(input, "kept-from-csv.jsonl", "--output-format", "jsonl");
        var objects = File.ReadLines(jsonl).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(expected, objects.Select(o => o["id"]!.GetValue<string>()));
        Assert.All(objects, o =>
        {
            var d = byId[o["id"]!.GetValue<string>()];
            Assert.Equal(["id", "text", "date"], o.Select(p => p.Key));
            Assert.Equal(d.Text, o["text"]!.GetValue<string>());
            Assert.Equal(d.Date ?? "", o["date"]!.GetValue<string>());
        });

        string parquet = Dedup(input, "kept-from-csv.parquet", "--output-format", "parquet");
        Assert.Equal(expected, Read(parquet, "id"));
        Assert.Equal(expected.Select(id => byId[id].Text), Read(parquet, "text"));
        Assert.Equal(expected.Select(id => byId[id].Date ?? ""), Read(parquet, "date"));

        string tsv = Dedup(input, "kept-from-csv.tsv", "--output-format", "tsv");
        string again = Dedup(tsv, "kept-from-tsv.jsonl", "--output-format", "jsonl");
        Assert.Equal(File.ReadAllText(jsonl), File.ReadAllText(again));
    }

    [Fact]
    public void Compressed_Outputs_DecompressToThePlainOutput()
    {
        string input = Write("docs.csv", FormatWriter.Separated(s_documents, ','));
        byte[] plain = File.ReadAllBytes(Dedup(input, "kept.csv"));

        using (var gzip = new GZipStream(File.OpenRead(Dedup(input, "kept.csv.gz")), CompressionMode.Decompress))
        {
            var bytes = new MemoryStream();
            gzip.CopyTo(bytes);
            Assert.Equal(plain, bytes.ToArray());
        }
        using var zstd = new ZstdSharp.Decompressor();
        Assert.Equal(plain, zstd.Unwrap(File.ReadAllBytes(Dedup(input, "kept.csv.zst"))).ToArray());
    }

    /// <summary>The second pass opens a compressed input by its signature, as the first did.</summary>
    [Fact]
    public void CompressedInputs_ZstdAndLz4_SameOutputAsPlain()
    {
        byte[] jsonl = FormatWriter.Jsonl(s_documents), csv = FormatWriter.Separated(s_documents, ',');
        byte[] plainJsonl = File.ReadAllBytes(Dedup(Write("plain.jsonl", jsonl), "kept-plain.jsonl"));
        byte[] plainCsv = File.ReadAllBytes(Dedup(Write("plain.csv", csv), "kept-plain.csv"));

        Assert.Equal(plainJsonl, File.ReadAllBytes(Dedup(Write("docs.jsonl.zst", FormatWriter.Zstd(jsonl)), "kept-zst.jsonl")));
        Assert.Equal(plainJsonl, File.ReadAllBytes(Dedup(Write("docs.jsonl.lz4", FormatWriter.Lz4(jsonl)), "kept-lz4.jsonl")));
        Assert.Equal(plainCsv, File.ReadAllBytes(Dedup(Write("docs.csv.gz", FormatWriter.Gzip(csv)), "kept-gz.csv")));
    }

    [Fact]
    public void Parquet_RowGroupsAndNulls_SameSchemaAndValues_AndTypedJsonl()
    {
        string[] expected = JsonlKeptIds();
        string input = Path.Combine(_folder.Path, "docs.parquet");
        WriteParquet(input, rowsPerGroup: 64);

        string kept = Dedup(input, "kept.parquet");
        var (fields, rows, groups) = ReadParquet(kept);
        Assert.Equal(["id", "text", "date", "score"], fields.Select(f => f.Name));
        Assert.Equal([typeof(string), typeof(string), typeof(string), typeof(double?)], fields.Select(ClrType));
        Assert.True(groups > 1, $"{groups} row group(s)");
        var (_, inputRows, _) = ReadParquet(input);
        var inputById = inputRows.ToDictionary(r => (string)r[0]!);
        Assert.Equal(expected, rows.Select(r => (string)r[0]!));
        Assert.All(rows, r => Assert.Equal(inputById[(string)r[0]!], r));
        Assert.Contains(rows, r => r[2] is null);
        Assert.Contains(rows, r => r[3] is null);

        string jsonl = Dedup(input, "kept-from-parquet.jsonl", "--output-format", "jsonl");
        var objects = File.ReadLines(jsonl).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(expected, objects.Select(o => o["id"]!.GetValue<string>()));
        Assert.All(objects, o =>
        {
            var row = inputById[o["id"]!.GetValue<string>()];
            Assert.Equal(row[1], o["text"]!.GetValue<string>());
            Assert.Equal(row[2], o["date"]?.GetValue<string>());
            Assert.Equal(row[3], o["score"]?.GetValue<double>());
            Assert.Equal(row[3] is null ? JsonValueKind.Null : JsonValueKind.Number, o["score"]?.GetValueKind() ?? JsonValueKind.Null);
        });
    }

    [Fact]
    public void Parquet_NestedTextColumn_CopiedIntoParquet_RefusedIntoJsonl()
    {
        string input = Write("nested.parquet", FormatWriter.Parquet(s_documents, rowsPerGroup: 100, nested: true));
        string[] args = ["--text-field", "meta.body"];

        string kept = Dedup(input, "kept-nested.parquet", args);
        string[] keptIds = [.. Read(kept, "id").Select(id => id!)];
        Assert.InRange(keptIds.Length, 1, s_documents.Count - 1);
        var byId = s_documents.ToDictionary(d => d.Id);
        Assert.Equal(keptIds.Select(id => byId[id].Text), Read(kept, "meta.body"));
        Assert.Equal(keptIds.Select(id => byId[id].Date), Read(kept, "date"));

        var (exit, _, error) = CliHarness.Run(["dedup", input, "--out", Path.Combine(_folder.Path, "nested.jsonl"), "--output-format", "jsonl", .. args]);
        Assert.Equal(2, exit);
        Assert.Contains("--output-format jsonl: " + input + " has the nested or list column \"meta.body\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_WithTheFlagNamed_NothingWritten()
    {
        string jsonl = Write("docs.jsonl", FormatWriter.Jsonl(s_documents.Take(40)));
        string array = Write("docs.json", FormatWriter.JsonArray(s_documents.Take(40)));
        string parquet = Path.Combine(_folder.Path, "docs.parquet");
        WriteParquet(parquet, rowsPerGroup: 64);
        string text = Write("one.txt", Encoding.UTF8.GetBytes(s_documents[0].Text));
        string output = Path.Combine(_folder.Path, "x.out");
        (string[] Args, string Message)[] cases =
        [
            (["dedup", array, "--out", output, "--output-format", "csv"], "--output-format csv: INPUT is a JSON array, which dedup writes as jsonl or json only"),
            (["dedup", jsonl, "--out", output, "--output-format", "parquet"], "--output-format parquet: INPUT is JSONL"),
            (["dedup", parquet, "--out", output, "--output-format", "tsv"], "--output-format tsv: INPUT is Parquet"),
            (["dedup", parquet, "--out", output + ".gz"], "Parquet compresses its own pages"),
            (["dedup", jsonl, "--out", output, "--output-format", "xml"], "--output-format"),
            (["dedup", _folder.Path, "--out", Path.Combine(_folder.Path, "..", "none-" + Guid.NewGuid()), "--output-format", "jsonl"], "INPUT is a folder"),
            (["dedup", text, "--out", output], "read as one text document"),
            (["dedup", _folder.Path, "--out", Path.Combine(_folder.Path, "..", "none-" + Guid.NewGuid())], "a data file inside the folder INPUT"),
        ];
        foreach (var (args, message) in cases)
        {
            var (exit, _, error) = CliHarness.Run(args);
            Assert.True(exit == 2, $"{string.Join(' ', args)}: exit {exit}, {error}");
            Assert.Contains(message, error, StringComparison.Ordinal);
            Assert.False(File.Exists(output) || File.Exists(output + ".gz"));
        }
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Dedup(string input, string output, params string[] more)
    {
        string path = Path.Combine(_folder.Path, output);
        var (exit, _, error) = CliHarness.Run(["dedup", input, "--out", path, "-q", .. more]);
        Assert.True(exit == 0, error);
        return path;
    }

    private static Type ClrType(DataField field) => field.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string)
        : field.IsNullable && field.ClrType.IsValueType ? typeof(Nullable<>).MakeGenericType(field.ClrType) : field.ClrType;

    /// <summary>The generated documents with a nullable date (null where undated) and a nullable score (null every fifth row).</summary>
    private static void WriteParquet(string path, int rowsPerGroup)
    {
        var id = new DataField<string>("id");
        var text = new DataField<string>("text");
        var date = new DataField<string>("date", true);
        var score = new DataField<double?>("score");
        Task.Run(async () =>
        {
            using var file = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, text, date, score), file, null, false, CancellationToken.None);
            foreach (var rows in Enumerable.Range(0, s_documents.Count).Chunk(rowsPerGroup))
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(id, rows.Select(i => s_documents[i].Id).ToArray(), null);
                await group.WriteAsync(text, rows.Select(i => s_documents[i].Text).ToArray(), null);
                await group.WriteAsync(date, rows.Select(i => s_documents[i].Date).ToArray(), null);
                await group.WriteAsync<double>(score, rows.Select(i => i % 5 == 0 ? (double?)null : i / 8.0).ToArray(), null, null, CancellationToken.None);
            }
        }).GetAwaiter().GetResult();
    }

    /// <summary>A string column of a Parquet file, by dotted path, over all row groups.</summary>
    private static string?[] Read(string path, string column) => Task.Run(async () =>
    {
        using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, null, false, CancellationToken.None);
        var field = reader.Schema.GetDataFields().Single(f => string.Join('.', f.Path.ToList()) == column);
        var values = new List<string?>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var chunk = new string?[group.RowCount];
            await group.ReadAsync(field, chunk.AsMemory(), null, CancellationToken.None);
            values.AddRange(chunk);
        }
        return values.ToArray();
    }).GetAwaiter().GetResult();

    private static (DataField[] Fields, List<object?[]> Rows, int Groups) ReadParquet(string path) => Task.Run(async () =>
    {
        using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, null, false, CancellationToken.None);
        var fields = reader.Schema.GetDataFields();
        var rows = new List<object?[]>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int count = (int)group.RowCount;
            var strings = new string?[3][];
            for (int c = 0; c < 3; c++)
            {
                strings[c] = new string?[count];
                await group.ReadAsync(fields[c], strings[c].AsMemory(), null, CancellationToken.None);
            }
            var scores = new double?[count];
            await group.ReadAsync<double>(fields[3], scores.AsMemory(), null, CancellationToken.None);
            rows.AddRange(Enumerable.Range(0, count).Select(i => new object?[] { strings[0][i], strings[1][i], strings[2][i], scores[i] }));
        }
        return (fields, rows, reader.RowGroupCount);
    }).GetAwaiter().GetResult();
}
