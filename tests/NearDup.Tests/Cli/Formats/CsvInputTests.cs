using System.Text;
using NearDup.Cli.Input;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli.Formats;

/// <summary>
/// CSV and TSV with a header: columns chosen by name, quoted fields holding separators, quotes and line breaks, and
/// errors that name the file, the line and the columns there are.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CsvInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_QuotedFieldsWithNewlinesCommasAndQuotes_ChosenColumns()
    {
        string path = Write("docs.csv",
            "title,doc_id,body,date\n"
            + "first,a1,\"one, two\nand \"\"three\"\" on a second line\",2024-01-02\n"
            + "second,b2,plain text,\n"
            + "\n"
            + "third,c3,\"last\",2023-05-06T10:00:00Z\n");

        var documents = new DocumentReader(path, new InputOptions { IdField = "doc_id", TextField = "body", MaxDegreeOfParallelism = 1 }).Read().ToList();

        Assert.Equal(["a1", "b2", "c3"], documents.Select(d => d.Id));
        Assert.Equal("one, two\nand \"three\" on a second line", Encoding.UTF8.GetString(documents[0].Utf8Text.Span));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), documents[0].Date);
        Assert.Null(documents[1].Date);
        Assert.Equal("last", Encoding.UTF8.GetString(documents[2].Utf8Text.Span));
    }

    [Fact]
    public void Read_Tsv_ColumnsByName()
    {
        string path = Write("docs.tsv", $"text\tid\n{CliHarness.Story}\tx\n\"quoted\ttab\"\ty\n");

        var documents = new DocumentReader(path).Read().ToList();

        Assert.Equal(["x", "y"], documents.Select(d => d.Id));
        Assert.Equal("quoted\ttab", Encoding.UTF8.GetString(documents[1].Utf8Text.Span));
    }

    [Fact]
    public void Cluster_CsvMissingColumn_NamesFileColumnAndHeader()
    {
        string path = Write("docs.csv", $"id,body\na,{CliHarness.Story}\n");

        var run = CliHarness.Run("cluster", path, "-o", Path.Combine(_folder.Path, "out.jsonl"));

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{path}: no column \"text\" (--text-field) in the CSV header; its columns are: \"id\", \"body\". Choose one with --text-field.", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The bad row is named by its first line, counted after a quoted field that spans two lines.</summary>
    [Fact]
    public void Cluster_CsvRowWithWrongFieldCount_NamesFileAndLine()
    {
        string path = Write("docs.csv", $"id,text\na,\"{CliHarness.Story}\nsecond line\"\nb,{CliHarness.Story},extra\nc,{CliHarness.Story} again\n");

        var stop = CliHarness.Run("cluster", path, "-o", Path.Combine(_folder.Path, "out.jsonl"));
        var skip = CliHarness.Run("cluster", path, "-o", Path.Combine(_folder.Path, "out.jsonl"), "--skip-invalid");

        Assert.Equal(2, stop.Exit);
        Assert.Contains($"{path}:4: 3 fields, but the header has 2", stop.Error, StringComparison.Ordinal);
        Assert.Equal(0, skip.Exit);
        Assert.Contains("skipped 1 invalid documents", skip.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_CsvQuoteNeverClosed_NamesLine()
    {
        string path = Write("docs.csv", $"id,text\na,{CliHarness.Story}\nb,\"{CliHarness.Story}\nc,more\n");

        var run = CliHarness.Run("cluster", path, "-o", Path.Combine(_folder.Path, "out.jsonl"));

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{path}:3: a quoted field is not closed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_CsvInvalidUtf8_RefusedNamingItsLine()
    {
        string path = Path.Combine(_folder.Path, "latin1.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes($"id,text\na,\"{CliHarness.Story}\n\"\nb,caf"), 0xE9, .. "\n"u8]);

        var run = CliHarness.Run("cluster", path, "-o", Path.Combine(_folder.Path, "out.jsonl"));

        Assert.Equal(2, run.Exit);
        Assert.Contains($"{path}: line 4 is not valid UTF-8 (convert the file first, e.g. iconv -f latin1 -t utf-8).", run.Error, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, content);
        return path;
    }
}
