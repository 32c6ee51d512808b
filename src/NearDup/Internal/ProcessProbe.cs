using System.Diagnostics;

namespace NearDup.Internal;

/// <summary>Whether a process of this machine still runs: decides if a temporary or lock file it left is stale.</summary>
internal static class ProcessProbe
{
    /// <summary>
    /// True while a process with this id exists. A reused id makes a dead writer look alive, never the reverse, so a
    /// stale file may be kept (and named in a message) but a live writer's is never taken.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
