using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Pipeline;

/// <summary>
/// Warns once, while a corpus is read with its fingerprints on the heap, when the heap passes <see cref="WarnShare"/>
/// of what the process may have. An input of unknown size (stdin, a pipe) is not estimated before it is read
/// (<see cref="SpillChoice"/>), and a run that then runs out of memory has often read for minutes first: the warning
/// says what to give next time while there is still time to stop.
/// </summary>
internal sealed class MemoryWatch
{
    /// <summary>Share of the heap the process may have past which the reader warns: clustering then needs a working memory of its own.</summary>
    public const double WarnShare = 0.8;

    private readonly long _available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    private bool _warned;

    private MemoryWatch()
    {
    }

    /// <summary>A watch for a run with <paramref name="engine"/>, or null when it spills (nothing to warn of) or is quiet.</summary>
    public static MemoryWatch? For(NearDupOptions engine, bool quiet) => quiet || engine.SpillDirectory is not null ? null : new MemoryWatch();

    /// <summary>
    /// The warning, the first time the heap is past its share; else null. Looked at every batch read: the heap can grow
    /// by the last fifth of what the process may have in well under a second.
    /// </summary>
    public string? Check()
    {
        if (_warned)
        {
            return null;
        }
        string? warning = Warning(GC.GetTotalMemory(forceFullCollection: false), _available);
        _warned = warning is not null;
        return warning;
    }

    /// <summary>The warning for a heap of <paramref name="heap"/> bytes where the process may have <paramref name="available"/>, or null below the share.</summary>
    internal static string? Warning(long heap, long available) => available > 0 && heap >= WarnShare * available
        ? $"neardup: the documents read so far take {ByteSize.Format(heap)} of the {ByteSize.Format(available)} of heap this process may have; "
            + "if it runs out of memory, run again with --spill-dir DIR (about 0.9 bytes of disk per byte of text at --sample-rate 1) or a lower --sample-rate."
        : null;
}
