using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NearDup.Distributed.Tests;

/// <summary>Runs <c>neardup</c> (the CLI built beside this project under artifacts/bin) as a separate process.</summary>
internal static class CliProcess
{
    private static string CliPath =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "NearDup.Cli", Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)), "NearDup.Cli.dll"));

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliPath);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return info;
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>); returns the exit code and both outputs.</summary>
    public static async Task<(int Exit, string Out, string Error)> Run(TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
