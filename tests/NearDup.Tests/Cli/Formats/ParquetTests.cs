using System.Text;
using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Tests.Persistence;
using Parquet;
using Parquet.Schema;

namespace NearDup.Tests.Cli.Formats;

/// <summary>Parquet in (integer ids, row groups read one at a time) and out (<c>cluster --format parquet</c>).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ParquetTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Integer ids read as their decimal text, as a JSON number id is: the same clusters as JSONL with numeric ids.</summary>
    [Fact]
    public void Cluster_ParquetInt64Ids_SameClustersAsJsonlNumbers()
    {
        var documents = FormatWriter.Documents(count: 150, seed: 8);
        var jsonl = new StringBuilder();
        for (int i = 0; i < documents.Count; i++)
        {
            jsonl.Append(JsonSerializer.Serialize(new { id = 1000 + i, text = documents[i].Text })).Append('\n');
        }
        string jsonlPath = Path.Combine(_folder.Path, "numbers.jsonl");
        File.WriteAllText(jsonlPath, jsonl.ToString());
        string parquetPath = Path.Combine(_folder.Path, "numbers.parquet");
        var id = new DataField<long>("id");
        var text = new DataField<string>("text");
        WriteParquet(parquetPath, new ParquetSchema(id, text), async writer =>
        {
            foreach (var chunk in Enumerable.Range(0, documents.Count).Chunk(40))
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<long>(id, chunk.Select(i => 1000L + i).ToArray(), null, null, CancellationToken.None);
                await group.WriteAsync(text, chunk.Select(i => documents[i].Text).ToArray(), null);
            }
        });

        Assert.Equal(Cluster(jsonlPath), Cluster(parquetPath));
    }

    /// <summary>A consumer that stops after 10 documents has read one row group of eight, not the file.</summary>
    [Fact]
    public void Read_ParquetStopsEarly_ReadsOneRowGroup()
    {
        var documents = FormatWriter.Documents(count: 400, seed: 6);
        string path = Path.Combine(_folder.Path, "docs.parquet");
        File.WriteAllBytes(path, FormatWriter.Parquet(documents, rowsPerGroup: 50));
        var reader = new DocumentReader(path);

        var first = reader.Read().Take(10).ToList();

        Assert.Equal(documents.Take(10).Select(d => d.Id), first.Select(d => d.Id));
        Assert.Equal(new FileInfo(path).Length / 8, reader.BytesRead);
    }

    /// <summary>One row per member with the CSV output's columns and values; the same bytes at 1 and 2 threads.</summary>
    [Fact]
    public void Cluster_FormatParquet_OneRowPerMemberAsCsv()
    {
        string input = Path.Combine(_folder.Path, "docs.jsonl");
        File.WriteAllBytes(input, FormatWriter.Jsonl(FormatWriter.Documents(count: 200, seed: 12)));
        string csv = Path.Combine(_folder.Path, "clusters.csv");
        string parquet = Path.Combine(_folder.Path, "clusters.parquet");
        string parquet1 = Path.Combine(_folder.Path, "clusters1.parquet");
        Assert.Equal(0, CliHarness.Run("cluster", input, "-f", "csv", "-o", csv, "-q").Exit);
        Assert.Equal(0, CliHarness.Run("cluster", input, "-f", "parquet", "-o", parquet, "-q").Exit);
        Assert.Equal(0, CliHarness.Run("cluster", input, "-f", "parquet", "-o", parquet1, "-q", "--threads", "1").Exit);

        var rows = ReadRows(parquet);

        string[] csvRows = File.ReadAllLines(csv);
        Assert.Equal("cluster,canonical,id,role,jaccard,containment", csvRows[0]);
        Assert.Equal(csvRows.Skip(1), rows);
        Assert.Contains(rows, r => r.Contains(",rewritten,", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(parquet), File.ReadAllBytes(parquet1));
        Assert.Empty(Directory.GetFiles(_folder.Path, ".*neardup-tmp*"));
    }

    [Fact]
    public void Cluster_FormatParquetWithPairs_Refused()
    {
        string input = Path.Combine(_folder.Path, "docs.jsonl");
        File.WriteAllBytes(input, FormatWriter.Jsonl(FormatWriter.Documents(count: 20, seed: 12)));

        var run = CliHarness.Run("cluster", input, "-f", "parquet", "--pairs", "-o", Path.Combine(_folder.Path, "p.parquet"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("--format parquet writes clusters, one row per member; --pairs is written as jsonl, csv or text.", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The rows of a clusters Parquet file as the CSV writer formats them.</summary>
    private static List<string> ReadRows(string path)
    {
        return Task.Run(async () =>
        {
            var rows = new List<string>();
            using var file = File.OpenRead(path);
            await using var reader = await ParquetReader.CreateAsync(file, null, false, CancellationToken.None);
            var fields = reader.Schema.GetDataFields();
            Assert.Equal(["cluster", "canonical", "id", "role", "jaccard", "containment"], fields.Select(f => f.Name));
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                int count = (int)group.RowCount;
                var strings = new string?[4][];
                for (int c = 0; c < 4; c++)
                {
                    strings[c] = new string?[count];
                    await group.ReadAsync(fields[c], strings[c].AsMemory(), null, CancellationToken.None);
                }
                var jaccard = new double[count];
                var containment = new double[count];
                await group.ReadAsync<double>(fields[4], jaccard.AsMemory(), null, CancellationToken.None);
                await group.ReadAsync<double>(fields[5], containment.AsMemory(), null, CancellationToken.None);
                for (int i = 0; i < count; i++)
                {
                    rows.Add(string.Join(',', NearDup.Cli.Output.ClusterWriter.Csv(strings[0][i]!), NearDup.Cli.Output.ClusterWriter.Csv(strings[1][i]!),
                        NearDup.Cli.Output.ClusterWriter.Csv(strings[2][i]!), strings[3][i], NearDup.Cli.Output.ClusterWriter.Number(jaccard[i]),
                        NearDup.Cli.Output.ClusterWriter.Number(containment[i])));
                }
            }
            return rows;
        }).GetAwaiter().GetResult();
    }

    private static void WriteParquet(string path, ParquetSchema schema, Func<ParquetWriter, Task> write)
    {
        Task.Run(async () =>
        {
            using var file = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(schema, file, null, false, CancellationToken.None);
            await write(writer);
        }).GetAwaiter().GetResult();
    }

    private string Cluster(string input)
    {
        string output = Path.Combine(_folder.Path, "clusters.jsonl");
        var run = CliHarness.Run("cluster", input, "-o", output, "-q");
        Assert.True(run.Exit == 0, run.Error);
        return File.ReadAllText(output);
    }
}
