using System.Runtime;

namespace NearDup.Cli;

/// <summary>
/// Background compilation, from the second run of a command on, of the methods its last run compiled
/// (<see cref="ProfileOptimization"/>, .NET's multicore JIT). <c>query</c> compiled its loop methods, optimized, on the
/// querying threads as each was first called: 0.15-0.2 s at the start of the queries with both cores busy compiling.
/// Replayed from a profile, they are compiled on a thread of their own while the index loads, which keeps the loading
/// thread busy and the other core mostly free. <c>cluster</c> and <c>dedup</c> compiled each stage's methods as the
/// stage started, on every thread it ran, most of a small run's time: replayed, they are compiled while the corpus is
/// read (bench/results/amd-epyc/jit-profile-cluster.md). A replay compiles what the command's last run compiled, so a run over JSON lines after one over a zstd file loads
/// the zstd reader's assembly too, on the compiling thread (<c>StartupAssembliesTests</c> checks a first run and a
/// replay of the same kind load nothing else). The profile (a few tens of kilobytes a command) lives in the
/// temporary folder; a run that cannot write it, or finds it stale or damaged, compiles as before, with the same output.
/// </summary>
internal static class JitProfile
{
    /// <summary>Commands whose runs start from a profile: those whose timed phase began with the JIT's work.</summary>
    private static readonly string[] s_commands = ["query", "cluster", "dedup"];

    /// <summary>
    /// Starts recording the run of <paramref name="command"/> (and replaying its last run's profile), if it is one of
    /// <see cref="s_commands"/> and this process is the <c>neardup</c> executable: a profile is the whole process's,
    /// and a test host that calls <see cref="Program.Main"/> is not one.
    /// </summary>
    public static void Start(string command)
    {
        if (!s_commands.Contains(command) || System.Reflection.Assembly.GetEntryAssembly() != typeof(JitProfile).Assembly)
        {
            return;
        }
        try
        {
            string root = Path.Combine(Path.GetTempPath(), "neardup-jit");
            Directory.CreateDirectory(root);
            ProfileOptimization.SetProfileRoot(root);
            ProfileOptimization.StartProfile($"{command}.jitprofile");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No profile: the methods are compiled as they are first called.
        }
    }
}
