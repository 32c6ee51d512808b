namespace NearDup.Clustering;

/// <summary>
/// Weak links between groups: candidates from the anchor table and the strong stage's leftovers, verified on the
/// groups' cores without boilerplate, then judged by the <see cref="StoryJudge"/> as copies of one story or reuse
/// between different stories.
/// </summary>
internal static class WeakLinkStage
{
    /// <summary>Groups a worker takes at a time: enough to make taking them cheap, few enough to keep workers even.</summary>
    private const int GroupsPerTake = 256;

    public static WeakLinks Find(NearDupOptions options, GroupLayout groups, GroupCores cores, Boilerplate boilerplate,
        List<(int A, int B)> leftovers, StoryJudge judge, ParallelOptions parallel)
    {
        var anchors = AnchorTable.Build(cores, groups.Count, boilerplate.Filter, AnchorTable.MaskOf(options), parallel);
        var weak = FromAnchors(options, cores, anchors, boilerplate, parallel, out long anchorCandidates);
        AddLeftovers(groups, cores, boilerplate, leftovers, weak);
        var verified = WeakEdges.From(weak);
        weak = null;
        // A link verified by the passage rule alone is reuse whatever its shape: the thresholds bound every copy.
        var same = judge.Judge(verified.Keys, k => boilerplate.Verifier.IsCopyByCounts(verified.Scores[k]), groups.Rep, groups.Starts, groups.Members, parallel);
        var (copies, reuse) = verified.Split(same);
        var sourceVotes = judge.SourceVotes(copies.Keys, groups.Rep, groups.Count, parallel);
        return new WeakLinks(copies, reuse, sourceVotes, anchorCandidates, anchors.MemoryBytes);
    }

    /// <summary>
    /// The anchor candidates' verified links, each worker taking <see cref="GroupsPerTake"/> groups at a time with one
    /// <see cref="AnchorScan"/> for all of them.
    /// </summary>
    private static List<(long Key, Verifier.Score Score)> FromAnchors(NearDupOptions options, GroupCores cores, Indexing.PostingTable<uint> anchors,
        Boilerplate boilerplate, ParallelOptions parallel, out long anchorCandidates)
    {
        int groups = boilerplate.CoreSizes.Length;
        var found = new List<(long Key, Verifier.Score Score)>[StageWorkers.Count(options)];
        long candidates = 0;
        int nextTake = 0;
        Parallel.For(0, found.Length, parallel, worker =>
        {
            var scan = new AnchorScan(cores, anchors, AnchorTable.MaskOf(options), options.MinSharedAnchors, boilerplate);
            for (int first; (first = Interlocked.Add(ref nextTake, GroupsPerTake) - GroupsPerTake) < groups;)
            {
                parallel.CancellationToken.ThrowIfCancellationRequested();
                for (int g = first, end = Math.Min(groups, first + GroupsPerTake); g < end; g++)
                {
                    Interlocked.Add(ref candidates, scan.Scan(g));
                }
            }
            found[worker] = scan.Found;
        });
        anchorCandidates = candidates;
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
            if (verifier.IsCopy(score))
            {
                weak.Add((PairKey.Pack(low, high), score));
            }
        }
    }
}
