namespace NearDup.Clustering;

/// <summary>
/// Weak links between groups: candidates from the anchor table and the strong stage's leftovers, verified on the
/// groups' cores without boilerplate, then judged by the <see cref="StoryJudge"/> as copies of one story or reuse
/// between different stories.
/// </summary>
internal static class WeakLinkStage
{
    /// <summary>Candidate pairs a worker verifies at a time: enough to make taking them cheap, few enough to keep workers even.</summary>
    private const int PairsPerTake = 256;

    /// <remarks>
    /// <paramref name="partitionedCandidates"/>, when given, are the pairs <see cref="AnchorPairs.Candidates(IReadOnlyList{AnchorRuns}, int, int, ParallelOptions, long)"/>
    /// gives over these cores, worked out elsewhere (a partitioned index pairs the groups at its anchor-key partitions):
    /// no anchor table is built here then, and its size counts as 0.
    /// </remarks>
    public static WeakLinks Find(NearDupOptions options, GroupLayout groups, GroupCores cores, Boilerplate boilerplate,
        List<(int A, int B)> leftovers, StoryJudge judge, ParallelOptions parallel, long[]? partitionedCandidates = null)
    {
        long anchorBytes = 0;
        var candidates = partitionedCandidates ?? AnchorCandidates(options, groups, cores, boilerplate, parallel, out anchorBytes);
        partitionedCandidates = null;
        var weak = Verify(options, cores, candidates, boilerplate, parallel);
        long anchorCandidates = candidates.Length;
        candidates = null;
        AddLeftovers(groups, cores, boilerplate, leftovers, weak);
        var verified = KeepPassages(WeakEdges.From(weak), groups, boilerplate.Verifier, judge, parallel);
        weak = null;
        // A link verified by the passage rule alone is reuse whatever its shape: the thresholds bound every copy.
        var leads = new sbyte[verified.Count];
        var same = judge.Judge(verified.Keys, k => boilerplate.Verifier.IsCopyByCounts(verified.Scores[k]), groups.Rep, groups.Starts, groups.Members,
            leads, parallel);
        var (copies, reuse) = verified.Split(same);
        // The copies' leads, in the copies' order (Split keeps the links' order).
        var copyLeads = leads.Where((_, k) => same[k]).ToArray();
        var sourceVotes = judge.SourceVotes(copies.Keys, copyLeads, groups.Rep, groups.Count, parallel);
        return new WeakLinks(copies, reuse, sourceVotes, anchorCandidates, anchorBytes);
    }

    /// <summary>The pairs of groups sharing <see cref="NearDupOptions.MinSharedAnchors"/> anchors, from the shared part of the anchor table.</summary>
    private static long[] AnchorCandidates(NearDupOptions options, GroupLayout groups, GroupCores cores, Boilerplate boilerplate,
        ParallelOptions parallel, out long anchorBytes)
    {
        var anchors = AnchorTable.SharedRuns(cores, groups.Count, boilerplate.Filter, AnchorTable.MaskOf(options), parallel);
        anchorBytes = anchors.Sum(a => a.MemoryBytes);
        return AnchorPairs.Candidates(anchors, groups.Count, options.MinSharedAnchors, parallel);
    }

    /// <summary>
    /// The links that pass <see cref="Verifier.IsCopy"/>, and those that share only a few shingles where the groups'
    /// representatives share them as a passage (<see cref="StoryJudge.SharesPassage(int, int, int)"/>).
    /// </summary>
    private static WeakEdges KeepPassages(WeakEdges links, GroupLayout groups, Verifier verifier, StoryJudge judge, ParallelOptions parallel)
    {
        int shingles = verifier.PassageShingles;
        var keep = new bool[links.Count];
        Parallel.For(0, links.Count, parallel, k =>
        {
            var (g, h) = PairKey.Unpack(links.Keys[k]);
            keep[k] = verifier.IsCopy(links.Scores[k]) || judge.SharesPassage(groups.Rep[g], groups.Rep[h], shingles);
        });
        return links.Split(keep).Set;
    }

    /// <summary>
    /// The anchor candidates verified on the groups' cores without boilerplate, each worker taking
    /// <see cref="PairsPerTake"/> pairs at a time.
    /// </summary>
    private static List<(long Key, Verifier.Score Score)> Verify(NearDupOptions options, GroupCores cores, long[] candidates,
        Boilerplate boilerplate, ParallelOptions parallel)
    {
        var found = new List<(long Key, Verifier.Score Score)>[StageWorkers.Count(options)];
        var (verifier, coreSizes) = (boilerplate.Verifier, boilerplate.CoreSizes);
        int nextTake = 0;
        Parallel.For(0, found.Length, parallel, worker =>
        {
            var mine = new List<(long Key, Verifier.Score Score)>();
            for (int first; (first = Interlocked.Add(ref nextTake, PairsPerTake) - PairsPerTake) < candidates.Length;)
            {
                parallel.CancellationToken.ThrowIfCancellationRequested();
                for (int k = first, end = Math.Min(candidates.Length, first + PairsPerTake); k < end; k++)
                {
                    var (g, other) = PairKey.Unpack(candidates[k]);
                    var score = verifier.Measure(cores[g], coreSizes[g], cores[other], coreSizes[other]);
                    if (verifier.IsLink(score))
                    {
                        mine.Add((candidates[k], score));
                    }
                }
            }
            found[worker] = mine;
        });
        var all = new List<(long Key, Verifier.Score Score)>();
        foreach (var links in found)
        {
            all.AddRange(links);
        }
        return all;
    }

    /// <summary>
    /// Leftover strong-stage candidates between different groups, verified without boilerplate. A pair of groups found
    /// twice has the same score both times (it is measured on the groups' cores, in (smaller, larger) order).
    /// </summary>
    private static void AddLeftovers(GroupLayout groups, GroupCores cores, Boilerplate boilerplate, List<(int A, int B)> leftovers,
        List<(long Key, Verifier.Score Score)> weak)
    {
        var (verifier, coreSizes) = (boilerplate.Verifier, boilerplate.CoreSizes);
        foreach (var (a, b) in leftovers)
        {
            int ga = groups.GroupOf[a], gb = groups.GroupOf[b];
            if (ga == gb)
            {
                continue;
            }
            var (low, high) = (Math.Min(ga, gb), Math.Max(ga, gb));
            var score = verifier.Measure(cores[low], coreSizes[low], cores[high], coreSizes[high]);
            if (verifier.IsLink(score))
            {
                weak.Add((PairKey.Pack(low, high), score));
            }
        }
    }
}
