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

    public static WeakLinks Find(NearDupOptions options, GroupLayout groups, GroupCores cores, Boilerplate boilerplate,
        List<(int A, int B)> leftovers, StoryJudge judge, ParallelOptions parallel)
    {
        var candidates = AnchorCandidates(options, groups, cores, boilerplate, parallel, out long anchorBytes);
        var weak = Verify(options, cores, candidates, boilerplate, parallel);
        long anchorCandidates = candidates.Length;
        candidates = null;
        AddLeftovers(groups, cores, boilerplate, leftovers, weak);
        var judged = Decide(WeakEdges.From(weak), groups, boilerplate.Verifier, judge, parallel);
        weak = null;
        return Split(judged, groups, judge, anchorCandidates, anchorBytes, parallel);
    }

    /// <summary>
    /// <see cref="Find"/> with the anchor candidates found and the verification and judging done elsewhere:
    /// <paramref name="judgeElsewhere"/> gets the leftovers' pairs of groups, ascending, and returns what
    /// <see cref="VerifyAndJudge"/> gives over them and the anchor candidates it holds, with every copy's lead known
    /// (<see cref="FillLeads"/>), and the anchor candidates' count; a partitioned index runs it at the document
    /// partitions, where the members' sketches are stored and the anchor candidates were paired.
    /// </summary>
    public static WeakLinks FindElsewhere(GroupLayout groups, List<(int A, int B)> leftovers, StoryJudge judge, ParallelOptions parallel,
        Func<long[], (JudgedLinks Links, long AnchorCandidates)> judgeElsewhere)
    {
        var pairs = new List<long>(leftovers.Count);
        foreach (var (a, b) in leftovers)
        {
            int ga = groups.GroupOf[a], gb = groups.GroupOf[b];
            if (ga != gb)
            {
                pairs.Add(PairKey.Pack(Math.Min(ga, gb), Math.Max(ga, gb)));
            }
        }
        var (judged, anchorCandidates) = judgeElsewhere([.. pairs.Distinct().Order()]);
        return Split(judged, groups, judge, anchorCandidates, anchorBytes: 0, parallel);
    }

    /// <summary>
    /// The links among <paramref name="pairs"/> (packed (smaller, larger) groups, ascending) verified on the groups'
    /// cores and judged: the steps <see cref="Find"/> takes after finding its candidates.
    /// </summary>
    public static JudgedLinks VerifyAndJudge(NearDupOptions options, GroupLayout groups, GroupCores cores, Boilerplate boilerplate, long[] pairs,
        StoryJudge judge, ParallelOptions parallel) =>
        Decide(WeakEdges.From(Verify(options, cores, pairs, boilerplate, parallel)), groups, boilerplate.Verifier, judge, parallel);

    /// <summary>
    /// Sets the lead of every copy in <paramref name="judged"/> that the judge did not measure, as
    /// <see cref="StoryJudge.SourceVotes"/> would: so that the votes need no sketch where the links are split.
    /// </summary>
    public static void FillLeads(JudgedLinks judged, GroupLayout groups, StoryJudge judge)
    {
        for (int k = 0; k < judged.Leads.Length; k++)
        {
            if (judged.Same[k] && judged.Leads[k] == StoryJudge.UnknownLead)
            {
                var (g, h) = PairKey.Unpack(judged.Links.Keys[k]);
                judged.Leads[k] = judge.Lead(groups.Rep[g], groups.Rep[h]);
            }
        }
    }

    /// <summary>The verified links kept (<see cref="KeepPassages"/>), and the judge's verdict and lead on each.</summary>
    private static JudgedLinks Decide(WeakEdges links, GroupLayout groups, Verifier verifier, StoryJudge judge, ParallelOptions parallel)
    {
        var verified = KeepPassages(links, groups, verifier, judge, parallel);
        // A link verified by the passage rule alone is reuse whatever its shape: the thresholds bound every copy.
        var leads = new sbyte[verified.Count];
        var same = judge.Judge(verified.Keys, k => verifier.IsCopyByCounts(verified.Scores[k]), groups.Rep, groups.Starts, groups.Members,
            leads, parallel);
        return new JudgedLinks(verified, same, leads);
    }

    /// <summary>The judged links split into copies and reuse, and the copies' source votes.</summary>
    private static WeakLinks Split(JudgedLinks judged, GroupLayout groups, StoryJudge judge, long anchorCandidates, long anchorBytes,
        ParallelOptions parallel)
    {
        var (copies, reuse) = judged.Links.Split(judged.Same);
        // The copies' leads, in the copies' order (Split keeps the links' order).
        var copyLeads = judged.Leads.Where((_, k) => judged.Same[k]).ToArray();
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
