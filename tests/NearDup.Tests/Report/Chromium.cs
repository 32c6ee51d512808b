using System.Diagnostics;

namespace NearDup.Tests.Report;

/// <summary>Runs headless Debian chromium (<c>/usr/bin/chromium</c>) with a time limit.</summary>
internal static class Chromium
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>Per run; a cold start on a busy 2-core CI machine takes several seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The browser to use: <c>NEARDUP_CHROMIUM</c> if set, else <see cref="DefaultPath"/>.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("NEARDUP_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>True when the browser binary exists.</summary>
    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>
    /// Runs chromium headless with a new profile folder and <paramref name="arguments"/> appended;
    /// kills the whole process tree and throws <see cref="TimeoutException"/> if it outlives <see cref="Timeout"/>.
    /// </summary>
    public static (int ExitCode, string StdOut, string StdErr) Run(params string[] arguments)
    {
        using var profile = new TempDirectory();
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile.Path,
        ])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ExecutablePath}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"chromium did not finish within {Timeout.TotalSeconds:0} s: {string.Join(' ', arguments)}");
        }

        // A helper process that outlived the browser could keep the pipes open; don't wait on it forever.
        if (!Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"chromium exited but its output pipes stayed open: {string.Join(' ', arguments)}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
