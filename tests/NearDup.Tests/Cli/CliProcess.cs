using System.Diagnostics;

namespace NearDup.Tests.Cli;

/// <summary>Runs the CLI, or a system tool, as a real process: for what an in-process run cannot show (stdout, locks, signals).</summary>
internal static class CliProcess
{
    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "NearDup.Cli.dll");

    /// <summary>Starts <c>dotnet NearDup.Cli.dll ARGS</c> with stdout and stderr redirected.</summary>
    public static Process Start(params string[] args) => StartTool("dotnet", [CliPath, .. args]);

    public static (int Exit, string Out, string Error) Run(params string[] args) => Finish(Start(args));

    /// <summary>Starts <c>dotnet NearDup.Cli.dll ARGS</c> as <see cref="Start"/> does, with <paramref name="environment"/> added to its environment.</summary>
    public static Process StartWith(IReadOnlyDictionary<string, string> environment, params string[] args) => StartTool("dotnet", environment, [CliPath, .. args]);

    public static Process StartTool(string tool, params string[] args) => StartTool(tool, new Dictionary<string, string>(), args);

    /// <summary>Starts <paramref name="tool"/> with <paramref name="environment"/> added to its environment.</summary>
    public static Process StartTool(string tool, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    /// <summary>Runs a tool such as mknod or chattr; false when it is missing or fails (the caller skips with a reason).</summary>
    public static bool TryTool(string tool, params string[] args)
    {
        try
        {
            return Finish(StartTool(tool, args)).Exit == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static (int Exit, string Out, string Error) Finish(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill();
                throw new TimeoutException($"{process.StartInfo.FileName} did not finish in 120 s");
            }
            return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }
}
