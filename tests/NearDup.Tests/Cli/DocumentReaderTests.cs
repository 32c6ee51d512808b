using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using NearDup.Cli.Input;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// The parallel reader against the sequential one (<see cref="InputOptions.MaxDegreeOfParallelism"/> 1, the reference):
/// the same documents in the same order, the same first error and the same skips, on inputs spanning many batches.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DocumentReaderTests
{
    private const string Words = "the council voted on tuesday to rebuild old harbour bridge after years of delay and rising repair costs café naïve 東京 ünïcode";

    private const string MutationBytes = "{}[]\":,\\\n\0x\u00ff";

    public static TheoryData<int> ParallelThreads => new(2, 3, -1);

    public static TheoryData<int> AnyThreads => new(1, 2, 3, -1);

    [Theory, MemberData(nameof(ParallelThreads))]
    public void Read_GeneratedJsonl_ParallelEqualsSequential(int threads)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllBytes(path, GeneratedJsonl(new Random(11), lines: 3000));

        var stop = Read(path, new InputOptions { MaxDegreeOfParallelism = 1 });
        Assert.NotNull(stop.Error);
        AssertSame(stop, Read(path, new InputOptions { MaxDegreeOfParallelism = threads }));

        var sequential = Read(path, new InputOptions { MaxDegreeOfParallelism = 1, SkipInvalid = true });
        var parallel = Read(path, new InputOptions { MaxDegreeOfParallelism = threads, SkipInvalid = true });
        Assert.Null(sequential.Error);
        Assert.True(sequential.Documents.Count > 2500, $"{sequential.Documents.Count} documents");
        Assert.True(sequential.Skipped > 10, $"{sequential.Skipped} skipped");
        AssertSame(sequential, parallel);
        // The generator's escapes came through: a number id, an unescaped é, a surrogate pair, a newline.
        Assert.Contains(sequential.Documents, d => d.Id.All(char.IsAsciiDigit));
        Assert.Contains(sequential.Documents, d => d.Id.StartsWith("dé", StringComparison.Ordinal));
        Assert.Contains(sequential.Documents, d => d.Text.Contains("café \"quoted\" \\ 😀\nline", StringComparison.Ordinal));
        Assert.Contains(sequential.Documents, d => d.Date == new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));
    }

    [Theory, MemberData(nameof(ParallelThreads))]
    public void Read_GzipJsonl_ParallelEqualsSequential(int threads)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl.gz");
        using (var file = File.Create(path))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(GeneratedJsonl(new Random(12), lines: 2000));
        }

        foreach (bool skip in new[] { false, true })
        {
            var sequential = Read(path, new InputOptions { MaxDegreeOfParallelism = 1, SkipInvalid = skip });
            var parallel = Read(path, new InputOptions { MaxDegreeOfParallelism = threads, SkipInvalid = skip });
            Assert.Equal(skip, sequential.Error is null);
            AssertSame(sequential, parallel);
        }
        Assert.Equal(new FileInfo(path).Length, Read(path, new InputOptions { MaxDegreeOfParallelism = threads, SkipInvalid = true }).BytesRead);
    }

    /// <summary>A gzip stream broken part way: the documents before the break, then the same gzip error, on either path.</summary>
    [Theory, MemberData(nameof(ParallelThreads))]
    public void Read_BrokenGzip_SameDocumentsThenSameError(int threads)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl.gz");
        var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(GeneratedJsonl(new Random(13), lines: 2000, bad: false));
        }
        byte[] bytes = compressed.ToArray();
        // Corrupt a stretch in the middle of the deflate data, so the decoder fails after many good lines.
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++)
        {
            bytes[i] = 0xFF;
        }
        File.WriteAllBytes(path, bytes);

        foreach (bool skip in new[] { false, true })
        {
            var sequential = Read(path, new InputOptions { MaxDegreeOfParallelism = 1, SkipInvalid = skip });
            var parallel = Read(path, new InputOptions { MaxDegreeOfParallelism = threads, SkipInvalid = skip });
            Assert.NotNull(sequential.Error);
            Assert.Contains(skip ? "corrupt gzip" : "docs.jsonl.gz", sequential.Error);
            Assert.True(sequential.Documents.Count > 0);
            AssertSame(sequential, parallel);
        }
    }

    /// <summary>
    /// Bad lines in three batches, the first of them a duplicate id (only found in order, after the parallel parse) and
    /// a malformed line and an over-long line after it in the same batch: the error names the first bad line, whatever
    /// the threads; skipping, the count and the first reasons are in input order.
    /// </summary>
    [Theory, MemberData(nameof(AnyThreads))]
    public void Read_BadLinesInSeveralBatches_FirstInInputOrderWins(int threads)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        var lines = new List<byte[]>();
        for (int i = 1; i <= 3000; i++)
        {
            lines.Add(i switch
            {
                1300 => CliHarness.Line("d12", "a story that reuses the id of line 12"),
                1301 => "{\"id\": \"x\", \"text\": \"unterminated"u8.ToArray(),
                1302 => CliHarness.Line("long", new string('x', 3 << 20)),
                1303 => [.. "{\"id\": \"bad-utf8\", \"text\": \"caf"u8, 0xC3, 0x28, .. "\"}"u8],
                2100 => "[1, 2, 3]"u8.ToArray(),
                2900 => "{\"id\": \"no-text\"}"u8.ToArray(),
                _ => CliHarness.Line("d" + i.ToString(CultureInfo.InvariantCulture), Text(new Random(i), 8)),
            });
        }
        using (var file = File.Create(path))
        {
            foreach (byte[] line in lines)
            {
                file.Write(line);
                file.WriteByte((byte)'\n');
            }
        }
        var limit = new InputOptions { MaxDocumentBytes = 1 << 20 };

        var stop = Read(path, limit with { MaxDegreeOfParallelism = threads });
        Assert.Equal($"{path}:1300: duplicate id 'd12' (ids must be unique). Fix the input, or pass --skip-invalid to skip bad documents.", stop.Error);
        Assert.Equal(1299, stop.Documents.Count);
        Assert.Equal("d1299", stop.Documents[^1].Id);

        var skip = Read(path, limit with { MaxDegreeOfParallelism = threads, SkipInvalid = true });
        Assert.Null(skip.Error);
        Assert.Equal(6, skip.Skipped);
        Assert.Equal(["1300", "1301", "1302", "1303", "2100"], skip.Reasons.Select(r => r[(path.Length + 1)..].Split(':')[0]));
        Assert.Equal($"{path}:1300: duplicate id 'd12' (ids must be unique)", skip.Reasons[0]);
        Assert.StartsWith($"{path}:1301: malformed JSON", skip.Reasons[1], StringComparison.Ordinal);
        Assert.Equal($"{path}:1302: line is longer than the 1 MiB document limit", skip.Reasons[2]);
        Assert.Equal($"{path}:1303: document 'bad-utf8' is not valid UTF-8 (convert it first, e.g. iconv -f latin1 -t utf-8)", skip.Reasons[3]);
        Assert.Equal(2994, skip.Documents.Count);

        AssertSame(Read(path, limit with { MaxDegreeOfParallelism = 1 }), stop);
        AssertSame(Read(path, limit with { MaxDegreeOfParallelism = 1, SkipInvalid = true }), skip);
        // Batched as cluster reads it (lines parsed where they lie): the same first error and the same skips.
        AssertSame(stop, ReadBatched(path, limit, bufferSize: 8192));
        AssertSame(skip, ReadBatched(path, limit with { SkipInvalid = true }, bufferSize: 8192));
    }

    public static TheoryData<int> BufferSizes => new(300, 5000, 1 << 16, LineBatchReader.BufferBytes);

    /// <summary>
    /// <see cref="DocumentReader.ReadBatches()"/> (cluster's path: raw lines parsed by the sketching threads) against
    /// <see cref="DocumentReader.Read"/> on one thread, the reference: lines longer than the buffer, CRLF, blank and
    /// white-space lines, escapes, dates; the first error's file and line, or with --skip-invalid the same skips; with and
    /// without a line break after the last line.
    /// </summary>
    [Theory, MemberData(nameof(BufferSizes))]
    public void ReadBatches_GeneratedJsonl_SameAsRead(int bufferSize)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        byte[] bytes = GeneratedJsonl(new Random(14), lines: 2500);
        foreach (bool lastBreak in new[] { true, false })
        {
            int length = bytes.Length;
            while (!lastBreak && bytes[length - 1] is (byte)'\n' or (byte)'\r')
            {
                length--;
            }
            File.WriteAllBytes(path, bytes[..length]);
            foreach (bool skip in new[] { false, true })
            {
                var expected = Read(path, new InputOptions { MaxDegreeOfParallelism = 1, SkipInvalid = skip });
                Assert.Equal(skip, expected.Error is null);
                AssertSame(expected, ReadBatched(path, new InputOptions { SkipInvalid = skip }, bufferSize));
            }
        }
    }

    /// <summary>gzip JSONL, whole and broken part way: the same documents, then the same gzip error after the lines before it.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadBatches_Gzip_SameAsRead(bool broken)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl.gz");
        var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zip.Write(GeneratedJsonl(new Random(15), lines: 2000, bad: false));
        }
        byte[] bytes = compressed.ToArray();
        for (int i = bytes.Length / 2; broken && i < bytes.Length / 2 + 64; i++)
        {
            bytes[i] = 0xFF;
        }
        File.WriteAllBytes(path, bytes);
        var expected = Read(path, new InputOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(broken, expected.Error is not null);
        AssertSame(expected, ReadBatched(path, new InputOptions(), bufferSize: 5000));
    }

    /// <summary>More tiny lines than a batch takes (<see cref="LineBatchReader.MaxLines"/>): every line, in order, numbered right.</summary>
    [Fact]
    public void ReadBatches_TinyLines_SplitOverBatchesInOrder()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        int count = 2 * LineBatchReader.MaxLines + 123;
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append(i == count - 7 ? "{\"id\":\"x\"}" : $"{{\"id\":\"t{i}\",\"text\":\"w{i % 13}\"}}").Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        var batched = ReadBatched(path, new InputOptions(), LineBatchReader.BufferBytes);
        Assert.Equal($"{path}:{count - 6}: missing field \"text\" (set another with --text-field). Fix the input, or pass --skip-invalid to skip bad documents.", batched.Error);
        Assert.Equal(Enumerable.Range(0, count - 7).Select(i => $"t{i}"), batched.Documents.Select(d => d.Id));
        AssertSame(Read(path, new InputOptions { MaxDegreeOfParallelism = 1 }), batched);
    }

    /// <summary>Every line skipped: the same "all invalid" error as <see cref="DocumentReader.Read"/>'s.</summary>
    [Fact]
    public void ReadBatches_AllSkipped_Fails()
    {
        using var folder = new TempFolder();
        string path = CliHarness.WriteLines(folder.Path, "docs.jsonl", "{\"id\":\"a\"}"u8.ToArray(), "not json"u8.ToArray());
        var options = new InputOptions { SkipInvalid = true };
        var expected = Read(path, options with { MaxDegreeOfParallelism = 1 });
        Assert.StartsWith($"{path}: all 2 documents were invalid and skipped", expected.Error, StringComparison.Ordinal);
        AssertSame(expected, ReadBatched(path, options, bufferSize: 300));
    }

    /// <summary>Seeded mutations of a multi-batch JSONL: the parallel path gives what the sequential one gives, error or skips included.</summary>
    [Fact]
    public void Read_MutatedJsonl_ParallelEqualsSequential()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        byte[] valid = GeneratedJsonl(new Random(77), lines: 1200, bad: false);
        var mutations = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.OneOf(MutationBytes.ToCharArray())).Array[1, 23];
        // One thread: every sample writes the same file.
        mutations.Sample(changes =>
        {
            byte[] bytes = (byte[])valid.Clone();
            foreach (var (position, value) in changes)
            {
                bytes[position] = (byte)value;
            }
            File.WriteAllBytes(path, bytes);
            foreach (bool skip in new[] { false, true })
            {
                var sequential = Read(path, new InputOptions { MaxDegreeOfParallelism = 1, SkipInvalid = skip });
                var parallel = Read(path, new InputOptions { MaxDegreeOfParallelism = -1, SkipInvalid = skip });
                AssertSame(sequential, parallel);
                AssertSame(sequential, ReadBatched(path, new InputOptions { SkipInvalid = skip }, bufferSize: 4096));
            }
        }, iter: 12, threads: 1);
    }

    /// <summary>A folder spanning several batches, with a BOM, a duplicate id (a.txt and a.md), a binary file and invalid UTF-8.</summary>
    [Theory, MemberData(nameof(ParallelThreads))]
    public void Read_Folder_ParallelEqualsSequential(int threads)
    {
        using var folder = new TempFolder();
        string root = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        var random = new Random(21);
        for (int i = 0; i < 1100; i++)
        {
            string sub = Directory.CreateDirectory(Path.Combine(root, "s" + (i % 7).ToString(CultureInfo.InvariantCulture))).FullName;
            File.WriteAllText(Path.Combine(sub, "f" + i.ToString("D4", CultureInfo.InvariantCulture) + ".txt"), Text(random, random.Next(5, 60)));
        }
        File.WriteAllBytes(Path.Combine(root, "s1", "bom.txt"), [0xEF, 0xBB, 0xBF, .. "text after a byte order mark"u8]);
        // Its stem is f0002.txt's: both keep their extension as ids (FolderFiles.TextIds), so neither is a duplicate.
        File.WriteAllText(Path.Combine(root, "s2", "f0002.md"), "the same stem as f0002.txt");
        File.WriteAllBytes(Path.Combine(root, "s3", "elf"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1]);
        File.WriteAllBytes(Path.Combine(root, "s4", "latin1.txt"), [.. "caf"u8, 0xE9]);

        var sequential = Read(root, new InputOptions { MaxDegreeOfParallelism = 1 });
        var parallel = Read(root, new InputOptions { MaxDegreeOfParallelism = threads });
        Assert.NotNull(sequential.Error);
        AssertSame(sequential, parallel);

        var sequentialSkip = Read(root, new InputOptions { MaxDegreeOfParallelism = 1, SkipInvalid = true });
        var parallelSkip = Read(root, new InputOptions { MaxDegreeOfParallelism = threads, SkipInvalid = true });
        Assert.Equal(2, sequentialSkip.Skipped);
        Assert.Equal(1102, sequentialSkip.Documents.Count);
        Assert.Contains(sequentialSkip.Documents, d => d.Id == "s2/f0002.md");
        AssertSame(sequentialSkip, parallelSkip);
        Assert.Equal(sequentialSkip.BytesRead, parallelSkip.BytesRead);
    }

    /// <summary>The consumer takes 10 documents of a big input and stops: the read-ahead is cancelled and the file closed.</summary>
    [Theory, MemberData(nameof(AnyThreads))]
    public async Task Read_DisposeEarly_StopsWithoutHanging(int threads)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllBytes(path, GeneratedJsonl(new Random(31), lines: 8000, bad: false));
        var reader = new DocumentReader(path, new InputOptions { MaxDegreeOfParallelism = threads });

        // WaitAsync throws a TimeoutException if stopping hangs.
        var taken = await Task.Run(() => reader.Read().Take(10).ToList()).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(10, taken.Count);
        Assert.True(reader.BytesRead < new FileInfo(path).Length, "the whole file was read");
        // The stream is closed: the file can be opened exclusively (.NET locks files on Unix too).
        using (File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
        }

        // Disposing right after the first document (the next batch is being read) cleans up the same way.
        var enumerator = new DocumentReader(path, new InputOptions { MaxDegreeOfParallelism = threads }).Read().GetEnumerator();
        Assert.True(enumerator.MoveNext());
        await Task.Run(enumerator.Dispose).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Constructor_ZeroThreads_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentReader("x.jsonl", new InputOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentReader("x.jsonl", new InputOptions { MaxDegreeOfParallelism = -2 }));
    }

    /// <summary>JSONL on standard input (through the CLI in its own process) clusters as the same file does.</summary>
    [Fact]
    public async Task Cluster_Stdin_SameAsFile()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllBytes(path, GeneratedJsonl(new Random(41), lines: 1500, bad: false));
        string fromFile = Path.Combine(folder.Path, "file.jsonl"), fromStdin = Path.Combine(folder.Path, "stdin.jsonl");
        Assert.Equal(0, NearDup.Cli.Program.Main(["cluster", path, "--out", fromFile, "--quiet"]));

        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "NearDup.Cli.dll"), "cluster", "-", "--out", fromStdin, "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using (var input = File.OpenRead(path))
        {
            input.CopyTo(process.StandardInput.BaseStream);
        }
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal(File.ReadAllBytes(fromFile), File.ReadAllBytes(fromStdin));
    }

    private sealed record Outcome(List<(string Id, string Text, string Bytes, DateTimeOffset? Date)> Documents, string? Error, int Skipped, string[] Reasons, long BytesRead);

    private static Outcome Read(string path, InputOptions options)
    {
        var reader = new DocumentReader(path, options);
        var documents = new List<(string, string, string, DateTimeOffset?)>();
        string? error = null;
        try
        {
            foreach (var d in reader.Read())
            {
                documents.Add((d.Id, Encoding.UTF8.GetString(d.Utf8Text.Span), Convert.ToBase64String(d.Utf8Text.Span), d.Date));
            }
        }
        catch (InputException e)
        {
            error = e.Message;
        }
        return new Outcome(documents, error, reader.Skipped, [.. reader.SkipReasons], reader.BytesRead);
    }

    /// <summary>
    /// Reads as <see cref="NearDup.Clustering.DuplicateDetector.AddBatches"/> does, on one thread: every line of a batch
    /// parsed (its text copied out of the thread's scratch at once), the buffer given back, then the lines committed in order.
    /// </summary>
    private static Outcome ReadBatched(string path, InputOptions options, int bufferSize)
    {
        var reader = new DocumentReader(path, options) { LineBufferSize = bufferSize };
        var documents = new List<(string, string, string, DateTimeOffset?)>();
        string? error = null;
        try
        {
            foreach (var batch in reader.ReadBatches())
            {
                var texts = new byte[]?[batch.Count];
                for (int i = 0; i < batch.Count; i++)
                {
                    texts[i] = batch.TryParse(i, out var text) ? text.Utf8.ToArray() : null;
                }
                batch.Sketched();
                for (int i = 0; i < batch.Count; i++)
                {
                    if (batch.Commit(i))
                    {
                        long ticks = batch.DateTicks(i);
                        documents.Add((batch.Id(i), Encoding.UTF8.GetString(texts[i]!), Convert.ToBase64String(texts[i]!),
                            ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero)));
                    }
                }
                batch.End();
            }
        }
        catch (InputException e)
        {
            error = e.Message;
        }
        return new Outcome(documents, error, reader.Skipped, [.. reader.SkipReasons], reader.BytesRead);
    }

    /// <summary>Same documents (ids, text bytes, dates, order), same error, same skips; bytes read too when the read finished.</summary>
    private static void AssertSame(Outcome expected, Outcome actual)
    {
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Documents.Count, actual.Documents.Count);
        for (int i = 0; i < expected.Documents.Count; i++)
        {
            Assert.Equal(expected.Documents[i], actual.Documents[i]);
        }
        Assert.Equal(expected.Skipped, actual.Skipped);
        Assert.Equal(expected.Reasons, actual.Reasons);
        if (expected.Error is null)
        {
            Assert.Equal(expected.BytesRead, actual.BytesRead);
        }
    }

    private static string Text(Random random, int words)
    {
        string[] vocabulary = Words.Split(' ');
        var text = new StringBuilder();
        for (int i = 0; i < words; i++)
        {
            text.Append(vocabulary[random.Next(vocabulary.Length)]).Append(' ');
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// JSONL of many batches: string and number ids, escapes (\n, \u00e9, a surrogate pair, quotes, backslashes), dates,
    /// extra fields, blank and whitespace lines, CRLF endings, and long lines that fill a batch by bytes; with
    /// <paramref name="bad"/>, some blank-text documents and ids of the wrong type as well.
    /// </summary>
    private static byte[] GeneratedJsonl(Random random, int lines, bool bad = true)
    {
        var output = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            string end = random.Next(10) == 0 ? "\r\n" : "\n";
            switch (random.Next(40))
            {
                case 0:
                    output.Append(end);
                    continue;
                case 1:
                    output.Append(" \t ").Append(end);
                    continue;
                case 2 when bad:
                    output.Append("{\"id\": \"blank").Append(i).Append("\", \"text\": \" \\n \"}").Append(end);
                    continue;
                case 3 when bad:
                    output.Append("{\"id\": true, \"text\": \"x\"}").Append(end);
                    continue;
                default:
                    break;
            }
            string id = (i % 3) switch
            {
                0 => (1_000_000 + i).ToString(CultureInfo.InvariantCulture),
                1 => "\"doc-" + i.ToString(CultureInfo.InvariantCulture) + "\"",
                _ => "\"d\\u00e9" + i.ToString(CultureInfo.InvariantCulture) + "\"",
            };
            string text = Text(random, i % 97 == 0 ? 40_000 : random.Next(3, 200));
            if (i % 5 == 0)
            {
                text += " caf\\u00e9 \\\"quoted\\\" \\\\ \\ud83d\\ude00\\nline";
            }
            output.Append("{\"id\": ").Append(id).Append(", \"text\": \"").Append(text).Append('"');
            if (i % 4 == 0)
            {
                var date = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddMinutes(i % 8 == 0 ? 0 : i);
                output.Append(", \"date\": \"").Append(date.ToString("O", CultureInfo.InvariantCulture)).Append('"');
            }
            if (i % 6 == 0)
            {
                output.Append(", \"meta\": {\"tags\": [1, 2.5, null, \"x\"]}");
            }
            output.Append('}').Append(end);
        }
        return Encoding.UTF8.GetBytes(output.ToString());
    }
}
