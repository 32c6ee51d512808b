using NearDup.Corpus;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// <c>cluster</c> given no spill flag in a process whose heap is capped (<c>DOTNET_GCHeapHardLimit</c>, as a container's
/// memory limit caps it): the corpus's size predicts more than the cap, so the run spills to the temporary folder, says
/// so, and writes what a run in memory writes; with <c>--no-spill</c> under half the cap it is refused before reading, and says what to do. Read
/// from stdin, whose size is not known, it warns as the heap fills.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AutoSpillProcessTests
{
    /// <summary>A 128 MiB heap: gen's 7,000 documents (about 42 MB) are estimated not to fit in it with their fingerprints.</summary>
    private static readonly Dictionary<string, string> s_capped = new()
    {
        ["DOTNET_GCHeapHardLimit"] = "0x8000000",
        ["DOTNET_GCHeapCount"] = "2",
    };

    [Fact]
    public void Cluster_CorpusOverHeapCap_SpillsToTempWithSameOutputAndNoSpillRunsOut()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the spill file is memory-mapped as on Linux");
        using var folder = new TempFolder();
        new CorpusGenerator(new CorpusOptions { Documents = 7000, Seed = 3 }).Write(folder.Path);
        string docs = Path.Combine(folder.Path, "docs.jsonl"), temp = Directory.CreateDirectory(Path.Combine(folder.Path, "tmp")).FullName;
        string inMemory = Path.Combine(folder.Path, "memory.jsonl"), spilled = Path.Combine(folder.Path, "spilled.jsonl");
        Assert.Equal(0, CliProcess.Run("cluster", docs, "-o", inMemory, "--no-spill").Exit);

        var capped = new Dictionary<string, string>(s_capped) { ["TMPDIR"] = temp };
        var (exit, _, error) = CliProcess.Finish(CliProcess.StartWith(capped, "cluster", docs, "-o", spilled));

        Assert.True(exit == 0, error);
        Assert.Contains("the fingerprints go to a spill file of about", error);
        Assert.Contains($"in {temp}, deleted at the end", error);
        Assert.Equal(File.ReadAllBytes(inMemory), File.ReadAllBytes(spilled));
        // Nothing of the spill is left; the JIT profile's folder stays by design (JitProfile).
        Assert.Equal(["neardup-jit"], Directory.EnumerateFileSystemEntries(temp).Select(Path.GetFileName));

        // Kept in memory under half that cap it cannot fit: refused before reading, not left to run out (a runtime out
        // of its heap may end by a signal, with no message: about 1 run in 50 here, exit 134 or 139).
        var half = new Dictionary<string, string>(capped) { ["DOTNET_GCHeapHardLimit"] = "0x4000000" };
        (exit, var output, error) = CliProcess.Finish(CliProcess.StartWith(half, "cluster", docs, "-o", spilled, "--no-spill"));
        Assert.Equal(1, exit);
        Assert.Contains($"error: {docs} needs about ", error);
        Assert.Contains("this process may have 67 MB (the machine's memory, or its container's limit): kept in memory as --no-spill asks, it would run out.", error);
        Assert.Contains("Leave out --no-spill", error);
        Assert.Empty(output);
        Assert.Equal(File.ReadAllBytes(inMemory), File.ReadAllBytes(spilled));
        Assert.DoesNotContain("spill file", error);
    }

    [Fact]
    public void Cluster_StdinOverHeapCap_WarnsWhileReadingAndNotWithSpillDir()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the input is piped in by sh");
        using var folder = new TempFolder();
        new CorpusGenerator(new CorpusOptions { Documents = 30_000, Seed = 3 }).Write(folder.Path);
        string docs = Path.Combine(folder.Path, "docs.jsonl"), output = Path.Combine(folder.Path, "out.jsonl");
        // 192 MiB: about 180 MB of documents fill it well before they are all read.
        var capped = new Dictionary<string, string>(s_capped) { ["DOTNET_GCHeapHardLimit"] = "0xC000000" };
        string Piped(string flags) => $"exec dotnet '{CliProcess.CliPath}' cluster - -o '{output}' {flags} < '{docs}'";

        var (_, _, error) = CliProcess.Finish(CliProcess.StartTool("sh", capped, "-c", Piped("")));
        Assert.Contains("of heap this process may have; if it runs out of memory, run again with --spill-dir DIR", error);

        (int exit, _, error) = CliProcess.Finish(CliProcess.StartTool("sh", capped, "-c", Piped($"--spill-dir '{folder.Path}'")));
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("of heap this process may have", error);
    }

    [Fact]
    public void Cluster_NoSpillWithSpillDir_BadArguments()
    {
        var (exit, _, error) = CliHarness.Run("cluster", "-", "--no-spill", "--spill-dir", Path.GetTempPath());
        Assert.Equal(2, exit);
        Assert.Contains("--no-spill keeps the fingerprints in memory and --spill-dir puts them in a file: give one or the other.", error);
    }
}
