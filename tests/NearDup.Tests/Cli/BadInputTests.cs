using System.Text;
using NearDup.Cli.Input;
using NearDup.Clustering;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// The bad inputs of the issue, through <c>neardup index build</c>: by default a non-zero exit and a message naming the
/// file and line; with --skip-invalid the good documents are indexed and the skips counted.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class BadInputTests
{
    public static TheoryData<string, string, string> BadLines => new()
    {
        { "malformed JSON", "{\"id\": \"b\", \"text\": \"unterminated", "malformed JSON" },
        { "not an object", "[1, 2, 3]", "not a JSON object" },
        { "missing id", "{\"text\": \"" + CliHarness.Story + "\"}", "missing field \"id\"" },
        { "non-string id", "{\"id\": [1], \"text\": \"" + CliHarness.Story + "\"}", "field \"id\" must be a string or a number" },
        { "missing text", "{\"id\": \"b\"}", "missing field \"text\"" },
        { "non-string text", "{\"id\": \"b\", \"text\": 42}", "field \"text\" must be a string" },
        { "duplicate id", "{\"id\": \"a\", \"text\": \"" + CliHarness.Story + " again\"}", "duplicate id 'a'" },
        { "empty document", "{\"id\": \"b\", \"text\": \"  \"}", "document 'b' is empty" },
        { "trailing garbage", "{\"id\": \"b\", \"text\": \"" + CliHarness.Story + "\"} x", "more after the JSON object's closing } (one object per line)" },
        { "two objects on a line", "{\"id\": \"b\", \"text\": \"one\"}{\"id\": \"d\", \"text\": \"two\"}", "more after the JSON object's closing }" },
        { "boolean id", "{\"id\": true, \"text\": \"" + CliHarness.Story + "\"}", "field \"id\" must be a string or a number, not a boolean" },
    };

    [Theory, MemberData(nameof(BadLines))]
    public void IndexBuild_BadJsonLine_FailsNamingFileAndLineOrSkipsWithCount(string name, string bad, string reason)
    {
        using var folder = new TempFolder();
        string docs = CliHarness.WriteLines(folder.Path, "docs.jsonl", CliHarness.Line("a", CliHarness.Story), Encoding.UTF8.GetBytes(bad), CliHarness.Line("c", CliHarness.Story + " and more"));
        AssertFailsThenSkips(folder.Path, docs, $"docs.jsonl:2: {reason}", name);
    }

    [Fact]
    public void IndexBuild_InvalidUtf8_FailsNamingFileAndLineOrSkipsWithCount()
    {
        using var folder = new TempFolder();
        byte[] invalid = [.. "{\"id\": \"b\", \"text\": \"caf"u8, 0xC3, 0x28, 0xFF, .. " au lait\"}"u8];
        string docs = CliHarness.WriteLines(folder.Path, "docs.jsonl", CliHarness.Line("a", CliHarness.Story), invalid, CliHarness.Line("c", CliHarness.Story + " and more"));
        AssertFailsThenSkips(folder.Path, docs, "docs.jsonl:2: document 'b' is not valid UTF-8", "invalid UTF-8 in the text");
    }

    [Fact]
    public void IndexBuild_InvalidUtf8InId_FailsNamingFileAndLineOrSkipsWithCount()
    {
        using var folder = new TempFolder();
        byte[] invalid = [.. "{\"id\": \"b"u8, 0xFF, .. "\", \"text\": \"some text\"}"u8];
        string docs = CliHarness.WriteLines(folder.Path, "docs.jsonl", CliHarness.Line("a", CliHarness.Story), invalid, CliHarness.Line("c", CliHarness.Story + " and more"));
        AssertFailsThenSkips(folder.Path, docs, "docs.jsonl:2: not valid UTF-8", "invalid UTF-8 in the id");
    }

    [Fact]
    public void IndexBuild_InvalidUtf8TextFile_FailsNamingFileOrSkipsWithCount()
    {
        using var folder = new TempFolder();
        string input = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        File.WriteAllText(Path.Combine(input, "a.txt"), CliHarness.Story);
        File.WriteAllBytes(Path.Combine(input, "b.txt"), [.. "caf"u8, 0xE9, .. " latin-1 text"u8]);
        File.WriteAllText(Path.Combine(input, "c.txt"), CliHarness.Story + " and more");
        AssertFailsThenSkips(folder.Path, input, "b.txt: document 'b' is not valid UTF-8", "Latin-1 text file");
    }

    [Fact]
    public void IndexBuild_BinaryFileInFolder_FailsNamingFileOrSkipsWithCount()
    {
        using var folder = new TempFolder();
        string input = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        File.WriteAllText(Path.Combine(input, "a.txt"), CliHarness.Story);
        File.WriteAllBytes(Path.Combine(input, "b.txt"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 2, 0, 0]);
        File.WriteAllText(Path.Combine(input, "c.txt"), CliHarness.Story + " and more");
        AssertFailsThenSkips(folder.Path, input, "b.txt: looks binary (it holds NUL bytes), not text", "binary file");
    }

    [Fact]
    public void IndexBuild_UnreadableFile_FailsNamingFileOrSkipsWithCount()
    {
        using var folder = new TempFolder();
        string input = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        File.WriteAllText(Path.Combine(input, "a.txt"), CliHarness.Story);
        string locked = Path.Combine(input, "b.txt");
        File.WriteAllText(locked, CliHarness.Story + " locked");
        File.WriteAllText(Path.Combine(input, "c.txt"), CliHarness.Story + " and more");
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("chmod 000 is a Unix test");
            return;
        }
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            bool readable;
            try
            {
                File.ReadAllBytes(locked);
                readable = true;
            }
            catch (UnauthorizedAccessException)
            {
                readable = false;
            }
            Assert.SkipWhen(readable, "running as root (or with CAP_DAC_OVERRIDE): a chmod 000 file is still readable");
            AssertFailsThenSkips(folder.Path, input, "b.txt: cannot be read", "unreadable file");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void IndexBuild_MissingPath_ExitTwoNamingIt()
    {
        using var folder = new TempFolder();
        string missing = Path.Combine(folder.Path, "nowhere.jsonl");
        var run = CliHarness.Run("index", "build", missing, "--index", Path.Combine(folder.Path, "idx"));
        Assert.Equal(2, run.Exit);
        Assert.Contains($"{missing}: no such file or folder", run.Error);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "idx")));
    }

    /// <summary>A 100 MB document (under the 256 MiB limit) is accepted and indexed; queried, it finds itself.</summary>
    [Fact]
    public void IndexBuild_HundredMegabyteDocument_Accepted()
    {
        using var folder = new TempFolder();
        string docs = Path.Combine(folder.Path, "big.jsonl");
        var random = new Random(100);
        string[] words = [.. Enumerable.Range(0, 5000).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        using (var file = new StreamWriter(docs, false, new UTF8Encoding(false), 1 << 20))
        {
            file.Write("{\"id\": \"big\", \"text\": \"");
            long written = 0;
            var line = new StringBuilder();
            while (written < 100_000_000)
            {
                line.Clear();
                for (int i = 0; i < 1000; i++)
                {
                    line.Append(words[random.Next(words.Length)]).Append(' ');
                }
                file.Write(line);
                written += line.Length;
            }
            file.Write("\"}\n");
            file.Write("{\"id\": \"small\", \"text\": \"" + CliHarness.Story + "\"}\n");
        }
        Assert.True(new FileInfo(docs).Length > 100_000_000);
        string index = Path.Combine(folder.Path, "idx");
        var run = CliHarness.Run("index", "build", docs, "--index", index);
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("indexed 2 documents", run.Error);
        var detector = DuplicateDetector.Load(index);
        Assert.True(detector.Contains("big"));
        Assert.Equal(["small"], detector.Query(CliHarness.Story).Select(m => m.Id));
    }

    /// <summary>Over the document limit (lowered here to 1 MiB so the test stays small): a clear message naming file and line.</summary>
    [Fact]
    public void Read_DocumentOverLimit_MessageNamesFileLineAndLimit()
    {
        using var folder = new TempFolder();
        string docs = CliHarness.WriteLines(folder.Path, "docs.jsonl", CliHarness.Line("a", CliHarness.Story), CliHarness.Line("huge", new string('x', 3 << 20)), CliHarness.Line("c", CliHarness.Story));
        var reader = new DocumentReader(docs, new InputOptions { MaxDocumentBytes = 1 << 20 });
        var e = Assert.Throws<InputException>(() => reader.Read().ToList());
        Assert.Contains("docs.jsonl:2: line is longer than the 1 MiB document limit", e.Message);

        var skipping = new DocumentReader(docs, new InputOptions { MaxDocumentBytes = 1 << 20, SkipInvalid = true });
        Assert.Equal(["a", "c"], skipping.Read().Select(d => d.Id));
        Assert.Equal(1, skipping.Skipped);
    }

    private static void AssertFailsThenSkips(string folder, string input, string message, string what)
    {
        string index = Path.Combine(folder, "idx");
        var fail = CliHarness.Run("index", "build", input, "--index", index);
        Assert.True(fail.Exit == 2, $"{what}: exit {fail.Exit}, {fail.Error}");
        Assert.Contains(message, fail.Error);
        Assert.Contains("--skip-invalid", fail.Error);
        Assert.False(File.Exists(DuplicateDetector.IndexPath(index)), $"{what}: an index was written");

        var skip = CliHarness.Run("index", "build", input, "--index", index, "--skip-invalid");
        Assert.True(skip.Exit == 0, $"{what}: exit {skip.Exit}, {skip.Error}");
        Assert.Contains("indexed 2 documents", skip.Error);
        Assert.Contains("skipped 1 invalid documents", skip.Error);
        Assert.Contains(message, skip.Error);
        Assert.Equal(2, DuplicateDetector.Load(index).Count);

        var quiet = CliHarness.Run("index", "build", input, "--index", index, "--skip-invalid", "--quiet");
        Assert.Equal((0, ""), (quiet.Exit, quiet.Error));
    }
}
