namespace NearDup.Clustering;

/// <summary>
/// Releases the pages a sweep has read from its spill files (<see cref="FingerprintSpill.Release"/>) each time its
/// workers have asked for <see cref="Every"/> bytes more (<see cref="ReadAhead.Issue"/>), and once more when it ends.
/// In a memory limit smaller than the spill file, the pages a sweep maps fill the limit, and the kernel then reclaims
/// each by unmapping it (the largest part of a spilled run's system time after the reads themselves, mostly TLB
/// flushes across the cores); released, the same pages are plain page cache, dropped cheaply, and they leave the
/// process's resident set.
/// </summary>
/// <param name="spills">The files the sweep reads; a null one is skipped.</param>
internal sealed class SpillTrim(params FingerprintSpill?[] spills)
{
    /// <summary>
    /// Bytes asked for between releases: small next to the block a block join keeps in the page cache (a third of the
    /// memory left, <see cref="SpillOrder.DefaultBlockBytes"/>), which a release does not drop (it maps it again from
    /// the cache, a minor fault per few pages), and large enough that releasing, a call per 4 MiB page of the files,
    /// costs little.
    /// </summary>
    public const long Every = 256L << 20;

    private long _asked;
    private int _releases;

    /// <summary>Releases so far (each of every file).</summary>
    public int Releases => Volatile.Read(ref _releases);

    /// <summary>Counts <paramref name="bytes"/> more asked for, and releases the files when that passes a multiple of <see cref="Every"/>.</summary>
    public void Asked(long bytes)
    {
        long after = Interlocked.Add(ref _asked, bytes);
        if ((after - bytes) / Every != after / Every)
        {
            Release();
        }
    }

    /// <summary>Releases every file's pages now.</summary>
    public void Release()
    {
        Interlocked.Increment(ref _releases);
        foreach (var spill in spills)
        {
            spill?.Release();
        }
    }
}
