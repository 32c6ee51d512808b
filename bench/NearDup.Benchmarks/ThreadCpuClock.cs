using System.Runtime.InteropServices;

namespace NearDup.Benchmarks;

/// <summary>
/// The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanoseconds): on a loaded
/// machine a round timed by the wall clock counts the time other processes ran, this does not; the process's own
/// CPU time is read from /proc in 10 ms ticks, too coarse for a round of a tenth of a second.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    /// <summary>Whether the clock can be read here (Linux).</summary>
    public static bool IsAvailable => OperatingSystem.IsLinux();

    /// <summary>The thread's CPU time in milliseconds, or 0 where <see cref="IsAvailable"/> is false.</summary>
    public static double Milliseconds()
    {
        if (!IsAvailable || ClockGetTime(ThreadCpuTimeId, out var time) != 0)
        {
            return 0;
        }
        return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
