using NearDup.Clustering;
using NearDup.Tests.Cli;

namespace NearDup.Tests.Persistence;

/// <summary>
/// SIGKILL at seeded moments of <c>index add</c> (reading, sketching, saving): the index then loads with exactly the old
/// or the new documents, and the next writer breaks the dead one's lock and deletes its temporary file.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class IndexKillTests
{
    private const int Base = 10;
    private const int Added = 20_000;
    private const int Rounds = 8;

    private static readonly EnumerationOptions s_allFiles = new() { AttributesToSkip = 0 };

    [Fact]
    public void IndexAdd_KilledAtSeededMoments_OldOrNewIndexAndNothingLeftAfterNextSave()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGKILL is a Unix signal");
        using var folder = new TempFolder();
        string index = Path.Combine(folder.Path, "idx");
        Assert.Equal(0, CliHarness.Run("index", "build", CliHarness.WriteNumbered(folder.Path, "base.jsonl", "b", Base), "--index", index, "--quiet").Exit);
        byte[] baseIndex = File.ReadAllBytes(DuplicateDetector.IndexPath(index));
        string more = CliHarness.WriteNumbered(folder.Path, "more.jsonl", "m", Added);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, CliProcess.Finish(CliProcess.Start("index", "add", index, more, "--quiet")).Exit);
        var whole = clock.Elapsed;
        var random = new Random(1414);
        var outcomes = new List<string>();
        for (int round = 0; round < Rounds; round++)
        {
            File.WriteAllBytes(DuplicateDetector.IndexPath(index), baseIndex);
            // Moments from a fifth of a whole run to past its end: start-up, reading, sketching, saving, done.
            var moment = whole * ((round + random.NextDouble()) / Rounds * 1.1 + 0.2);
            using var process = CliProcess.Start("index", "add", index, more, "--quiet");
            Thread.Sleep(moment);
            bool killed = !process.HasExited;
            process.Kill();
            process.WaitForExit();
            int count = DuplicateDetector.Load(index).Count;
            outcomes.Add($"{moment.TotalMilliseconds:0} ms: {(killed ? "killed" : "done")}, {count} documents, {Directory.GetFiles(index, "*", s_allFiles).Length} files");
            Assert.True(count is Base or Base + Added, string.Join("; ", outcomes));
        }

        var last = CliHarness.Run("index", "add", index, CliHarness.WriteNumbered(folder.Path, "last.jsonl", "z", 5), "--lock-wait", "0", "--quiet");

        Assert.True(last.Exit == 0, last.Error);
        Assert.Equal([DuplicateDetector.IndexPath(index)], Directory.GetFiles(index, "*", s_allFiles));
        Assert.Contains("killed", string.Concat(outcomes), StringComparison.Ordinal);
    }
}
