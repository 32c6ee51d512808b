using System.Diagnostics;
using System.Globalization;
using System.Text;
using NearDup.Clustering;
using NearDup.Tests.Cli;

namespace NearDup.Tests.Persistence;

/// <summary>
/// Crash consistency at scale: <c>neardup index add</c> (a real child process) is killed with SIGKILL at 24 seeded
/// moments while adding to a 50,000-document index. After each kill <c>index info --verify</c> passes and the index
/// holds exactly the old set of documents or exactly the new one, never a mix.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class IndexCrashConsistencyTests(ITestOutputHelper output)
{
    private const int Base = 50_000;
    private const int Added = 3_000;
    private const int Kills = 24;

    private static readonly EnumerationOptions s_allFiles = new() { AttributesToSkip = 0 };

    [Fact]
    public void IndexAdd_KilledAtTwentyFourSeededMoments_VerifiesAndHoldsOldOrNewSet()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGKILL is a Unix signal");
        using var folder = new TempFolder();
        string index = Path.Combine(folder.Path, "idx");
        var random = new Random(5050);
        string baseDocs = WriteDocuments(Path.Combine(folder.Path, "base.jsonl"), "b", Base, random);
        string moreDocs = WriteDocuments(Path.Combine(folder.Path, "more.jsonl"), "m", Added, random);
        var build = CliHarness.Run("index", "build", baseDocs, "--index", index, "--quiet");
        Assert.True(build.Exit == 0, build.Error);
        byte[] baseIndex = File.ReadAllBytes(DuplicateDetector.IndexPath(index));

        var clock = Stopwatch.StartNew();
        Assert.Equal(0, CliProcess.Finish(CliProcess.Start("index", "add", index, moreDocs, "--quiet")).Exit);
        var whole = clock.Elapsed;

        var outcomes = new List<string>();
        for (int round = 0; round < Kills; round++)
        {
            File.WriteAllBytes(DuplicateDetector.IndexPath(index), baseIndex);
            // One seeded moment in each of 24 equal slices of 1.15 runs: start-up, loading, reading, sketching, saving, done.
            var moment = whole * ((round + random.NextDouble()) / Kills * 1.15);
            using var process = CliProcess.Start("index", "add", index, moreDocs, "--quiet");
            Thread.Sleep(moment);
            bool killed = !process.HasExited;
            process.Kill();
            process.WaitForExit();

            var info = CliHarness.Run("index", "info", index, "--verify");
            string state = StateOf(index);
            outcomes.Add($"{moment.TotalMilliseconds:0} ms: {(killed ? "killed" : "done")}, {state}");
            Assert.True(info.Exit == 0, $"index info --verify after round {round}: {info.Error}; {string.Join("; ", outcomes)}");
            Assert.Contains("verified       every checksum matches", info.Out);
            Assert.True(state is "old" or "new", string.Join("; ", outcomes));
        }
        output.WriteLine($"a whole add ran {whole.TotalMilliseconds:0} ms; " + string.Join("\n", outcomes));
        Assert.Contains("killed", string.Concat(outcomes), StringComparison.Ordinal);

        // The next writer breaks the last killed writer's lock and removes its temporary file.
        File.WriteAllBytes(DuplicateDetector.IndexPath(index), baseIndex);
        var next = CliHarness.Run("index", "add", index, CliHarness.WriteNumbered(folder.Path, "last.jsonl", "z", 5), "--lock-wait", "0", "--quiet");
        Assert.True(next.Exit == 0, next.Error);
        Assert.Equal([DuplicateDetector.IndexPath(index)], Directory.GetFiles(index, "*", s_allFiles));
    }

    /// <summary>"old" when the index holds exactly the base documents, "new" when exactly base plus added, else what it holds.</summary>
    private static string StateOf(string index)
    {
        using var detector = DuplicateDetector.Load(index);
        int baseHeld = Enumerable.Range(0, Base).Count(i => detector.Contains(Id("b", i)));
        int addedHeld = Enumerable.Range(0, Added).Count(i => detector.Contains(Id("m", i)));
        return (detector.Count, baseHeld, addedHeld) switch
        {
            (Base, Base, 0) => "old",
            (Base + Added, Base, Added) => "new",
            var mixed => $"mixed {mixed}",
        };
    }

    /// <summary>Short documents of 12 to 30 words drawn from a 4,000-word vocabulary: cheap to index, few near-duplicates.</summary>
    private static string WriteDocuments(string path, string prefix, int count, Random random)
    {
        string[] vocabulary = [.. Enumerable.Range(0, 4000).Select(i => "w" + i.ToString("x", CultureInfo.InvariantCulture))];
        var text = new StringBuilder();
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        for (int i = 0; i < count; i++)
        {
            text.Clear().Append("{\"id\":\"").Append(Id(prefix, i)).Append("\",\"text\":\"");
            int words = random.Next(12, 31);
            for (int w = 0; w < words; w++)
            {
                text.Append(w == 0 ? "" : " ").Append(vocabulary[random.Next(vocabulary.Length)]);
            }
            file.Write(text.Append("\"}\n"));
        }
        return path;
    }

    private static string Id(string prefix, int i) => prefix + i.ToString(CultureInfo.InvariantCulture);
}
