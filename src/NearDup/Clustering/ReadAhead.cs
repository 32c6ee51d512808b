using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NearDup.Clustering;

/// <summary>
/// What a worker of a spill-order sweep (<see cref="SpillSweep"/>) will read next, asked for in few large requests:
/// the spans are collected as page ranges, sorted, merged where they overlap or touch (<see cref="MaxGap"/>),
/// and each merged range is asked for with one <see cref="FingerprintSpill.WillNeed(nint, nint)"/>. Asked for one
/// document at a time, the calls were the largest part of a spilled run's system time: each walks the mappings and
/// submits its own read of a few kilobytes (on a virtual machine, a notification of the virtual disk: an exit to the
/// hypervisor), while documents in spill order mostly lie next to each other in the file.
/// </summary>
/// <param name="trim">Told the bytes of each <see cref="Issue"/>, or null.</param>
internal sealed unsafe class ReadAhead(SpillTrim? trim = null)
{
    /// <summary>
    /// Ranges this close are asked for as one: two pages at most between them, which the request reads for nothing. Each
    /// request is a notification of the virtual disk (an exit to the hypervisor): at a million documents in 3 GB, merging
    /// across 8 KiB gaps took a sixth off the system time for 3% more read from the disk; wider gaps read more (16 KiB
    /// 12%, 32 KiB 17%) for no further gain there.
    /// </summary>
    public const long MaxGap = 8 << 10;

    private const long OsPage = 4096;

    private (long Start, long End)[] _ranges = new (long Start, long End)[64];
    private int _count;

    /// <summary>Ranges collected since the last <see cref="Issue"/>.</summary>
    public int Count => _count;

    /// <summary>Collects the pages under <paramref name="values"/> (nothing for an empty span).</summary>
    public void Add(ReadOnlySpan<uint> values)
    {
        if (values.IsEmpty)
        {
            return;
        }
        long start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(values));
        Add(start & ~(OsPage - 1), start + (long)values.Length * sizeof(uint));
    }

    /// <summary>Collects the address range [<paramref name="start"/>, <paramref name="end"/>).</summary>
    internal void Add(long start, long end)
    {
        if (_count == _ranges.Length)
        {
            Array.Resize(ref _ranges, _ranges.Length * 2);
        }
        _ranges[_count++] = (start, end);
    }

    /// <summary>Asks for the collected ranges, merged (<see cref="Merge"/>), and starts collecting afresh.</summary>
    public void Issue()
    {
        int merged = Merge(_ranges.AsSpan(0, _count), MaxGap);
        long bytes = 0;
        foreach (var (start, end) in _ranges.AsSpan(0, merged))
        {
            FingerprintSpill.WillNeed((nint)start, (nint)(end - start));
            bytes += end - start;
        }
        _count = 0;
        trim?.Asked(bytes);
    }

    /// <summary>
    /// Sorts <paramref name="ranges"/> and merges, in place, every two that overlap or lie within
    /// <paramref name="maxGap"/> of each other; returns how many are left (at the front, ascending, each further than
    /// <paramref name="maxGap"/> from the next). The merged ranges cover every range given, and what lies between
    /// ranges only where a gap is at most <paramref name="maxGap"/>.
    /// </summary>
    internal static int Merge(Span<(long Start, long End)> ranges, long maxGap)
    {
        if (ranges.IsEmpty)
        {
            return 0;
        }
        ranges.Sort();
        int last = 0;
        for (int k = 1; k < ranges.Length; k++)
        {
            var (start, end) = ranges[k];
            if (start - ranges[last].End <= maxGap)
            {
                ranges[last].End = Math.Max(ranges[last].End, end);
            }
            else
            {
                ranges[++last] = (start, end);
            }
        }
        return last + 1;
    }
}
