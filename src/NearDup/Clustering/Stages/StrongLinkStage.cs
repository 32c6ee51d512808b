namespace NearDup.Clustering;

/// <summary>
/// Strong links and the groups they make: candidates verified as syndicated on all their fingerprints (Jaccard ≥
/// <see cref="NearDupOptions.SyndicatedJaccard"/> and containment ≥ <see cref="NearDupOptions.SyndicatedContainment"/>,
/// boilerplate not yet known), then union-find over them and the identical texts. Strong links may chain. Texts dated
/// apart whose facts differ (a series's items) are left to the judge, however alike their words.
/// </summary>
internal static class StrongLinkStage
{
    public static StrongLinks Verify(DocumentTable docs, NearDupOptions options, CandidatePairs candidates, ParallelOptions parallel)
    {
        var verifier = new Verifier(options, BoilerplateFilter.None);
        var sizes = new int[docs.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            sizes[i] = docs.FingerprintCount(i);
        }
        var pairs = candidates.Candidates;
        var scores = new Verifier.Score[pairs.Length];
        long blockBytes = SpillOrder.DefaultBlockBytes();
        if (docs.Store.Spill is null || docs.SpilledBytes <= blockBytes)
        {
            // In memory, or a spill file the page cache holds: any order reads it once.
            Parallel.For(0, pairs.Length, parallel, k =>
            {
                var (a, b) = pairs[k];
                scores[k] = verifier.Measure(docs.Fingerprints(a), sizes[a], docs.Fingerprints(b), sizes[b]);
            });
        }
        else
        {
            MeasureInSpillOrder(docs, verifier, sizes, pairs, scores, blockBytes, StageWorkers.Count(options), parallel.CancellationToken);
        }
        return Classify(docs, verifier, candidates, scores);
    }

    /// <summary>Pairs measured per turn of a worker in <see cref="MeasureInSpillOrder"/>: few enough that the workers stay close together in the sweep.</summary>
    private const int SpillChunk = 1024;

    /// <summary>
    /// Measures <paramref name="pairs"/> into <paramref name="scores"/> (by index, so the result is the same as in any
    /// order) in <see cref="SpillOrder"/>, by a fixed set of workers taking chunks in turn. A fixed set, not
    /// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> over the pairs: a worker waiting on a page of
    /// the spill file looks idle to the thread pool, which then adds workers (120 at ten million documents), each of
    /// them faulting on another page at random.
    /// </summary>
    internal static void MeasureInSpillOrder(DocumentTable docs, Verifier verifier, int[] sizes, (int A, int B)[] pairs, Verifier.Score[] scores,
        long blockBytes, int workers, CancellationToken cancellationToken)
    {
        var order = SpillOrder.Of(docs, pairs, blockBytes);
        int next = 0;
        var fixedSet = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        // Only the fingerprints are read, each chunk's asked for while the chunk before it is measured: no megabytes
        // read around each fault (positions and band keys lie between the fingerprint pages), and many reads in flight.
        docs.Store.Spill?.Advise(random: true);
        try
        {
            Parallel.For(0, workers, fixedSet, _ =>
            {
                for (int start; (start = Interlocked.Add(ref next, SpillChunk) - SpillChunk) < order.Length;)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var chunk = order.AsSpan(start, Math.Min(SpillChunk, order.Length - start));
                    AskForChunk(docs, pairs, order, start + SpillChunk);
                    foreach (int k in chunk)
                    {
                        var (a, b) = pairs[k];
                        scores[k] = verifier.Measure(docs.Fingerprints(a), sizes[a], docs.Fingerprints(b), sizes[b]);
                    }
                }
            });
        }
        finally
        {
            docs.Store.Spill?.Advise(random: false);
        }
    }

    /// <summary>Starts reading the fingerprints of the chunk of <paramref name="order"/> from <paramref name="start"/> (see <see cref="FingerprintSpill.WillNeed"/>).</summary>
    private static void AskForChunk(DocumentTable docs, (int A, int B)[] pairs, int[] order, int start)
    {
        if (start >= order.Length)
        {
            return;
        }
        foreach (int k in order.AsSpan(start, Math.Min(SpillChunk, order.Length - start)))
        {
            FingerprintSpill.WillNeed(docs.Fingerprints(pairs[k].A));
            FingerprintSpill.WillNeed(docs.Fingerprints(pairs[k].B));
        }
    }

    /// <summary>
    /// The candidates split by their scores (<paramref name="scores"/>[k] is candidate k's) into strong links and
    /// leftovers. The partitioned index's batch clustering (NearDup.Distributed) measures its candidates where their
    /// fingerprints are stored and classifies them here.
    /// </summary>
    internal static StrongLinks Classify(DocumentTable docs, Verifier verifier, CandidatePairs candidates, Verifier.Score[] scores) =>
        Classify(verifier, candidates, scores, k =>
        {
            var (a, b) = candidates.Candidates[k];
            return StoryJudge.FactsDifferApart(docs.Facts(a), docs.DateTicks(a), docs.Facts(b), docs.DateTicks(b));
        });

    /// <summary>
    /// Like <see cref="Classify(DocumentTable, Verifier, CandidatePairs, Verifier.Score[])"/>, with
    /// <paramref name="factsDifferApart"/>(k) telling whether candidate k's texts are dated apart with facts that differ
    /// (<see cref="StoryJudge.FactsDifferApart"/>): the partitioned index's batch clustering works that out where the
    /// facts are stored, with the scores, so its coordinator reads no facts.
    /// </summary>
    internal static StrongLinks Classify(Verifier verifier, CandidatePairs candidates, Verifier.Score[] scores, Func<int, bool> factsDifferApart)
    {
        var pairs = candidates.Candidates;
        var strong = new List<(int A, int B)>(candidates.Identical);
        var leftovers = new List<(int A, int B)>();
        for (int k = 0; k < pairs.Length; k++)
        {
            bool isStrong = verifier.IsStrong(scores[k]) && !factsDifferApart(k);
            (isStrong ? strong : leftovers).Add(pairs[k]);
        }
        return new StrongLinks(strong, leftovers, pairs.Length);
    }

    /// <summary>The groups of the strong links, each with its first representative.</summary>
    public static StrongGroups Group(DocumentTable docs, List<(int A, int B)> links)
    {
        int n = docs.Count;
        var union = new UnionFind(n);
        foreach (var (a, b) in links)
        {
            union.Union(a, b);
        }
        // A set's root is its smallest member, so it is met first and its group is known by the time its other members are.
        var groupOf = new int[n];
        var groupRep = new List<int>();
        for (int i = 0; i < n; i++)
        {
            int root = union.Find(i);
            int g;
            if (root == i)
            {
                g = groupRep.Count;
                groupRep.Add(i);
            }
            else
            {
                g = groupOf[root];
            }
            groupOf[i] = g;
            if (CanonicalRule.IsBetter(docs, i, groupRep[g]))
            {
                groupRep[g] = i;
            }
        }
        return new StrongGroups(groupOf, [.. groupRep]);
    }
}
