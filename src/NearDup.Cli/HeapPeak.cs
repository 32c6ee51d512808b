namespace NearDup.Cli;

/// <summary>
/// The largest managed heap since the last <see cref="Take"/>, sampled every <see cref="PeriodMs"/> ms on a timer: a
/// stage's arrays come and go between the stage lines, and the heap at a stage's start says nothing of the stage's own
/// peak. Two figures: the heap with what is not yet collected (what the stage allocated), and the heap the last
/// collection left (what it held: the figure that tells how near a run came to running out of memory).
/// </summary>
internal sealed class HeapPeak : IDisposable
{
    /// <summary>The sampling period: a stage's large arrays live for seconds, and a sample is two reads of the runtime's counters.</summary>
    private const int PeriodMs = 100;

    private readonly Timer _timer;
    private long _allocated;
    private long _held;

    public HeapPeak()
    {
        _timer = new Timer(_ => Sample(), null, 0, PeriodMs);
    }

    /// <summary>The peaks since the last call (or since this was made), in bytes, the heap now counted; then starts again from now.</summary>
    public (long Allocated, long Held) Take()
    {
        Sample();
        long allocated = Interlocked.Exchange(ref _allocated, 0);
        long held = Interlocked.Exchange(ref _held, 0);
        Sample();
        return (allocated, held);
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        Raise(ref _allocated, GC.GetTotalMemory(forceFullCollection: false));
        var last = GC.GetGCMemoryInfo();
        Raise(ref _held, last.HeapSizeBytes - last.FragmentedBytes);
    }

    private static void Raise(ref long peak, long value)
    {
        for (long seen = Volatile.Read(ref peak); value > seen; seen = Volatile.Read(ref peak))
        {
            if (Interlocked.CompareExchange(ref peak, value, seen) == seen)
            {
                return;
            }
        }
    }
}
