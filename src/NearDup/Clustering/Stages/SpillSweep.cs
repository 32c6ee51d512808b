namespace NearDup.Clustering;

/// <summary>
/// Runs work over items that read spilled documents in a given order (<see cref="SpillOrder"/>), by a fixed set of
/// workers taking chunks in turn, each asking for the next chunk's pages (in one <see cref="ReadAhead"/>) before it runs its own. The work stores its
/// results by item index, so the result is the same as in any order.
/// </summary>
/// <remarks>
/// A fixed set, not <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> over the items: a worker waiting
/// on a page of the spill file looks idle to the thread pool, which then adds workers (120 at ten million documents),
/// each of them faulting on another page at random. While the sweep runs the spill file's mappings are advised as read
/// at random: a fault reads its page, not megabytes around it (positions and band keys lie between the fingerprint
/// pages), and the reads asked for ahead keep many in flight.
/// </remarks>
internal static class SpillSweep
{
    /// <summary>Items run per turn of a worker: few enough that the workers stay close together in the sweep.</summary>
    public const int Chunk = 1024;

    /// <summary>
    /// Runs <paramref name="run"/>(k) for every k of <paramref name="order"/>, in that order by chunks, after
    /// <paramref name="askFor"/>(k, ahead) for each k of a chunk further on (which should add to the worker's
    /// <see cref="ReadAhead"/> what run(k) will read; the chunk's ranges are then asked for together). What the sweep
    /// reads of <paramref name="spill"/> and of <paramref name="alsoRead"/> is released as it goes (<see cref="SpillTrim"/>).
    /// </summary>
    public static void Run(FingerprintSpill? spill, int[] order, int workers, CancellationToken cancellationToken, Action<int, ReadAhead> askFor, Action<int> run,
        FingerprintSpill? alsoRead = null)
    {
        int next = 0, distance = workers * Chunk;
        var fixedSet = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        var trim = new SpillTrim(spill, alsoRead);
        spill?.Advise(random: true);
        try
        {
            AskFor(order, 0, distance, askFor, new ReadAhead(trim));
            Parallel.For(0, workers, fixedSet, _ =>
            {
                var ahead = new ReadAhead(trim);
                for (int start; (start = Interlocked.Add(ref next, Chunk) - Chunk) < order.Length;)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    AskFor(order, start + distance, Chunk, askFor, ahead);
                    foreach (int k in ChunkAt(order, start))
                    {
                        run(k);
                    }
                }
            });
        }
        finally
        {
            spill?.Advise(random: false);
            trim.Release();
        }
    }

    /// <summary>
    /// Asks for the items of <paramref name="order"/> in [<paramref name="start"/>, <paramref name="start"/> +
    /// <paramref name="count"/>) in one <see cref="ReadAhead.Issue"/>. A worker asks for the chunk <c>workers</c> chunks
    /// after its own, the one it takes next when the workers go at the same pace: the chunk right after its own is the
    /// next worker's, which starts on it at once, so its pages were often still being read when its documents were
    /// (a major fault: the worker waits on the disk).
    /// </summary>
    private static void AskFor(int[] order, int start, int count, Action<int, ReadAhead> askFor, ReadAhead ahead)
    {
        for (int end = Math.Min(order.Length, start + count), k = start; k < end; k++)
        {
            askFor(order[k], ahead);
        }
        ahead.Issue();
    }

    /// <summary>
    /// Adds document <paramref name="i"/>'s fingerprints to <paramref name="ahead"/>, and when <paramref name="positions"/>
    /// its positions and facts too: the judge reads both, and facts not asked for were read a 4 KiB fault each.
    /// </summary>
    public static void AskFor(DocumentTable docs, int i, bool positions, ReadAhead ahead)
    {
        ahead.Add(docs.Fingerprints(i));
        if (positions)
        {
            ahead.Add(docs.Positions(i).Words);
            ahead.Add(docs.Facts(i));
        }
    }

    private static ReadOnlySpan<int> ChunkAt(int[] order, int start) =>
        start >= order.Length ? [] : order.AsSpan(start, Math.Min(Chunk, order.Length - start));
}
