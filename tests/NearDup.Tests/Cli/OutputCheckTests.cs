using System.Text;
using NearDup.Clustering;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// Every output path is checked before any input is read: the input here has a bad second line, so a command that
/// read first would report that line instead of the output.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OutputCheckTests
{
    /// <summary>Arguments with {docs}, {clusters} and {bad} (a folder that cannot be written) to fill in; the option the message must name; the exit code.</summary>
    public static TheoryData<string[], string, int> Outputs => new()
    {
        { ["cluster", "{docs}", "-o", "{bad}/clusters.jsonl"], "--out", 2 },
        { ["cluster", "{docs}", "--html", "{bad}/report.html"], "--html", 2 },
        { ["index", "build", "{docs}", "--index", "{bad}/idx"], "--index", 2 },
        { ["gen", "--docs", "10", "--out", "-", "--labels", "{bad}/labels.jsonl"], "--labels", 2 },
        { ["gen", "--docs", "10", "--out", "{bad}/corpus"], "--out", 2 },
        { ["report", "{docs}", "{clusters}", "--out", "{bad}/report.html"], "report.html", 2 },
        { ["bench", "{docs}", "--json", "{bad}/bench.json", "--no-stages"], "--json", 2 },
    };

    [Theory, MemberData(nameof(Outputs))]
    public void Command_OutputUnderARegularFile_FailsBeforeReading(string[] args, string option, int exit)
    {
        using var folder = new TempFolder();
        string file = Path.Combine(folder.Path, "plain.txt");
        File.WriteAllText(file, "a file where a folder is expected");
        AssertFailsFirst(folder.Path, file, args, option, exit, "is not a folder");
    }

    [Theory, MemberData(nameof(Outputs))]
    public void Command_OutputInMissingFolder_FailsBeforeReading(string[] args, string option, int exit)
    {
        using var folder = new TempFolder();
        string missing = Path.Combine(folder.Path, "missing");
        if (args.Contains("--index") || args.Contains("--docs") && !args.Contains("-"))
        {
            // index build and gen --out DIR make their folder: a missing one is no error.
            return;
        }
        AssertFailsFirst(folder.Path, missing, args, option, exit, "does not exist; create it first.");
    }

    /// <summary>A read-only folder: chattr +i, since root ignores permission bits; index add on an index in it too.</summary>
    [Theory, MemberData(nameof(Outputs))]
    public void Command_OutputInImmutableFolder_FailsBeforeReading(string[] args, string option, int exit)
    {
        using var folder = new TempFolder();
        string locked = Directory.CreateDirectory(Path.Combine(folder.Path, "locked")).FullName;
        using var index = new DuplicateDetector();
        index.Add("a", CliHarness.Story);
        index.Save(Path.Combine(locked, "idx"));
        Assert.SkipUnless(OperatingSystem.IsLinux() && CliProcess.TryTool("chattr", "+i", locked, Path.Combine(locked, "idx")),
            "chattr +i needs Linux, root and a file system that supports it (ext4, xfs, btrfs)");
        try
        {
            AssertFailsFirst(folder.Path, locked, args, option, exit, "cannot write in");
            string docs = WriteInputs(folder.Path).Docs;
            var add = CliHarness.Run("index", "add", Path.Combine(locked, "idx"), docs);
            Assert.True(add.Exit == 2, add.Error);
            Assert.Contains($"DIR {Path.Combine(locked, "idx")}: cannot write there", add.Error, StringComparison.Ordinal);
        }
        finally
        {
            CliProcess.TryTool("chattr", "-i", locked, Path.Combine(locked, "idx"));
        }
    }

    private static void AssertFailsFirst(string folder, string bad, string[] template, string option, int exit, string reason)
    {
        var (docs, clusters) = WriteInputs(folder);
        string[] args = [.. template.Select(a => a.Replace("{docs}", docs).Replace("{clusters}", clusters).Replace("{bad}", bad))];
        var run = CliHarness.Run(args);
        string what = string.Join(' ', args);
        Assert.True(run.Exit == exit, $"{what}: exit {run.Exit}, {run.Error}");
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("docs.jsonl:2", run.Error, StringComparison.Ordinal);
    }

    private static (string Docs, string Clusters) WriteInputs(string folder)
    {
        string docs = CliHarness.WriteLines(folder, "docs.jsonl", CliHarness.Line("a", CliHarness.Story), Encoding.UTF8.GetBytes("{\"id\": \"b\", \"text\": \"unterminated"));
        string clusters = Path.Combine(folder, "clusters.jsonl");
        File.WriteAllText(clusters, "{\"cluster\":\"c000001\",\"canonical\":\"a\",\"size\":1,\"members\":[{\"id\":\"a\",\"role\":\"canonical\",\"jaccard\":1,\"containment\":1}]}\n");
        return (docs, clusters);
    }
}
