using System.CommandLine;
using NearDup.Cli.Commands;

namespace NearDup.Tests.Report;

public sealed class ReportCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ReportCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Report_Seeds_WritesOneHtmlFileAndNoTemporaries()
    {
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        var output = Path.Combine(temp.Path, "out", "report.html");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, "old report");

        var (exitCode, stdout, stderr) = Run("report", docs, clusters, "--out", output, "--min-run", "5", "--title", "Seeds <test>");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("8 documents, 2 clusters of 2+, 2 singletons", stdout, StringComparison.Ordinal);
        Assert.Equal(["report.html"], Directory.GetFiles(Path.GetDirectoryName(output)!).Select(Path.GetFileName));
        var html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Seeds &lt;test&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("\"minRun\":5", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BadClustersLine_ExitCode2AndMessageWithLine()
    {
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        File.AppendAllText(clusters, "{not json\n");
        var output = Path.Combine(temp.Path, "report.html");

        var (exitCode, _, stderr) = Run("report", docs, clusters, "--out", output);

        Assert.Equal(2, exitCode);
        Assert.Contains($"neardup report: {clusters}:5: not valid JSON", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.neardup-tmp-*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public void Report_PairsWithAReuseLink_ListsItBetweenTheTwoClusters()
    {
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        var ids = NearDup.Cli.Report.ClustersFile.Load(clusters).Select(c => c.Members[0].Id).ToArray();
        var pairs = Path.Combine(temp.Path, "pairs.jsonl");
        File.WriteAllText(pairs, $$"""
            {"a":"{{ids[0]}}","b":"{{ids[1]}}","jaccard":0.05,"containment":0.2,"shared":42,"relation":"reuse","kind":"quote"}

            """);
        var output = Path.Combine(temp.Path, "report.html");

        var (exitCode, _, stderr) = Run("report", docs, clusters, "--out", output, "--pairs", pairs);

        Assert.True(exitCode == 0, stderr);
        var html = File.ReadAllText(output);
        Assert.Contains("Links between clusters", html, StringComparison.Ordinal);
        Assert.Contains($"<bdi>{ids[0]}</bdi>", html, StringComparison.Ordinal);
        Assert.Contains("<td>reuse</td><td>quote</td><td>42</td><td>0.2</td>", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<tr><td><bdi>"));
    }

    [Fact]
    public void Report_CopyLinks_ListedWhenAcrossClustersOnly()
    {
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        var loaded = NearDup.Cli.Report.ClustersFile.Load(clusters);
        var story = loaded.Single(c => c.Members.Any(m => m.Id == ReportSeeds.StoryId));
        var inside = story.Members.Select(m => m.Id).Where(id => id != ReportSeeds.StoryId).First();
        var pairs = Path.Combine(temp.Path, "pairs.jsonl");
        File.WriteAllText(pairs, $$"""
            {"a":"{{ReportSeeds.StoryId}}","b":"{{inside}}","jaccard":0.5,"containment":0.9,"shared":300,"relation":"copy"}
            {"a":"{{ReportSeeds.StoryId}}","b":"{{ReportSeeds.TollsId}}","jaccard":0.3,"containment":0.6,"shared":77,"relation":"copy"}
            {"a":"{{ReportSeeds.StoryId}}","b":"{{inside}}","jaccard":0.05,"containment":0.2,"shared":42,"relation":"reuse","kind":"passage"}

            """);
        var output = Path.Combine(temp.Path, "report.html");

        var (exitCode, _, stderr) = Run("report", docs, clusters, "--out", output, "--pairs", pairs);

        Assert.True(exitCode == 0, stderr);
        var html = File.ReadAllText(output);
        Assert.Contains($"<bdi>{ReportSeeds.TollsId}</bdi>", html, StringComparison.Ordinal);
        Assert.Contains("<td>copy, kept apart</td><td></td><td>77</td><td>0.6</td>", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<tr><td><bdi>"));
    }

    [Fact]
    public void Report_BadPairsLine_ExitCode2AndMessageWithLine()
    {
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        var pairs = Path.Combine(temp.Path, "pairs.jsonl");
        File.WriteAllText(pairs, "{\"a\":\"x\"}\n");

        var (exitCode, _, stderr) = Run("report", docs, clusters, "--out", Path.Combine(temp.Path, "report.html"), "--pairs", pairs);

        Assert.Equal(2, exitCode);
        Assert.Contains($"neardup report: {pairs}:1: not a pair", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_MissingInput_ExitCode2()
    {
        using var temp = new TempDirectory();
        var (_, clusters) = ReportSeeds.Write(temp.Path);
        var missing = Path.Combine(temp.Path, "nothing-here");

        var (exitCode, _, stderr) = Run("report", missing, clusters, "--out", Path.Combine(temp.Path, "r.html"));

        Assert.Equal(2, exitCode);
        Assert.Contains($"{missing}: no such file or folder", stderr, StringComparison.Ordinal);
    }
}
