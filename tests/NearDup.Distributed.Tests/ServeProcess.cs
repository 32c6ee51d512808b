using System.Diagnostics;

namespace NearDup.Distributed.Tests;

/// <summary><c>neardup serve</c> as a separate process.</summary>
internal static class ServeProcess
{
    /// <summary>Starts a silo and waits for its "serving index" line.</summary>
    public static async Task<Process> Start(string[] args, TimeSpan timeout)
    {
        var process = Process.Start(CliProcess.StartInfo(["serve", .. args]))!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
            if (e.Data?.StartsWith("serving index", StringComparison.Ordinal) == true)
            {
                serving.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(serving.Task, exited, Task.Delay(timeout)) != serving.Task)
        {
            process.Kill(entireProcessTree: true);
            lock (log)
            {
                Assert.Fail($"neardup serve {string.Join(' ', args)} did not start: {log}");
            }
        }
        return process;
    }

    /// <summary>A process test's last step: kills <paramref name="silos"/>, deletes <paramref name="folder"/> and the cluster's membership rows.</summary>
    public static async Task StopAndCleanUp(IEnumerable<Process> silos, string folder, string connection, string clusterId)
    {
        foreach (var silo in silos)
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
            silo.Dispose();
        }
        Directory.Delete(folder, recursive: true);
        await PostgresTest.DeleteMembership(connection, clusterId);
    }
}
