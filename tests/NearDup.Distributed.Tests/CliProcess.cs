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
    public static Task<(int Exit, string Out, string Error)> Run(TimeSpan timeout, params string[] args) => Run(timeout, CancellationToken.None, args);

    /// <summary>
    /// <see cref="Run(TimeSpan, string[])"/>, stopped by <paramref name="stop"/> as well. A process timed out or stopped is
    /// killed: left running, it outlives the test host and holds the next tests' ports and database connections.
    /// </summary>
    public static async Task<(int Exit, string Out, string Error)> Run(TimeSpan timeout, CancellationToken stop, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cancel.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }

    private static readonly HashSet<int> s_given = [];

    /// <summary>
    /// A loopback port nothing listens on now, never one this process gave before. Drawn below the kernel's ephemeral
    /// range (Linux 32768-60999, Windows 49152-65535): a port the kernel handed out for a bind to 0 and took back can
    /// come back on the next call, and an outgoing connection of a running silo can take one from that range.
    /// </summary>
    public static int FreePort()
    {
        lock (s_given)
        {
            while (true)
            {
                int port = Random.Shared.Next(20_000, 32_768);
                if (s_given.Contains(port))
                {
                    continue;
                }
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                }
                catch (SocketException)
                {
                    continue;
                }
                s_given.Add(port);
                return port;
            }
        }
    }
}
