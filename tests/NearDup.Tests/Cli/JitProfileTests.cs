using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// <c>JitProfile</c>: <c>cluster</c> and <c>dedup</c> leave .NET's multicore JIT profile in <c>$TMPDIR/neardup-jit</c>,
/// and a run that replays it, or finds it damaged, writes what a run without one writes.
/// </summary>
public sealed class JitProfileTests
{
    [Fact]
    public void Cluster_SecondRunAndDamagedProfile_SameOutput()
    {
        using var folder = new TempFolder();
        string input = CliHarness.WriteNumbered(folder.Path, "docs.jsonl", "d", 60);
        var environment = OwnTemporaryFolder(folder);
        string profile = Path.Combine(environment["TMPDIR"], "neardup-jit", "cluster.jitprofile");

        string first = Cluster(environment, input, folder.Path, "first.jsonl");
        Assert.True(new FileInfo(profile).Length > 0, "the first run left no profile");
        string replayed = Cluster(environment, input, folder.Path, "replayed.jsonl");
        File.WriteAllBytes(profile, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 131))]);
        string damaged = Cluster(environment, input, folder.Path, "damaged.jsonl");

        Assert.Contains("\"canonical\"", first);
        Assert.Equal(first, replayed);
        Assert.Equal(first, damaged);
    }

    [Fact]
    public void Dedup_LeavesItsOwnProfile()
    {
        using var folder = new TempFolder();
        string input = CliHarness.WriteNumbered(folder.Path, "docs.jsonl", "d", 20);
        var environment = OwnTemporaryFolder(folder);

        var (exit, _, error) = CliProcess.Finish(CliProcess.StartWith(environment, "dedup", input, "-o", Path.Combine(folder.Path, "kept.jsonl"), "-q"));

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Path.Combine(environment["TMPDIR"], "neardup-jit", "dedup.jitprofile")), "dedup left no profile");
        Assert.False(File.Exists(Path.Combine(environment["TMPDIR"], "neardup-jit", "cluster.jitprofile")), "dedup wrote cluster's profile");
    }

    /// <summary>An environment whose temporary folder (where the profiles go) is a new one inside <paramref name="folder"/>.</summary>
    private static Dictionary<string, string> OwnTemporaryFolder(TempFolder folder)
    {
        string tmp = Directory.CreateDirectory(Path.Combine(folder.Path, "tmp")).FullName;
        return new Dictionary<string, string> { ["TMPDIR"] = tmp };
    }

    private static string Cluster(Dictionary<string, string> environment, string input, string folder, string name)
    {
        string output = Path.Combine(folder, name);
        var (exit, _, error) = CliProcess.Finish(CliProcess.StartWith(environment, "cluster", input, "-o", output, "-q"));
        Assert.True(exit == 0, error);
        return File.ReadAllText(output);
    }
}
