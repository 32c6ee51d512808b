using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// A small <c>cluster</c> run is mostly start-up (bench/results/amd-epyc/startup-issue16l.md): it must not load the
/// assemblies of commands and formats it does not use (Orleans for serve/remote, Parquet, Zstd, LZ4 streams, Sep).
/// The runtime's own loader events, written by EventPipe to a file, name every assembly the process loaded.
/// </summary>
public sealed partial class StartupAssembliesTests
{
    private static readonly string[] s_unused = ["Orleans", "Microsoft.Orleans", "Microsoft.Extensions.Hosting", "Parquet", "ZstdSharp", "K4os", "Sep"];

    [Fact]
    public void Cluster_JsonLines_LoadsNoAssemblyOfUnusedCommandsOrFormats()
    {
        using var folder = new TempFolder();
        string input = CliHarness.WriteNumbered(folder.Path, "docs.jsonl", "d", 40);
        string trace = Path.Combine(folder.Path, "loads.nettrace");

        // Its own temporary folder: the first run finds no JIT profile, the second replays the first's (JitProfile),
        // which compiles, and loads the assemblies of, whatever the last run of the command used.
        string temp = Directory.CreateDirectory(Path.Combine(folder.Path, "tmp")).FullName;
        foreach (string run in new[] { "first", "replayed" })
        {
            var loaded = LoadedAssemblies(trace, temp, "cluster", input, "-o", Path.Combine(folder.Path, "c.jsonl"), "-q");

            // The trace did record loads: without these the absence below would prove nothing.
            Assert.Contains("NearDup.Cli", loaded);
            Assert.Contains("NearDup", loaded);
            Assert.Contains("System.CommandLine", loaded);
            Assert.False(loaded.Any(name => s_unused.Any(prefix => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal))),
                $"the {run} run loaded {string.Join(", ", loaded)}");
        }
        Assert.True(File.Exists(Path.Combine(temp, "neardup-jit", "cluster.jitprofile")), "no profile was replayed");
    }

    private static SortedSet<string> LoadedAssemblies(string trace, string temp, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(CliProcess.CliPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Keyword 0x8 is the runtime provider's Loader: one event per assembly load, with its full name.
        start.Environment["DOTNET_EnableEventPipe"] = "1";
        start.Environment["DOTNET_EventPipeConfig"] = "Microsoft-Windows-DotNETRuntime:0x8:4";
        start.Environment["DOTNET_EventPipeOutputPath"] = trace;
        start.Environment["TMPDIR"] = temp;
        var (exit, _, error) = CliProcess.Finish(Process.Start(start)!);
        Assert.True(exit == 0, error);
        // Event payloads hold names as UTF-16, at any byte offset of the file: read it at both alignments, so that
        // no load is missed. A full name is "Name, Version=...".
        byte[] bytes = File.ReadAllBytes(trace);
        string text = Encoding.Unicode.GetString(bytes) + "\n" + Encoding.Unicode.GetString(bytes, 1, bytes.Length - 1);
        return [.. FullName().Matches(text).Select(m => m.Groups["name"].Value)];
    }

    [GeneratedRegex(@"(?<name>[A-Za-z][A-Za-z0-9.]*), Version=")]
    private static partial Regex FullName();
}
