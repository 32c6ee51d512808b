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
        if (cores.Order is not null)
        {
            return FindInOrder(groups, cores, boilerplate, leftovers, judge, parallel, candidates, anchorBytes);
        }
        var (weak, passageOnly) = Verify(options, cores, candidates, boilerplate, parallel);
        long anchorCandidates = candidates.Length;
        candidates = null;
        AddLeftovers(groups, cores, boilerplate, leftovers, weak);
        var judged = Decide(WeakEdges.From(weak), groups, boilerplate.Verifier, judge, Without(passageOnly, LeftoverKeys(groups, leftovers)), parallel);
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
        var (judged, anchorCandidates) = judgeElsewhere([.. WithLeftovers([], groups, leftovers).Distinct().Order()]);
        return Split(judged, groups, judge, anchorCandidates, anchorBytes: 0, parallel);
    }

    /// <summary>The leftovers' pairs of different groups as (smaller, larger) keys, ascending, each once.</summary>
    private static long[] LeftoverKeys(GroupLayout groups, List<(int A, int B)> leftovers) => [.. WithLeftovers([], groups, leftovers).Distinct().Order()];

    /// <summary>
    /// The keys of <paramref name="passageOnly"/> (ascending) that <paramref name="leftovers"/> (ascending) do not hold:
    /// a pair the strong stage found as well may be a copy as it was before distinctive anchors.
    /// </summary>
    internal static long[] Without(long[] passageOnly, long[] leftovers) =>
        passageOnly.Length == 0 ? passageOnly : [.. passageOnly.Where(k => Array.BinarySearch(leftovers, k) < 0)];

    /// <summary>The anchor candidates, then the leftovers' pairs of different groups as (smaller, larger) keys.</summary>
    private static List<long> WithLeftovers(long[] anchorCandidates, GroupLayout groups, List<(int A, int B)> leftovers)
    {
        var pairs = new List<long>(anchorCandidates);
        foreach (var (a, b) in leftovers)
        {
            int ga = groups.GroupOf[a], gb = groups.GroupOf[b];
            if (ga != gb)
            {
                pairs.Add(PairKey.Pack(Math.Min(ga, gb), Math.Max(ga, gb)));
            }
        }
        return pairs;
    }

    /// <summary>
    /// <see cref="Find"/> past the anchor candidates when the cores were computed in spill order (<see cref="GroupCores.Order"/>):
    /// the candidates and leftovers verified, the passages kept and the links judged in <see cref="SpillOrder.OfLinks"/>
    /// by <see cref="SpillSweep"/>'s fixed set of workers. Each result is stored by link, and the verified links are
    /// sorted as <see cref="WeakEdges.From"/> sorts them, so the links are the same as in the candidates' order.
    /// </summary>
    private static WeakLinks FindInOrder(GroupLayout groups, GroupCores cores, Boilerplate boilerplate, List<(int A, int B)> leftovers, StoryJudge judge,
        ParallelOptions parallel, long[] candidates, long anchorBytes)
    {
        int workers = Internal.Workers.Count(parallel.MaxDegreeOfParallelism, int.MaxValue);
        var ct = parallel.CancellationToken;
        var (weak, passageOnly) = VerifyInOrder(cores, groups, [.. WithLeftovers(candidates, groups, leftovers)], candidates.Length, boilerplate,
            workers, ct);
        passageOnly = Without(passageOnly, LeftoverKeys(groups, leftovers));
        var verifier = boilerplate.Verifier;
        var links = WeakEdges.From(weak);
        weak = null;
        var verified = KeepPassagesInOrder(links, groups, cores, verifier, judge, workers, ct);
        links = null;
        var leads = new sbyte[verified.Count];
        var same = judge.JudgeInOrder(verified.Keys, k => CanBeCopy(verifier, verified, k, passageOnly), groups.Rep, groups.Starts, groups.Members,
            leads, SpillOrder.OfLinks(cores.Docs, verified.Keys, groups.Rep, cores.BlockBytes), workers, ct);
        return Split(new JudgedLinks(verified, same, leads), groups, judge, candidates.Length, anchorBytes, parallel);
    }

    /// <summary>
    /// <see cref="KeepPassages"/> in <see cref="SpillOrder.OfLinks"/> by <see cref="SpillSweep"/>'s fixed set of workers.
    /// Only the links that are not copies by their scores are swept: a copy is kept without reading its representatives,
    /// and most links are copies.
    /// </summary>
    private static WeakEdges KeepPassagesInOrder(WeakEdges links, GroupLayout groups, GroupCores cores, Verifier verifier, StoryJudge judge, int workers,
        CancellationToken cancellationToken)
    {
        int shingles = verifier.PassageShingles;
        var keep = new bool[links.Count];
        var unsure = new List<int>();
        for (int k = 0; k < keep.Length; k++)
        {
            keep[k] = verifier.IsCopy(links.Scores[k]);
            if (!keep[k])
            {
                unsure.Add(k);
            }
        }
        var unsureKeys = unsure.ConvertAll(k => links.Keys[k]).ToArray();
        SpillSweep.Run(cores.Docs.Store.Spill, SpillOrder.OfLinks(cores.Docs, unsureKeys, groups.Rep, cores.BlockBytes), workers, cancellationToken,
            (j, ahead) => AskForReps(cores.Docs, groups, unsureKeys[j], ahead),
            j =>
            {
                var (g, h) = PairKey.Unpack(unsureKeys[j]);
                keep[unsure[j]] = judge.SharesPassage(groups.Rep[g], groups.Rep[h], shingles);
            });
        return links.Split(keep).Set;
    }

    /// <summary>Adds the fingerprints and positions of the representatives of <paramref name="link"/>'s groups to <paramref name="ahead"/>.</summary>
    private static void AskForReps(DocumentTable docs, GroupLayout groups, long link, ReadAhead ahead)
    {
        var (g, h) = PairKey.Unpack(link);
        SpillSweep.AskFor(docs, groups.Rep[g], positions: true, ahead);
        SpillSweep.AskFor(docs, groups.Rep[h], positions: true, ahead);
    }

    /// <summary>
    /// <paramref name="pairs"/> of groups verified on their cores without boilerplate in <see cref="SpillOrder.OfLinks"/>;
    /// the links, in no particular order (<see cref="WeakEdges.From"/> sorts them), and those of the first
    /// <paramref name="anchorCandidates"/> pairs (the anchor table's) that may be a link only as a passage (<see cref="Verify"/>).
    /// The cores' own spill file is read at random advice too: it holds the cores in <see cref="GroupCores.Order"/>, not the links'.
    /// Each core's size without boilerplate is counted here, the first time the core is read (<see cref="CoreSizes"/>):
    /// only the groups of some pair need one, and the boilerplate stage would read every core again for them.
    /// </summary>
    private static (List<(long Key, Verifier.Score Score)> Links, long[] PassageOnly) VerifyInOrder(GroupCores cores, GroupLayout groups, long[] pairs,
        int anchorCandidates, Boilerplate boilerplate, int workers, CancellationToken cancellationToken)
    {
        var verifier = boilerplate.Verifier;
        var coreSizes = new CoreSizes(groups, cores, boilerplate);
        var found = new List<(long Key, Verifier.Score Score)>();
        var passageOnly = new List<long>();
        cores.Spill?.Advise(random: true);
        try
        {
            SpillSweep.Run(cores.Docs.Store.Spill, SpillOrder.OfLinks(cores.Docs, pairs, groups.Rep, cores.BlockBytes), workers, cancellationToken,
                (k, ahead) =>
                {
                    var (g, h) = PairKey.Unpack(pairs[k]);
                    ahead.Add(cores[g]);
                    ahead.Add(cores[h]);
                },
                k =>
                {
                    var (g, h) = PairKey.Unpack(pairs[k]);
                    var score = verifier.Measure(cores[g], coreSizes.Of(g), cores[h], coreSizes.Of(h));
                    if (verifier.IsLink(score))
                    {
                        bool passage = k < anchorCandidates && IsPassageOnly(verifier, score, cores[g], cores[h]);
                        lock (found)
                        {
                            found.Add((pairs[k], score));
                            if (passage)
                            {
                                passageOnly.Add(pairs[k]);
                            }
                        }
                    }
                },
                alsoRead: cores.Spill);
        }
        finally
        {
            cores.Spill?.Advise(random: false);
        }
        return (found, [.. passageOnly.Distinct().Order()]);
    }

    /// <summary>
    /// The links among <paramref name="pairs"/> (packed (smaller, larger) groups, ascending) verified on the groups'
    /// cores and judged: the steps <see cref="Find"/> takes after finding its candidates. <paramref name="leftovers"/>
    /// (ascending) are those of the pairs the strong stage left over, the others anchor candidates.
    /// </summary>
    public static JudgedLinks VerifyAndJudge(NearDupOptions options, GroupLayout groups, GroupCores cores, Boilerplate boilerplate, long[] pairs,
        long[] leftovers, StoryJudge judge, ParallelOptions parallel)
    {
        var (links, passageOnly) = Verify(options, cores, pairs, boilerplate, parallel);
        return Decide(WeakEdges.From(links), groups, boilerplate.Verifier, judge, Without(passageOnly, leftovers), parallel);
    }

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

    /// <summary>
    /// The verified links kept (<see cref="KeepPassages"/>), and the judge's verdict and lead on each; the links of
    /// <paramref name="passageOnly"/> (ascending) are reuse whatever their shape.
    /// </summary>
    private static JudgedLinks Decide(WeakEdges links, GroupLayout groups, Verifier verifier, StoryJudge judge, long[] passageOnly, ParallelOptions parallel)
    {
        var verified = KeepPassages(links, groups, verifier, judge, parallel);
        var leads = new sbyte[verified.Count];
        var same = judge.Judge(verified.Keys, k => CanBeCopy(verifier, verified, k, passageOnly), groups.Rep, groups.Starts, groups.Members,
            leads, parallel);
        return new JudgedLinks(verified, same, leads);
    }

    /// <summary>
    /// Whether link <paramref name="k"/> may be judged a copy. A link verified by the passage rule alone is reuse
    /// whatever its shape: the thresholds bound every copy. So is a link of <paramref name="passageOnly"/>.
    /// </summary>
    private static bool CanBeCopy(Verifier verifier, WeakEdges links, int k, long[] passageOnly) =>
        verifier.IsCopyByCounts(links.Scores[k]) && Array.BinarySearch(passageOnly, links.Keys[k]) < 0;

    /// <summary>
    /// Whether an anchor candidate that <see cref="Verifier.IsCopyByCounts"/> passes was found by one key only the two
    /// groups hold (<see cref="DistinctiveAnchors"/>): it does not share <see cref="NearDupOptions.MinSharedAnchors"/>
    /// anchors. Such a pair is a link only as reuse. The distinctive key is there to find a sentence or two small in
    /// both texts; a pair that passes on containment is mostly what it shares (a flash, a form, a notice, a lead),
    /// where the judge decides on the whole texts: on reuters21578, such pairs judged freely were 30 new merges, a
    /// flash with its story in most, but two companies' dividend notices, a series' next day and a follow-up among them.
    /// </summary>
    /// <remarks>Only a pair with a short core can have been found so: the others shared two anchors, and are not merged again to tell.</remarks>
    private static bool IsPassageOnly(Verifier verifier, Verifier.Score score, ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) =>
        (DistinctiveAnchors.IsShort(a.Length) || DistinctiveAnchors.IsShort(b.Length)) && verifier.IsCopyByCounts(score) && !verifier.SharesAnchors(a, b);

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
        var anchors = AnchorTable.SharedRunsInBudget(cores, groups.Count, boilerplate.Filter, AnchorTable.MaskOf(options), parallel);
        anchorBytes = anchors.Sum(a => a.MemoryBytes);
        // The pairs' passes get the memory the table's passes had: their arrays are garbage by now.
        long budget = cores.Order is null ? SpillOrder.DefaultBlockBytes() : cores.BlockBytes;
        int maxShort = DistinctiveAnchors.MaxShortIn(BoilerplateStage.MemberFingerprints(cores.Docs), options.AnchorRate);
        return AnchorPairs.Candidates(anchors, DistinctiveAnchors.ShortGroups(cores, groups.Count, maxShort), options.MinSharedAnchors, parallel,
            AnchorPairs.PairsInBudget(budget), cores.Docs.Spare);
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
    /// <see cref="PairsPerTake"/> pairs at a time; and those that may be a link only as a passage
    /// (<see cref="IsPassageOnly"/>), ascending.
    /// </summary>
    private static (List<(long Key, Verifier.Score Score)> Links, long[] PassageOnly) Verify(NearDupOptions options, GroupCores cores, long[] candidates,
        Boilerplate boilerplate, ParallelOptions parallel)
    {
        var found = new List<(long Key, Verifier.Score Score)>[StageWorkers.Count(options)];
        var passageOnly = new List<long>[found.Length];
        var (verifier, coreSizes) = (boilerplate.Verifier, boilerplate.CoreSizes);
        int nextTake = 0;
        Parallel.For(0, found.Length, parallel, worker =>
        {
            var mine = new List<(long Key, Verifier.Score Score)>();
            var passages = new List<long>();
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
                        if (IsPassageOnly(verifier, score, cores[g], cores[other]))
                        {
                            passages.Add(candidates[k]);
                        }
                    }
                }
            }
            found[worker] = mine;
            passageOnly[worker] = passages;
        });
        var all = new List<(long Key, Verifier.Score Score)>();
        foreach (var links in found)
        {
            all.AddRange(links);
        }
        return (all, [.. passageOnly.SelectMany(p => p).Order()]);
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
