using System.Diagnostics;
using NearDup.Corpus;

namespace NearDup.Tests.Cli;

/// <summary>Ctrl-C (SIGINT) in the middle of a run: the CLI stops, exits 130 and leaves no output, temporary or final.</summary>
public sealed class CancelTests
{
    [Fact]
    public async Task Cluster_SigInt_StopsCleanlyWithoutOutput()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/bin/kill"))
        {
            Assert.Skip("needs /bin/kill to send SIGINT");
        }
        string dir = Directory.CreateTempSubdirectory("neardup-cancel-").FullName;
        try
        {
            new CorpusGenerator(new CorpusOptions { Documents = 40_000, Seed = 4 }).Write(dir);
            string cli = Path.Combine(AppContext.BaseDirectory, "NearDup.Cli.dll");
            string output = Path.Combine(dir, "clusters.jsonl");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string arg in new[] { cli, "cluster", Path.Combine(dir, "docs.jsonl"), "-o", output, "--threads", "1", "-v" })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync();
            // Interrupt once the first clustering stage reports (so the handler is installed, and stages 2 to 7 of
            // 40,000 documents on one thread take seconds yet), not after a fixed delay: a loaded machine can take
            // longer than any delay to start the runtime.
            var stderr = new System.Text.StringBuilder();
            string? line;
            while ((line = await process.StandardError.ReadLineAsync()) is not null && !line.StartsWith("clustering 1/", StringComparison.Ordinal))
            {
                stderr.AppendLine(line);
            }
            Assert.NotNull(line);
            using (var kill = Process.Start("/bin/kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }
            stderr.Append(await process.StandardError.ReadToEndAsync());
            Assert.True(process.WaitForExit(60_000), "the run did not stop after SIGINT");
            Assert.Equal(130, process.ExitCode);
            Assert.Contains("cancelled", stderr.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(output));
            Assert.Empty(Directory.GetFiles(dir, ".clusters.jsonl.neardup-tmp-*", new EnumerationOptions { AttributesToSkip = 0 }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
