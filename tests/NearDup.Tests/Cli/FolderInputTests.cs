using System.Net.Sockets;
using NearDup.Cli.Input;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// Input folders that once hung or misread: a FIFO or socket among the files, symbolic link loops and second links to
/// one folder, and a folder with nothing to read. Real FIFOs, sockets and links in a temporary folder.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class FolderInputTests
{
    private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Cluster_FifoAndSocketInFolder_SkippedWithWarning()
    {
        using var folder = new TempFolder();
        string input = StoryFolderWithFifo(folder);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(input, "sock")));

        // Before the fix the FIFO was opened and read, which waits for a writer for ever: a timeout here is that hang.
        var run = await Task.Run(() => CliHarness.Run("cluster", input, "-o", Path.Combine(folder.Path, "out.jsonl"))).WaitAsync(s_hang);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains($"warning: {Path.Combine(input, "pipe.txt")}: skipped, a FIFO, socket or device, not a file (reading it could wait for ever)", run.Error);
        Assert.Contains($"warning: {Path.Combine(input, "sock")}: skipped, a FIFO, socket or device, not a file", run.Error);
        Assert.Contains("2 documents", run.Error);
    }

    [Fact]
    public async Task Cluster_Quiet_SkippedEntriesNotReported()
    {
        using var folder = new TempFolder();
        string input = StoryFolderWithFifo(folder);
        string output = Path.Combine(folder.Path, "out.jsonl");

        // -q prints nothing but errors: the FIFO is still skipped, without a word.
        var run = await Task.Run(() => CliHarness.Run("cluster", input, "-o", output, "-q")).WaitAsync(s_hang);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal("", run.Error);
        Assert.Equal(2, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Cluster_SymlinkLoopAndSecondLink_EachFolderReadOnce()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links to folders need privileges on Windows");
        using var folder = new TempFolder();
        string input = StoryFolder(folder.Path);
        Directory.CreateSymbolicLink(Path.Combine(input, "sub", "loop"), "..");
        // "again" sorts before "sub": the real folder must still win, so ids do not depend on link names.
        Directory.CreateSymbolicLink(Path.Combine(input, "again"), "sub");
        string output = Path.Combine(folder.Path, "out.jsonl");

        var run = CliHarness.Run("cluster", input, "-o", output);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("2 documents, 2 clusters, 0 copies", run.Error);
        Assert.Contains($"warning: {Path.Combine(input, "again")}: skipped, the folder already read as 'sub'", run.Error);
        Assert.Contains($"warning: {Path.Combine(input, "sub", "loop")}: skipped, the folder already read as the input folder itself (a symbolic link loop, or a second link to one folder)", run.Error);
        Assert.DoesNotContain("\"size\":2", File.ReadAllText(output));
    }

    [Fact]
    public void List_LinkOutsideTheFolder_ReadOnceUnderTheFirstLinkInOrdinalOrder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links to folders need privileges on Windows");
        using var folder = new TempFolder();
        string outside = Directory.CreateDirectory(Path.Combine(folder.Path, "outside", "deep")).FullName;
        File.WriteAllText(Path.Combine(outside, "x.txt"), CliHarness.Story);
        string input = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        File.WriteAllText(Path.Combine(input, "a.txt"), CliHarness.Story + " a");
        Directory.CreateSymbolicLink(Path.Combine(input, "z"), Path.Combine(folder.Path, "outside"));
        Directory.CreateSymbolicLink(Path.Combine(input, "b"), Path.Combine(folder.Path, "outside", "deep"));
        Directory.CreateSymbolicLink(Path.Combine(outside, "up"), Path.Combine(folder.Path, "outside"));

        var listing = FolderListing.List(input, [], []);

        Assert.Equal(["a.txt", "b/x.txt"], listing.Files.Select(f => f.Relative));
        Assert.Equal(2, listing.Warnings.Count);
        Assert.StartsWith(Path.Combine(input, "b", "up") + ": skipped, the folder already read as 'z'", listing.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(input, "z", "deep") + ": skipped, the folder already read as 'b'", listing.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void RealPath_ResolvesLinksInEveryPart()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var folder = new TempFolder();
        string real = Directory.CreateDirectory(Path.Combine(folder.Path, "real", "inner")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "l1"), "real");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "real", "l2"), Path.Combine(folder.Path, "l1", "inner"));
        string root = FolderListing.RealPath(folder.Path);

        Assert.Equal(Path.Combine(root, "real", "inner"), FolderListing.RealPath(Path.Combine(folder.Path, "l1", "l2", "..", "inner")));
        Assert.Equal(Path.Combine(root, "real", "inner"), FolderListing.RealPath(Path.Combine(folder.Path, "real", "l2")));
        Assert.Equal(FolderListing.RealPath(real), FolderListing.RealPath(Path.Combine(folder.Path, "l1", "inner", ".")));
    }

    [Fact]
    public void Cluster_EmptyFolder_ExitTwoSayingSo()
    {
        using var folder = new TempFolder();
        string input = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        File.WriteAllText(Path.Combine(input, ".hidden.txt"), CliHarness.Story);

        var run = CliHarness.Run("cluster", input, "-o", Path.Combine(folder.Path, "out.jsonl"));

        Assert.Equal(2, run.Exit);
        Assert.Equal($"error: {input}: the folder holds no files (hidden ones are left out), so there is nothing to read.\n", run.Error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(Path.Combine(folder.Path, "out.jsonl")));
    }

    [Fact]
    public void Cluster_NoFileMatchesInclude_ExitTwoListingFilesAndPatterns()
    {
        using var folder = new TempFolder();
        string input = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        foreach (string name in new[] { "f.csv", "e.json", "sub/d.html", "c.pdf", "b.doc", "a.xml", "g.txt" })
        {
            File.WriteAllText(Path.Combine(input, name), CliHarness.Story);
        }

        var byDefault = CliHarness.Run("cluster", input, "--exclude", "g.*", "--exclude", "e.json", "--exclude", "f.csv", "-o", Path.Combine(folder.Path, "out.jsonl"));
        Assert.Equal(2, byDefault.Exit);
        Assert.Contains($"error: {input}: no file to read: none matches --include {string.Join(' ', DocumentReader.DefaultInclude)} (the default) or no extension "
            + "and not --exclude g.* e.json f.csv. The folder holds a.xml, b.doc, c.pdf, e.json, f.csv and 2 more.", byDefault.Error);

        var given = CliHarness.Run("cluster", input, "--include", "*.rst", "--include", "notes/**", "-o", Path.Combine(folder.Path, "out.jsonl"));
        Assert.Equal(2, given.Exit);
        Assert.Contains($"{input}: no file to read: none matches --include *.rst notes/**. The folder holds a.xml, b.doc, c.pdf, e.json, f.csv and 2 more.", given.Error);
        Assert.Contains("Choose files with --include", given.Error);
        Assert.Contains($"Data files such as {Path.Combine(input, "e.json")} are read without --include, or when it names them.", given.Error);
    }

    [Fact]
    public void Cluster_FolderOfOnlyAFifo_ExitTwoNotAHang()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix test");
        using var folder = new TempFolder();
        string input = Directory.CreateDirectory(Path.Combine(folder.Path, "in")).FullName;
        Assert.SkipUnless(CliProcess.TryTool("mkfifo", Path.Combine(input, "pipe.txt")), "mkfifo is missing or failed");

        var run = CliHarness.Run("cluster", input, "-o", Path.Combine(folder.Path, "out.jsonl"));

        Assert.Equal(2, run.Exit);
        Assert.Contains($"none matches --include {string.Join(' ', DocumentReader.DefaultInclude)} (the default) or no extension (1 skipped as not files). The folder holds pipe.txt.", run.Error);
    }

    /// <summary>in/a.txt and in/sub/b.txt, two different stories.</summary>
    /// <summary><see cref="StoryFolder"/> with a FIFO, pipe.txt, among its files; the test is skipped where there are no FIFOs.</summary>
    private static string StoryFolderWithFifo(TempFolder folder)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs and Unix sockets in a folder are a Unix test");
        string input = StoryFolder(folder.Path);
        Assert.SkipUnless(CliProcess.TryTool("mkfifo", Path.Combine(input, "pipe.txt")), "mkfifo is missing or failed");
        return input;
    }

    private static string StoryFolder(string parent)
    {
        string input = Directory.CreateDirectory(Path.Combine(parent, "in")).FullName;
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        File.WriteAllText(Path.Combine(input, "a.txt"), CliHarness.Story);
        File.WriteAllText(Path.Combine(input, "sub", "b.txt"), "another story about a different thing entirely, told in many other words than the first");
        return input;
    }
}
