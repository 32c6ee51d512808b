using NearDup.Clustering;
using NearDup.Persistence;
using NearDup.Tests.Cli;

namespace NearDup.Tests.Persistence;

/// <summary>
/// Writers of one index exclude each other through index.ndup.lock: two concurrent <c>index add</c> processes keep
/// both their documents, a live writer's lock makes another give up with exit 75 naming it, and a dead writer's lock
/// is broken.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class IndexLockTests
{
    [Fact]
    public void IndexAdd_TwoConcurrentProcesses_NoDocumentLost()
    {
        using var folder = new TempFolder();
        string index = BuildBase(folder.Path);
        string first = CliHarness.WriteNumbered(folder.Path, "first.jsonl", "f", 3000);
        string second = CliHarness.WriteNumbered(folder.Path, "second.jsonl", "s", 3000);

        var one = CliProcess.Start("index", "add", index, first, "--lock-wait", "120", "--quiet");
        var two = CliProcess.Start("index", "add", index, second, "--lock-wait", "120", "--quiet");
        var (exitOne, _, errorOne) = CliProcess.Finish(one);
        var (exitTwo, _, errorTwo) = CliProcess.Finish(two);

        Assert.True(exitOne == 0, errorOne);
        Assert.True(exitTwo == 0, errorTwo);
        using var detector = DuplicateDetector.Load(index);
        Assert.Equal(6010, detector.Count);
        Assert.True(detector.Contains("f2999") && detector.Contains("s2999") && detector.Contains("b9"));
        Assert.False(File.Exists(IndexLock.PathOf(index)), "the lock file was left behind");
    }

    [Fact]
    public void IndexAdd_LiveWriterHoldsLock_Exit75NamingItAndIndexUnchanged()
    {
        using var folder = new TempFolder();
        string index = BuildBase(folder.Path);
        byte[] before = File.ReadAllBytes(DuplicateDetector.IndexPath(index));

        using (IndexLock.Acquire(index, TimeSpan.Zero))
        {
            var add = CliHarness.Run("index", "add", index, CliHarness.WriteNumbered(folder.Path, "more.jsonl", "m", 10), "--lock-wait", "0.3");
            var remove = CliHarness.Run("index", "remove", index, "--ids", WriteIds(folder.Path), "--lock-wait", "0");

            Assert.Equal(75, add.Exit);
            Assert.Contains($"{IndexLock.PathOf(index)}: the index is being written by PID {Environment.ProcessId} on host {Environment.MachineName}", add.Error, StringComparison.Ordinal);
            Assert.Contains($". Try again when it is done; if no neardup runs there, delete {IndexLock.PathOf(index)}.", add.Error, StringComparison.Ordinal);
            Assert.Equal(75, remove.Exit);
        }
        Assert.Equal(before, File.ReadAllBytes(DuplicateDetector.IndexPath(index)));
        Assert.False(File.Exists(IndexLock.PathOf(index)));
    }

    [Fact]
    public void IndexAdd_LockOfDeadProcess_BrokenAndAdded()
    {
        using var folder = new TempFolder();
        string index = BuildBase(folder.Path);
        // 99999999 is above Linux's largest pid_max (2^22): the writer that left this lock is gone.
        File.WriteAllText(IndexLock.PathOf(index), $"99999999 {Environment.MachineName} 2026-01-01T00:00:00.0000000+00:00\n");

        var add = CliHarness.Run("index", "add", index, CliHarness.WriteNumbered(folder.Path, "more.jsonl", "m", 10), "--lock-wait", "0", "--quiet");

        Assert.True(add.Exit == 0, add.Error);
        Assert.Equal(20, DuplicateDetector.Load(index).Count);
        Assert.Empty(Directory.GetFiles(index, IndexLock.FileName + "*"));
    }

    [Fact]
    public void IndexAdd_LockOfAnotherHost_NotBroken()
    {
        using var folder = new TempFolder();
        string index = BuildBase(folder.Path);
        File.WriteAllText(IndexLock.PathOf(index), "99999999 some-other-host 2026-01-01T00:00:00.0000000+00:00\n");

        var add = CliHarness.Run("index", "add", index, CliHarness.WriteNumbered(folder.Path, "more.jsonl", "m", 10), "--lock-wait", "0");

        Assert.Equal(75, add.Exit);
        Assert.Contains("PID 99999999 on host some-other-host", add.Error, StringComparison.Ordinal);
        Assert.Equal(10, DuplicateDetector.Load(index).Count);
    }

    /// <summary>An index of ten documents, b0 to b9.</summary>
    private static string BuildBase(string folder)
    {
        string index = Path.Combine(folder, "idx");
        var build = CliHarness.Run("index", "build", CliHarness.WriteNumbered(folder, "base.jsonl", "b", 10), "--index", index, "--quiet");
        Assert.True(build.Exit == 0, build.Error);
        return index;
    }

    private static string WriteIds(string folder)
    {
        string path = Path.Combine(folder, "ids.txt");
        File.WriteAllText(path, "b1\n");
        return path;
    }
}
