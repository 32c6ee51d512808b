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
    public void Report_BadClustersLine_ExitCode1AndMessageWithLine()
    {
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        File.AppendAllText(clusters, "{not json\n");
        var output = Path.Combine(temp.Path, "report.html");

        var (exitCode, _, stderr) = Run("report", docs, clusters, "--out", output);

        Assert.Equal(1, exitCode);
        Assert.Contains($"neardup report: {clusters}:5: not valid JSON", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.neardup-tmp-*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public void Report_MissingInput_ExitCode1()
    {
        using var temp = new TempDirectory();
        var (_, clusters) = ReportSeeds.Write(temp.Path);
        var missing = Path.Combine(temp.Path, "nothing-here");

        var (exitCode, _, stderr) = Run("report", missing, clusters, "--out", Path.Combine(temp.Path, "r.html"));

        Assert.Equal(1, exitCode);
        Assert.Contains($"{missing}: INPUT not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_InvalidOption_ExitCode2()
    {
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);

        var (exitCode, _, stderr) = Run("report", docs, clusters, "--min-run", "0");

        Assert.Equal(2, exitCode);
        Assert.Contains("invalid option MinRunWords", stderr, StringComparison.Ordinal);
    }
}
