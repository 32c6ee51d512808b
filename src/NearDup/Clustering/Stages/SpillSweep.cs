namespace NearDup.Clustering;

/// <summary>
/// Runs work over items that read spilled documents in a given order (<see cref="SpillOrder"/>), by a fixed set of
/// workers taking chunks in turn, each asking for the next chunk's pages before it runs its own. The work stores its
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
    /// <paramref name="askFor"/>(k) for each k of the chunk after (which should call <see cref="FingerprintSpill.WillNeed"/>
    /// on what run(k) will read).
    /// </summary>
    public static void Run(FingerprintSpill? spill, int[] order, int workers, CancellationToken cancellationToken, Action<int> askFor, Action<int> run)
    {
        int next = 0;
        var fixedSet = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        spill?.Advise(random: true);
        try
        {
            Parallel.For(0, workers, fixedSet, _ =>
            {
                for (int start; (start = Interlocked.Add(ref next, Chunk) - Chunk) < order.Length;)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (int k in ChunkAt(order, start + Chunk))
                    {
                        askFor(k);
                    }
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
        }
    }

    /// <summary>Starts reading document <paramref name="i"/>'s fingerprints, and its positions too when <paramref name="positions"/> (<see cref="FingerprintSpill.WillNeed"/>).</summary>
    public static void AskFor(DocumentTable docs, int i, bool positions)
    {
        FingerprintSpill.WillNeed(docs.Fingerprints(i));
        if (positions)
        {
            FingerprintSpill.WillNeed(docs.Positions(i).Words);
        }
    }

    private static ReadOnlySpan<int> ChunkAt(int[] order, int start) =>
        start >= order.Length ? [] : order.AsSpan(start, Math.Min(Chunk, order.Length - start));
}
