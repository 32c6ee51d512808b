using NearDup.Corpus;
using NearDup.Tests.Cli;

namespace NearDup.Tests.Corpus;

/// <summary><c>neardup gen --from</c> through <c>Program.Main</c>: the files it writes and its errors.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class GenFromCommandTests
{
    [Fact]
    public void GenFrom_Stories_WritesDocsAndLabelsSameForAnyThreads()
    {
        using var dir = new CorpusGeneratorTests.TempDir();
        string input = WriteStories(dir.Path, NewsLikeStories.Make(30));
        var one = CliHarness.Run("gen", "--from", input, "--out", Path.Combine(dir.Path, "one"), "--seed", "2", "--threads", "1");
        var two = CliHarness.Run("gen", "--from", input, "--out", Path.Combine(dir.Path, "two"), "--seed", "2", "--threads", "2", "-q");
        Assert.Equal(0, one.Exit);
        Assert.Equal(0, two.Exit);
        Assert.Contains("30 stories", one.Error, StringComparison.Ordinal);
        Assert.Contains("follow-ups", one.Error, StringComparison.Ordinal);
        foreach (string file in new[] { CorpusGenerator.DocsFileName, CorpusGenerator.LabelsFileName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, "one", file)), File.ReadAllBytes(Path.Combine(dir.Path, "two", file)));
        }
    }

    [Fact]
    public void GenFrom_Docs_LimitsTheOutput()
    {
        using var dir = new CorpusGeneratorTests.TempDir();
        string input = WriteStories(dir.Path, NewsLikeStories.Make(30));
        Assert.Equal(0, CliHarness.Run("gen", "--from", input, "--out", dir.Path, "--docs", "25", "-q").Exit);
        Assert.Equal(25, File.ReadLines(Path.Combine(dir.Path, CorpusGenerator.LabelsFileName)).Count());
    }

    [Fact]
    public void GenFrom_MissingFile_SaysSo()
    {
        using var dir = new CorpusGeneratorTests.TempDir();
        var run = CliHarness.Run("gen", "--from", Path.Combine(dir.Path, "nope.jsonl"), "--out", dir.Path);
        Assert.Equal(2, run.Exit);
        Assert.Contains("nope.jsonl: no such file", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\": \"b\", \"text\": \"unterminated", "stories.jsonl:2: malformed JSON")]
    [InlineData("{\"id\": \"b\"}", "stories.jsonl:2: missing field \"text\"")]
    public void GenFrom_BadLine_NamesFileAndLine(string line, string expected)
    {
        using var dir = new CorpusGeneratorTests.TempDir();
        var stories = NewsLikeStories.Make(5);
        string input = CliHarness.WriteLines(dir.Path, "stories.jsonl", CliHarness.Line(stories[0].Id, stories[0].Text), System.Text.Encoding.UTF8.GetBytes(line), CliHarness.Line(stories[1].Id, stories[1].Text));
        var run = CliHarness.Run("gen", "--from", input, "--out", Path.Combine(dir.Path, "out"));
        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    [Fact]
    public void GenFrom_TooFewStories_SaysHowManyAreNeeded()
    {
        using var dir = new CorpusGeneratorTests.TempDir();
        string input = WriteStories(dir.Path, NewsLikeStories.Make(2));
        var run = CliHarness.Run("gen", "--from", input, "--out", dir.Path);
        Assert.Equal(2, run.Exit);
        Assert.Contains("2 stories; at least 3 are needed", run.Error, StringComparison.Ordinal);
    }

    private static string WriteStories(string folder, List<BaseStory> stories) =>
        CliHarness.WriteLines(folder, "stories.jsonl", [.. stories.Select(s => CliHarness.Line(s.Id, s.Text))]);
}
