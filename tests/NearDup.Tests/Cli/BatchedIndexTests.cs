using System.Text.Json;
using NearDup.Cli.Commands;
using NearDup.Cli.Input;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// <c>neardup index build|add</c> on <see cref="DocumentReader.ReadBatches()"/>: JSONL lines parsed and sketched by the
/// detector's threads out of the reader's buffers save, byte for byte, the index the per-document path
/// (<see cref="DocumentReader.Read"/> into <see cref="DuplicateDetector.AddRange"/>) saves, whatever the threads and
/// however the batches fall; a bad line, a repeated id and an id the index holds still stop the run, named.
/// </summary>
public sealed class BatchedIndexTests
{
    private const int Documents = 1300;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Build_BatchedLines_SameIndexBytesAsPerDocument(int threads)
    {
        using var folder = new TempFolder();
        var texts = Texts();
        string path = Write(folder.Path, "docs.jsonl", texts, from: 0, count: Documents, badLine: 0);

        byte[] expected = Saved(PerDocument(path, threads, known: null));
        // 64 KiB buffers: the 1,300 lines come in dozens of batches, each ending mid-file.
        using var batched = New(threads);
        long added = batched.AddBatches(IndexCommand.Fresh(Reader(path, threads).ReadBatches(), known: null));
        Assert.Equal(Documents, added);
        Assert.Equal(expected, Saved(batched));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Add_IdsTheIndexHolds_StopNamedOrSkipped_RestSameBytes(int threads)
    {
        using var folder = new TempFolder();
        var texts = Texts();
        // The index holds d0000-d0899; the input repeats d0850-d0899 among d0900 on.
        string first = Write(folder.Path, "first.jsonl", texts, from: 0, count: 900, badLine: 0);
        string more = Write(folder.Path, "more.jsonl", texts, from: 850, count: Documents - 850, badLine: 0);

        using var stopped = PerDocument(first, threads, known: null);
        var known = new IndexKnownIds(stopped, more, "IDX", skipInvalid: false);
        var error = Assert.Throws<InputException>(() => stopped.AddBatches(IndexCommand.Fresh(Reader(more, threads).ReadBatches(), known)));
        Assert.Equal($"{more}:1: document 'd0850' is already in the index IDX (ids must be unique; remove it first with neardup index remove)."
            + " Fix the input, or pass --skip-invalid to skip bad documents.", error.Message);

        using var expected = PerDocument(first, threads, known: null);
        expected.AddRange(new DocumentReader(more, Options(threads, skip: true)).Read().Where(d => !expected.Contains(d.Id)));
        using var batched = PerDocument(first, threads, known: null);
        var skipping = new IndexKnownIds(batched, more, "IDX", skipInvalid: true);
        long added = batched.AddBatches(IndexCommand.Fresh(Reader(more, threads, skip: true).ReadBatches(), skipping));
        Assert.Equal(Documents - 900, added);
        Assert.Equal(50, skipping.Skipped);
        Assert.Equal(5, skipping.Reasons.Count);
        Assert.StartsWith($"{more}:5: document 'd0854' is already in the index IDX", skipping.Reasons[4], StringComparison.Ordinal);
        Assert.Equal(Saved(expected), Saved(batched));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Build_BadLine_StopsThereNamingFileAndLine_OrSkipsIt(int threads)
    {
        using var folder = new TempFolder();
        var texts = Texts();
        string path = Write(folder.Path, "docs.jsonl", texts, from: 0, count: Documents, badLine: 1100);

        using var stopped = New(threads);
        var error = Assert.Throws<InputException>(() => stopped.AddBatches(IndexCommand.Fresh(Reader(path, threads).ReadBatches(), known: null)));
        Assert.StartsWith($"{path}:1100: malformed JSON", error.Message, StringComparison.Ordinal);

        var skipping = Reader(path, threads, skip: true);
        using var batched = New(threads);
        Assert.Equal(Documents - 1, batched.AddBatches(IndexCommand.Fresh(skipping.ReadBatches(), known: null)));
        Assert.Equal(1, skipping.Skipped);
        Assert.False(batched.Contains("d1098"));
        using var expected = New(threads);
        expected.AddRange(new DocumentReader(path, Options(threads, skip: true)).Read());
        Assert.Equal(Saved(expected), Saved(batched));
    }

    [Fact]
    public void Build_RepeatedIdInInput_NamedByTheReaderNotAsIndexed()
    {
        using var folder = new TempFolder();
        string path = CliHarness.WriteLines(folder.Path, "dup.jsonl", CliHarness.Line("a", "one two three four five six"),
            CliHarness.Line("b", "seven eight nine ten eleven"), CliHarness.Line("a", "twelve thirteen fourteen fifteen"));
        using var detector = New(2);
        var known = new IndexKnownIds(detector, path, "IDX", skipInvalid: false);
        var error = Assert.Throws<InputException>(() => detector.AddBatches(IndexCommand.Fresh(Reader(path, 2).ReadBatches(), known)));
        Assert.StartsWith($"{path}:3: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("already in the index", error.Message, StringComparison.Ordinal);
    }

    private static string[] Texts() =>
        [.. new CorpusGenerator(new CorpusOptions { Documents = Documents, Seed = 11 }).Generate().Select(d => d.Text)];

    private static InputOptions Options(int threads, bool skip = false) => new() { MaxDegreeOfParallelism = threads, SkipInvalid = skip };

    private static DocumentReader Reader(string path, int threads, bool skip = false) => new(path, Options(threads, skip)) { LineBufferSize = 64 << 10 };

    private static DuplicateDetector New(int threads) => new(NearDupOptions.Default with { MaxDegreeOfParallelism = threads });

    /// <summary>The per-document path the index commands took before: the reader's documents, then AddRange.</summary>
    private static DuplicateDetector PerDocument(string path, int threads, IndexKnownIds? known)
    {
        var detector = New(threads);
        detector.AddRange(new DocumentReader(path, Options(threads)).Read().Where(d => known is null || known.IsFresh(d.Id, null)));
        return detector;
    }

    private static byte[] Saved(DuplicateDetector detector)
    {
        detector.PrepareQueries();
        using var stream = new MemoryStream();
        detector.Save(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Documents <paramref name="from"/> on as JSONL, ids d0000 on, every other one dated, a blank line after the tenth;
    /// line <paramref name="badLine"/> (from 1, counting the blank one) cut short, if any.
    /// </summary>
    private static string Write(string folder, string name, string[] texts, int from, int count, int badLine)
    {
        var lines = new List<byte[]>();
        for (int i = from; i < from + count; i++)
        {
            object line = i % 2 == 0 ? new { id = $"d{i:D4}", text = texts[i] } : new { id = $"d{i:D4}", text = texts[i], date = "2001-02-03" };
            lines.Add(lines.Count + 1 == badLine ? "{\"id\": \"cut"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(line));
            if (i == from + 9)
            {
                lines.Add([]);
            }
        }
        return CliHarness.WriteLines(folder, name, [.. lines]);
    }
}
