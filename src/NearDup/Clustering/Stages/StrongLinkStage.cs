namespace NearDup.Clustering;

/// <summary>
/// Strong links and the groups they make: candidates verified as syndicated on all their fingerprints (Jaccard ≥
/// <see cref="NearDupOptions.SyndicatedJaccard"/> and containment ≥ <see cref="NearDupOptions.SyndicatedContainment"/>,
/// boilerplate not yet known), then union-find over them and the identical texts. Strong links may chain. Texts dated
/// apart as a series' items (facts that differ, or two flashes) are left to the judge, however alike their words.
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
        if (!SpillOrder.Applies(docs, blockBytes))
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

    /// <summary>
    /// Measures <paramref name="pairs"/> into <paramref name="scores"/> (by index, so the result is the same as in any
    /// order) in <see cref="SpillOrder"/>, by <see cref="SpillSweep"/>'s fixed set of workers.
    /// </summary>
    internal static void MeasureInSpillOrder(DocumentTable docs, Verifier verifier, int[] sizes, (int A, int B)[] pairs, Verifier.Score[] scores,
        long blockBytes, int workers, CancellationToken cancellationToken) =>
        SpillSweep.Run(docs.Store.Spill, SpillOrder.Of(docs, pairs, blockBytes), workers, cancellationToken,
            (k, ahead) =>
            {
                ahead.Add(docs.Fingerprints(pairs[k].A));
                ahead.Add(docs.Fingerprints(pairs[k].B));
            },
            k =>
            {
                var (a, b) = pairs[k];
                scores[k] = verifier.Measure(docs.Fingerprints(a), sizes[a], docs.Fingerprints(b), sizes[b]);
            });

    /// <summary>
    /// The candidates split by their scores (<paramref name="scores"/>[k] is candidate k's) into strong links and
    /// leftovers. The partitioned index's batch clustering (NearDup.Distributed) measures its candidates where their
    /// fingerprints are stored and classifies them here.
    /// </summary>
    internal static StrongLinks Classify(DocumentTable docs, Verifier verifier, CandidatePairs candidates, Verifier.Score[] scores) =>
        Classify(verifier, candidates, scores, k =>
        {
            // The dates first: a spilled text's facts are a read of the spill file at the text's own place, one a
            // candidate, in no order the file's pages could follow, and most strong candidates are not dated apart.
            var (a, b) = candidates.Candidates[k];
            return FactRules.DaysApart(docs.DateTicks(a), docs.DateTicks(b)) >= FactRules.FactDays
                && FactRules.SeriesApart(docs.Facts(a), docs.DateTicks(a), docs.ShingleCount(a), docs.Facts(b), docs.DateTicks(b), docs.ShingleCount(b));
        });

    /// <summary>
    /// Like <see cref="Classify(DocumentTable, Verifier, CandidatePairs, Verifier.Score[])"/>, with
    /// <paramref name="seriesApart"/>(k) telling whether candidate k's texts are dated apart as a series' items (facts that differ, or two flashes)
    /// (<see cref="FactRules.SeriesApart"/>): the partitioned index's batch clustering works that out where the
    /// facts are stored, with the scores, so its coordinator reads no facts.
    /// </summary>
    internal static StrongLinks Classify(Verifier verifier, CandidatePairs candidates, Verifier.Score[] scores, Func<int, bool> seriesApart)
    {
        var pairs = candidates.Candidates;
        var strong = new List<(int A, int B)>(candidates.Identical);
        var leftovers = new List<(int A, int B)>();
        // Identical texts share every band key, so their pairs come back as candidates: they are links already, and a
        // second copy would list the pair twice.
        var identical = new HashSet<long>(candidates.Identical.Count, Internal.PairComparer.Instance);
        foreach (var (a, b) in candidates.Identical)
        {
            identical.Add(PairKey.Ordered(a, b));
        }
        for (int k = 0; k < pairs.Length; k++)
        {
            if (identical.Contains(PairKey.Ordered(pairs[k].A, pairs[k].B)))
            {
                continue;
            }
            bool isStrong = verifier.IsStrong(scores[k]) && !seriesApart(k);
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
