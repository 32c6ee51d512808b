using System.Diagnostics;

namespace NearDup.Cli;

/// <summary>
/// Clustering's stages as they start: on the progress line when stderr is a terminal, and with <c>--verbose</c> a
/// line each on stderr with the time since clustering began, the memory in use and the process's CPU time (on a
/// shared machine the CPU each stage took is the figure that compares), so that a long run shows where it is and what
/// each stage holds.
/// </summary>
internal sealed class ClusteringStageProgress(ConsoleProgress? line, bool verbose) : IProgress<Clustering.ClusteringProgress>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly HeapPeak? _peak = verbose ? new HeapPeak() : null;

    public void Report(Clustering.ClusteringProgress value)
    {
        if (verbose)
        {
            WriteLine($"clustering {value.Stage}/{value.Stages} {value.Name}: from {_clock.Elapsed.TotalSeconds:0.0} s");
        }
        line?.Stage($"clustering {value.Stage}/{value.Stages}: {value.Name} ...");
    }

    /// <summary>
    /// With <c>--verbose</c>, a line for the end of clustering: the last stage's peaks have no stage line after them
    /// to carry them.
    /// </summary>
    public void Done()
    {
        if (verbose)
        {
            WriteLine($"clustering done: after {_clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private void WriteLine(string head)
    {
        using var process = Process.GetCurrentProcess();
        var (allocated, held) = _peak!.Take();
        // On a terminal the progress line is blanked first (Stage("") draws nothing elsewhere), so this line replaces it.
        line?.Stage("");
        Console.Error.WriteLine((Console.IsErrorRedirected ? "" : "\r") + head + "; "
            + $"heap {GC.GetTotalMemory(forceFullCollection: false) / 1e6:N0} MB (since the last line at most {allocated / 1e6:N0} MB, {held / 1e6:N0} MB after a collection), working set {process.WorkingSet64 / 1e6:N0} MB, "
            + $"GC pauses so far {GC.GetTotalPauseDuration().TotalSeconds:0.0} s "
            + $"({GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections of gen 0/1/2), CPU so far {process.TotalProcessorTime.TotalSeconds:0.00} s");
    }

    public void Dispose() => _peak?.Dispose();
}
