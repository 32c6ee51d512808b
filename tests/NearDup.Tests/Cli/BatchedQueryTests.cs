using System.Text;
using System.Text.Json;
using NearDup.Cli.Commands;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// <c>neardup query</c> on <see cref="DocumentReader.ReadBatches()"/>: JSONL lines parsed, sketched and queried by the
/// worker threads out of the reader's buffers give, line for line and byte for byte, what the library's
/// <see cref="DuplicateDetector.Query(string, DateTimeOffset?)"/> gives each text with its line's date, and a bad line
/// still stops the run naming file and line.
/// </summary>
public sealed class BatchedQueryTests
{
    private const int Indexed = 900;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Run_BatchedLines_SameBytesAsQueryingEachText(int threads)
    {
        using var folder = new TempFolder();
        var texts = Texts();
        using var detector = Index(texts);
        string path = WriteQueries(folder.Path, texts, badLine: 0);

        // 64 KiB buffers: the 1,300 queries come in dozens of batches, and the lines are written in chunks of 1,024.
        var reader = new DocumentReader(path, new InputOptions { MaxDegreeOfParallelism = threads }) { LineBufferSize = 64 << 10 };
        using var actual = new MemoryStream();
        var (queried, matched) = QueryCommand.Run(detector, reader.ReadBatches(), actual, threads, CancellationToken.None);

        var (expected, expectedMatched) = Expected(detector, texts);
        // The dates change answers, so a path that dropped them would show.
        Assert.NotEqual(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(Expected(detector, texts, dated: false).Bytes));
        Assert.Equal(texts.Length, queried);
        Assert.Equal(expectedMatched, matched);
        Assert.True(matched >= Indexed, $"only {matched} queries matched");
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual.ToArray()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Run_BadLine_StopsThereNamingFileAndLine_OrSkipsIt(int threads)
    {
        using var folder = new TempFolder();
        var texts = Texts();
        using var detector = Index(texts);
        string path = WriteQueries(folder.Path, texts, badLine: 1100);

        var reader = new DocumentReader(path, new InputOptions { MaxDegreeOfParallelism = threads }) { LineBufferSize = 64 << 10 };
        var error = Assert.Throws<InputException>(() => QueryCommand.Run(detector, reader.ReadBatches(), Stream.Null, threads, CancellationToken.None));
        Assert.StartsWith($"{path}:1100: malformed JSON", error.Message, StringComparison.Ordinal);

        var skipping = new DocumentReader(path, new InputOptions { SkipInvalid = true, MaxDegreeOfParallelism = threads }) { LineBufferSize = 64 << 10 };
        using var output = new MemoryStream();
        var (queried, _) = QueryCommand.Run(detector, skipping.ReadBatches(), output, threads, CancellationToken.None);
        Assert.Equal(texts.Length - 1, queried);
        Assert.Equal(1, skipping.Skipped);
        // Line 1,100 is q1098's: the blank line after the tenth query counts.
        var ids = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToArray();
        Assert.Equal(Enumerable.Range(0, texts.Length).Where(i => i != 1098).Select(i => $"q{i:D4}"), ids);
    }

    [Fact]
    public void QueryBatch_RecordsWithoutText_GetNoResult()
    {
        var texts = Texts();
        using var detector = Index(texts);
        var batch = new InputBatch([new DocumentInput("a", texts[3]), new DocumentInput("b", texts[Indexed + 5])]);
        var results = new IReadOnlyList<QueryMatch>?[2];
        detector.QueryBatch(batch, results, new ParallelOptions());
        Assert.Equal(detector.Query(texts[3]).Select(m => m.Id), results[0]!.Select(m => m.Id));
        Assert.Contains(results[0]!, m => m.Role == CopyRole.Exact);
        Assert.Equal(detector.Query(texts[Indexed + 5]).Select(m => m.Id), results[1]!.Select(m => m.Id));
    }

    /// <summary>Generated news with copies: the first <see cref="Indexed"/> are indexed, all are queried.</summary>
    private static string[] Texts() =>
        [.. new CorpusGenerator(new CorpusOptions { Documents = 1300, Seed = 7 }).Generate().Select(d => d.Text)];

    private static DuplicateDetector Index(string[] texts)
    {
        var detector = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = 1 });
        detector.AddRange(texts.Take(Indexed).Select((t, i) => new DocumentInput($"d{i:D4}", t, DateTimeOffset.UnixEpoch.AddDays(i))));
        detector.PrepareQueries();
        return detector;
    }

    /// <summary>
    /// The queries as JSONL, ids q0000 on, every other one dated (<see cref="QueryDate"/>), a blank line after the
    /// tenth; line <paramref name="badLine"/> (from 1, counting the blank one) cut short, if any.
    /// </summary>
    private static string WriteQueries(string folder, string[] texts, int badLine)
    {
        var lines = new List<byte[]>();
        for (int i = 0; i < texts.Length; i++)
        {
            object line = i % 2 == 0 ? new { id = $"q{i:D4}", text = texts[i] } : new { id = $"q{i:D4}", text = texts[i], date = QueryDate(i) };
            lines.Add(lines.Count + 1 == badLine ? "{\"id\": \"cut"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(line));
            if (i == 9)
            {
                lines.Add([]);
            }
        }
        return CliHarness.WriteLines(folder, "q.jsonl", [.. lines]);
    }

    /// <summary>
    /// The date of odd query <paramref name="i"/>: the day of indexed document i's date for a third of them (a short
    /// copy dated so is the same story), else years after every indexed one (a flash's copy is then a series' item).
    /// </summary>
    private static string QueryDate(int i) => i % 3 == 0 ? DateTimeOffset.UnixEpoch.AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "2001-02-03";

    /// <summary>The lines <see cref="DuplicateDetector.Query(string, DateTimeOffset?)"/> gives each text with its line's date, as the query command writes them.</summary>
    private static (byte[] Bytes, int Matched) Expected(DuplicateDetector detector, string[] texts, bool dated = true)
    {
        using var stream = new MemoryStream();
        int matched = 0;
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            for (int i = 0; i < texts.Length; i++)
            {
                var matches = detector.Query(texts[i], i % 2 == 0 || !dated ? null : DateTimeOffset.Parse(QueryDate(i), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal));
                matched += matches.Count > 0 ? 1 : 0;
                QueryLineWriter.Write(json, stream, $"q{i:D4}", matches, withCluster: true);
            }
        }
        return (stream.ToArray(), matched);
    }
}
