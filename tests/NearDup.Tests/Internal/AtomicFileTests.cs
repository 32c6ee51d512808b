using System.Text;
using NearDup.Internal;
using NearDup.Tests.Cli;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Internal;

/// <summary>
/// Writing where the user points, on real file-system objects: a device made with mknod, a FIFO, a symbolic link,
/// stdout, and the temporary file a killed save leaves behind.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AtomicFileTests
{
    [Fact]
    public void Write_CharacterDevice_WrittenThroughAndKept()
    {
        using var folder = new TempFolder();
        string device = Path.Combine(folder.Path, "null");
        Assert.SkipUnless(OperatingSystem.IsLinux() && CliProcess.TryTool("mknod", device, "c", "1", "3"),
            "mknod c 1 3 needs Linux and CAP_MKNOD (root outside a restricted container)");

        AtomicFile.Write(device, stream => stream.Write("discarded"u8));
        string docs = CliHarness.WriteLines(folder.Path, "docs.jsonl", CliHarness.Line("a", CliHarness.Story), CliHarness.Line("b", CliHarness.Story + " again"));
        var run = CliHarness.Run("cluster", docs, "-o", device, "--quiet");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(FileKind.Special, FileProbe.Kind(device));
        Assert.Equal(0, new FileInfo(device).Length);
        AssertNoTemps(folder.Path);
    }

    [Fact]
    public async Task Write_Fifo_ReaderGetsEverythingAndFifoKept()
    {
        using var folder = new TempFolder();
        string fifo = Path.Combine(folder.Path, "pipe");
        Assert.SkipUnless(!OperatingSystem.IsWindows() && CliProcess.TryTool("mkfifo", fifo), "mkfifo is a Unix tool");
        byte[] payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(CliHarness.Story + "\n", 5000)));

        // Opening a FIFO for writing blocks until a reader opens it, so the reader runs on its own thread.
        var reader = Task.Run(() => File.ReadAllBytes(fifo));
        AtomicFile.Write(fifo, stream => stream.Write(payload));

        Assert.Equal(payload, await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(FileKind.Special, FileProbe.Kind(fifo));
        AssertNoTemps(folder.Path);
    }

    [Fact]
    public void Write_Symlink_TargetReplacedLinkKept()
    {
        using var folder = new TempFolder();
        string real = Directory.CreateDirectory(Path.Combine(folder.Path, "real")).FullName;
        string target = Path.Combine(real, "clusters.jsonl");
        File.WriteAllText(target, "old");
        string link = Path.Combine(folder.Path, "clusters.jsonl");
        File.CreateSymbolicLink(link, Path.Combine("real", "clusters.jsonl"));
        string dangling = Path.Combine(folder.Path, "new.jsonl");
        File.CreateSymbolicLink(dangling, Path.Combine("real", "new.jsonl"));

        AtomicFile.Write(link, stream => stream.Write("new"u8));
        AtomicFile.Write(dangling, stream => stream.Write("made"u8));

        Assert.Equal(Path.Combine("real", "clusters.jsonl"), new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Null(new FileInfo(target).LinkTarget);
        Assert.Equal("made", File.ReadAllText(Path.Combine(real, "new.jsonl")));
        Assert.NotNull(new FileInfo(dangling).LinkTarget);
        AssertNoTemps(folder.Path);
        AssertNoTemps(real);
    }

    [Fact]
    public void Write_StaleTempOfDeadProcess_RemovedAndLiveOneKept()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "clusters.jsonl");
        // 99999999 is above Linux's largest pid_max (2^22), so no process has it.
        string stale = Path.Combine(folder.Path, ".clusters.jsonl.neardup-tmp-99999999-0123456789abcdef");
        string live = Path.Combine(folder.Path, $".clusters.jsonl.neardup-tmp-{Environment.ProcessId}-fedcba9876543210");
        string other = Path.Combine(folder.Path, ".other.jsonl.neardup-tmp-99999999-0123456789abcdef");
        foreach (string path in new[] { stale, live, other })
        {
            File.WriteAllText(path, "partial");
        }

        AtomicFile.Write(target, stream => stream.Write("done"u8));

        Assert.Equal("done", File.ReadAllText(target));
        Assert.False(File.Exists(stale), "the temporary file of a dead process was left");
        Assert.True(File.Exists(live), "the temporary file of a live process (a concurrent save) was deleted");
        Assert.True(File.Exists(other), "a temporary file of another target was deleted");
    }

    [Fact]
    public void Write_StaleFolderProbeOfDeadProcess_Removed()
    {
        // A run killed while it checked that it can write in the folder (CheckFolderWritable) leaves its probe.
        using var folder = new TempFolder();
        string stale = Path.Combine(folder.Path, ".probe.neardup-tmp-99999999-0123456789abcdef");
        string live = Path.Combine(folder.Path, $".probe.neardup-tmp-{Environment.ProcessId}-fedcba9876543210");
        File.WriteAllText(stale, "");
        File.WriteAllText(live, "");

        AtomicFile.Write(Path.Combine(folder.Path, "index.ndup"), stream => stream.Write("done"u8));

        Assert.False(File.Exists(stale), "the folder probe of a dead process was left");
        Assert.True(File.Exists(live), "the folder probe of a live process was deleted");
    }

    [Fact]
    public void Write_FailingWrite_LeavesOldFileAndNoTemp()
    {
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "clusters.jsonl");
        File.WriteAllText(target, "old");

        Assert.Throws<IOException>(() => AtomicFile.Write(target, stream =>
        {
            stream.Write("half"u8);
            throw new IOException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(target));
        AssertNoTemps(folder.Path);
    }

    [Fact]
    public void Write_RegularFile_KeepsItsPermissions()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions");
            return;
        }
        using var folder = new TempFolder();
        string target = Path.Combine(folder.Path, "clusters.jsonl");
        File.WriteAllText(target, "old");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(target, mode);

        AtomicFile.Write(target, stream => stream.Write("new"u8));

        Assert.Equal(mode, File.GetUnixFileMode(target));
    }

    [Fact]
    public void Cluster_OutDash_WritesStdoutAndNoFile()
    {
        using var folder = new TempFolder();
        string docs = TwoCopies(folder.Path);
        var run = CliProcess.Run("cluster", docs, "-o", "-", "--quiet");

        AssertOnStdout(run, "{\"cluster\":\"c000001\"");
        Assert.Contains("\"size\":2", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OutDash_HtmlOnStdoutSummaryOnStderr()
    {
        using var folder = new TempFolder();
        string docs = TwoCopies(folder.Path);
        string clusters = Path.Combine(folder.Path, "clusters.jsonl");
        Assert.Equal(0, CliHarness.Run("cluster", docs, "-o", clusters, "--quiet").Exit);

        var run = CliProcess.Run("report", docs, clusters, "--out", "-");

        AssertOnStdout(run, "<!DOCTYPE html>");
        Assert.Contains("Wrote -", run.Error, StringComparison.Ordinal);
    }

    /// <summary>gen --out DIR goes through the same writer: a docs.jsonl that is a symbolic link keeps pointing at its new target.</summary>
    [Fact]
    public void Gen_OutFolderWithSymlinkedDocs_TargetReplacedLinkKept()
    {
        using var folder = new TempFolder();
        string corpus = Directory.CreateDirectory(Path.Combine(folder.Path, "corpus")).FullName;
        string real = Path.Combine(folder.Path, "real-docs.jsonl");
        File.WriteAllText(real, "old");
        File.CreateSymbolicLink(Path.Combine(corpus, "docs.jsonl"), real);

        var run = CliHarness.Run("gen", "--docs", "20", "--seed", "3", "--out", corpus, "--quiet");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal(real, new FileInfo(Path.Combine(corpus, "docs.jsonl")).LinkTarget);
        Assert.Equal(20, File.ReadAllLines(real).Length);
        Assert.True(File.Exists(Path.Combine(corpus, "labels.jsonl")));
        AssertNoTemps(corpus);
        AssertNoTemps(folder.Path);
    }

    /// <summary>A shell's process substitution: the CLI is handed /dev/fd/63, a pipe that exists only as that descriptor.</summary>
    [Fact]
    public void Cluster_OutProcessSubstitution_WritesIntoThePipe()
    {
        Assert.SkipUnless(File.Exists("/bin/bash"), "needs bash for >(...)");
        using var folder = new TempFolder();
        string docs = TwoCopies(folder.Path);
        string copy = Path.Combine(folder.Path, "copy.jsonl");
        string script = $"dotnet '{CliProcess.CliPath}' cluster '{docs}' -o >(cat > '{copy}') --quiet; status=$?; wait $!; exit $status";

        var run = CliProcess.Finish(CliProcess.StartTool("/bin/bash", "-c", script));

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("\"size\":2", File.ReadAllText(copy), StringComparison.Ordinal);
    }

    /// <summary>The run succeeded with its output on stdout, and made no file named "-".</summary>
    private static void AssertOnStdout((int Exit, string Out, string Error) run, string start)
    {
        Assert.True(run.Exit == 0, run.Error);
        Assert.StartsWith(start, run.Out, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "-")));
    }

    private static string TwoCopies(string folder) =>
        CliHarness.WriteLines(folder, "docs.jsonl", CliHarness.Line("a", CliHarness.Story), CliHarness.Line("b", CliHarness.Story));

    private static void AssertNoTemps(string folder) =>
        Assert.Empty(Directory.GetFiles(folder, "*" + AtomicFile.TempMarker + "*", new EnumerationOptions { AttributesToSkip = 0 }));
}
