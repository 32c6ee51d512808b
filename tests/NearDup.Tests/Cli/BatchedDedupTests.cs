using System.Text;
using System.Text.Json;
using NearDup.Cli.Dedup;
using NearDup.Cli.Input;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// <c>neardup dedup</c>'s first pass on <see cref="DocumentReader.ReadBatches()"/>: JSONL lines parsed and sketched by
/// the detector's threads (<see cref="Deduplicator"/> noting each text's length where it is parsed) decide what the
/// per-document path (<see cref="DocumentReader.Read"/> into <see cref="Deduplicator.AddRange"/>) decides, under every
/// keep rule, whatever the threads and however the batches fall; <see cref="FirstPass"/> notes each record's line.
/// </summary>
public sealed class BatchedDedupTests
{
    private const int Documents = 900;

    [Theory]
    [InlineData(1, KeepRule.Longest)]
    [InlineData(2, KeepRule.Earliest)]
    [InlineData(4, KeepRule.First)]
    [InlineData(4, KeepRule.Canonical)]
    public void AddBatches_SameDecisionsAndBytesAsPerDocument(int threads, KeepRule keep)
    {
        using var folder = new TempFolder();
        string path = Write(folder.Path, badLine: 0);
        var options = new DedupOptions { Kinds = CopyKinds.Roles, Keep = keep };
        var engine = NearDupOptions.Default with { MaxDegreeOfParallelism = threads };

        using var expected = new Deduplicator(engine, options);
        expected.AddRange(new DocumentReader(path, Options(threads)).Read());
        var want = expected.Decide();
        var pass = new FirstPass(path, Options(threads), folder: false, _ => { }, lineBufferSize: 64 << 10);
        using var batched = new Deduplicator(engine, options);
        Assert.Equal(Documents, batched.AddBatches(pass.Reader.ReadBatches()));
        var got = batched.Decide();

        Assert.NotEmpty(want.Removed);
        Assert.Equal(want.Removed, got.Removed);
        Assert.Equal(want.RemovedBytes, got.RemovedBytes);
    }

    [Fact]
    public void FirstPass_NotesLinesPastBlankAndSkippedOnes_AndChecksTheFormatOnce()
    {
        using var folder = new TempFolder();
        string path = Write(folder.Path, badLine: 700);
        var formats = new List<InputFormat>();
        var pass = new FirstPass(path, Options(2, skip: true), folder: false, formats.Add, lineBufferSize: 64 << 10);
        using var dedup = new Deduplicator(NearDupOptions.Default with { MaxDegreeOfParallelism = 2 });
        Assert.Equal(Documents - 1, dedup.AddBatches(pass.Reader.ReadBatches()));

        Assert.Equal([InputFormat.Jsonl], formats);
        var expected = Enumerable.Range(0, Documents).Where(i => i != 698)
            .Select(i => new RecordPosition($"d{i:D4}", path, i + (i >= 10 ? 2 : 1)));
        Assert.Equal(expected, pass.Positions);
    }

    [Fact]
    public void FirstPass_CheckThrowing_StopsAtTheFirstDocument()
    {
        using var folder = new TempFolder();
        string path = Write(folder.Path, badLine: 0);
        var pass = new FirstPass(path, Options(2), folder: false, f => throw new InputException($"refused {f}"), lineBufferSize: 64 << 10);
        using var dedup = new Deduplicator();
        var error = Assert.Throws<InputException>(() => dedup.AddBatches(pass.Reader.ReadBatches()));
        Assert.Equal("refused Jsonl", error.Message);
        Assert.Empty(pass.Positions);
    }

    private static InputOptions Options(int threads, bool skip = false) =>
        new() { MaxDegreeOfParallelism = threads, SkipInvalid = skip, DateField = "date" };

    /// <summary>
    /// Generated documents as JSONL, ids d0000 on: texts with escapes (so a line is longer than its text by more than
    /// the fields), dates in several offsets (an instant earlier in UTC may read later), a blank line after the tenth,
    /// every third line ending in \r\n; line <paramref name="badLine"/> (from 1, blank one counted) cut short, if any.
    /// </summary>
    private static string Write(string folder, int badLine)
    {
        var texts = new CorpusGenerator(new CorpusOptions { Documents = Documents, Seed = 7 }).Generate().Select(d => d.Text).ToArray();
        var file = new StringBuilder();
        int line = 0;
        for (int i = 0; i < Documents; i++)
        {
            string text = i % 5 == 0 ? texts[i] + " \"quoted\" caf\u00e9 \u2014 end" : texts[i];
            string json = ++line == badLine ? "{\"id\": \"cut"
                : JsonSerializer.Serialize(new { id = $"d{i:D4}", text, date = $"2001-02-03T{i % 24:D2}:00:00+{i % 7:D2}:00" });
            file.Append(json).Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i == 9)
            {
                file.Append('\n');
                line++;
            }
        }
        string path = Path.Combine(folder, "docs.jsonl");
        File.WriteAllText(path, file.ToString());
        return path;
    }
}
