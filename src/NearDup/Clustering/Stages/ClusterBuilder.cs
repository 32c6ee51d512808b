using System.Diagnostics;

namespace NearDup.Clustering;

/// <summary>
/// One clustering run: the stages in order, each taking its inputs and returning a small record. Documents are
/// numbered by ordinal id before this, so nothing depends on the order they were added in. The stages:
/// <list type="number">
/// <item><see cref="CandidateStage"/>: identical texts, and LSH and SimHash candidate pairs.</item>
/// <item><see cref="StrongLinkStage"/>: candidates verified as syndicated, and the groups strong links make (one per story text).</item>
/// <item><see cref="GroupStage"/>: the groups' members, cores and representatives.</item>
/// <item><see cref="BoilerplateStage"/>: fingerprints held by <see cref="NearDupOptions.CommonShingleDocuments"/> or more groups, ignored from here on.</item>
/// <item><see cref="WeakLinkStage"/>: anchor candidates and leftover candidates verified between groups, then judged by the
/// <see cref="StoryJudge"/> as copies or reuse.</item>
/// <item><see cref="AssignmentStage"/>: star clustering of groups over the copy links.</item>
/// <item><see cref="CanonicalStage"/>: clusters, canonicals and roles; <see cref="PairListing"/> when pairs are asked for.</item>
/// </list>
/// See docs/architecture.md for the records between them and where each option is read.
/// </summary>
internal static class ClusterBuilder
{
    /// <summary>
    /// The stages <see cref="Build(DocumentTable, NearDupOptions, bool, IProgress{ClusteringProgress}?, CancellationToken)"/> reports, in order: the stages above, split where a step takes long enough at ten
    /// million documents for a user to want to know.
    /// </summary>
    internal static readonly string[] StageNames =
    [
        "identical texts, LSH and SimHash candidates", "verifying candidates", "groups", "group cores and boilerplate",
        "anchors and weak links", "star clustering", "canonicals and roles",
    ];

    /// <summary>Clusters <paramref name="docs"/>, reporting each stage to <paramref name="progress"/> as it starts.</summary>
    /// <remarks>
    /// Each record is set to null after its last use: this method runs once, so it runs as unoptimized code, where a
    /// local keeps its object alive until the method returns. For the same reason no stage returns a tuple here: its
    /// hidden temporary would hold the parts after their locals are cleared.
    /// </remarks>
    public static ClusterIndex Build(DocumentTable docs, NearDupOptions options, bool includePairs, IProgress<ClusteringProgress>? progress,
        CancellationToken cancellationToken) => Build(docs, options, includePairs, progress, verified: null, partitioned: null, cancellationToken);

    /// <summary>
    /// Like <see cref="Build(DocumentTable, NearDupOptions, bool, IProgress{ClusteringProgress}?, CancellationToken)"/>,
    /// from stage 3 on when <paramref name="verified"/> is given: the strong links and leftovers of stages 1 and 2 worked
    /// out elsewhere over these documents (the partitioned index's batch clustering in NearDup.Distributed runs them in
    /// its partitions). The index-size statistic then leaves out the band tables and SimHash index, which were not built here.
    /// <paramref name="partitioned"/>, when given, computes the groups' cores and representatives in place of
    /// <see cref="GroupStage.Cores"/> (the cores stay there; this run gets the representatives only, and no core sizes), counts the boilerplate fingerprints of the groups in place of
    /// <see cref="BoilerplateStage.Count"/>, the documents' sizes without them in place of <see cref="BoilerplateStage.Sizes"/>,
    /// the common facts in place of <see cref="CommonFacts.Find"/>, and the anchor candidates and the verification and judging of <see cref="WeakLinkStage"/>, the members' roles of <see cref="CanonicalStage"/> and the shared fingerprints of <see cref="PairListing"/> (the partitioned index does these where the sketches are stored).
    /// </summary>
    public static ClusterIndex Build(DocumentTable docs, NearDupOptions options, bool includePairs, IProgress<ClusteringProgress>? progress,
        StrongLinks? verified, IPartitionedStages? partitioned, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        void Enter(int stage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // What the stage before mapped of the spill file leaves the resident set (SpillTrim).
            docs.Store.Spill?.Release();
            CollectBetweenStages(options, stage);
            progress?.Report(new ClusteringProgress(stage, StageNames.Length, StageNames[stage - 1]));
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };

        Enter(1);
        var candidates = verified is null ? CandidateStage.Find(docs, options, parallel) : null;
        long signatureBytes = candidates?.SignatureBytes ?? 0;
        Enter(2);
        var strong = verified ?? StrongLinkStage.Verify(docs, options, candidates!, parallel);
        candidates = null;
        verified = null;
        Enter(3);
        var strongGroups = StrongLinkStage.Group(docs, strong.Pairs);
        cancellationToken.ThrowIfCancellationRequested();
        double strongSeconds = clock.Elapsed.TotalSeconds;

        Enter(4);
        var groups = GroupStage.Lay(strongGroups);
        strongGroups = null;
        // A partitioned run leaves the cores where they are computed: only its representatives come here.
        var cores = partitioned is null ? GroupStage.Cores(docs, groups, options.SpillDirectory, parallel, AnchorTable.MaskOf(options)) : null;
        partitioned?.Representatives(groups);
        Boilerplate boilerplate;
        double boilerplateSeconds;
        StoryJudge judge;
        CommonFacts commonFacts;
        WeakLinks weak;
        try
        {
            boilerplate = partitioned is null
                ? BoilerplateStage.Find(docs, options, groups, cores!, parallel)
                : PartitionedBoilerplate(options, groups, partitioned);
            boilerplateSeconds = clock.Elapsed.TotalSeconds - strongSeconds;
            if (options.SpillDirectory is not null)
            {
                // With a spill file the heap competes with the page cache that holds it: the collection before stage 5
                // gives stage 4's arrays back (0.6 GB at a million documents) rather than the pool keeping them.
                docs.Spare.Clear();
            }

            Enter(5);
            commonFacts = partitioned is null
                ? CommonFacts.Find(docs, groups, options.CommonShingleDocuments, parallel)
                : partitioned.FindCommonFacts(groups, options.CommonShingleDocuments);
            judge = new StoryJudge(docs, boilerplate.Filter, boilerplate.Sizes, options.SampleRate, commonFacts);
            weak = partitioned is null
                ? WeakLinkStage.Find(options, groups, cores!, boilerplate, strong.Leftovers, judge, parallel)
                : PartitionedWeakLinks(groups, boilerplate, commonFacts, judge, strong.Leftovers, partitioned, parallel);
        }
        finally
        {
            cores?.Dispose(); // deletes the cores' spill file, on cancellation too
            docs.Spare.Clear(); // stages 4 and 5 take spare arrays; the rest do not
        }
        cores = null;
        var strongPairs = strong.Pairs;
        int strongCandidates = strong.Candidates;
        strong = null;
        double candidateSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();

        Enter(6);
        var centerOf = AssignmentStage.Assign(docs, groups, weak, options.SampleRate);

        Enter(7);
        var clusters = partitioned is null
            ? CanonicalStage.Build(docs, options, groups, centerOf, boilerplate, judge, parallel)
            : partitioned.Canonicals(groups, centerOf, boilerplate, commonFacts);
        centerOf = null;
        var pairs = includePairs ? ListPairs(docs, groups, strongPairs, weak, boilerplate, partitioned) : [];
        var statistics = new ClusteringStatistics
        {
            Documents = docs.Count,
            StrongGroups = groups.Count,
            StrongCandidates = strongCandidates,
            AnchorCandidates = weak.AnchorCandidates,
            VerifiedPairs = strongPairs.Count + weak.Copies.Count,
            ReuseLinks = weak.Reuse.Count,
            CommonFingerprints = boilerplate.Filter.Count,
            IndexBytes = docs.MemoryBytes + signatureBytes + weak.AnchorBytes + boilerplate.Filter.MemoryBytes,
            SpilledBytes = docs.SpilledBytes,
            CandidateSeconds = candidateSeconds,
            StrongSeconds = strongSeconds,
            BoilerplateSeconds = boilerplateSeconds,
            ClusterSeconds = clock.Elapsed.TotalSeconds,
        };
        var result = new ClusteringResult(clusters.Clusters, pairs, statistics);
        return new ClusterIndex(new ClusterIndexParts(docs, options, boilerplate.Verifier, boilerplate.Sizes, groups, clusters, result, commonFacts));
    }

    /// <summary>
    /// The boilerplate of a partitioned run, without the core sizes: only the weak links' verification reads them, and
    /// the partitions that verify count their own.
    /// </summary>
    private static Boilerplate PartitionedBoilerplate(NearDupOptions options, GroupLayout groups, IPartitionedStages partitioned)
    {
        var common = partitioned.CountGroups(groups);
        return new Boilerplate(common, new Verifier(options, common), partitioned.Sizes(common), CoreSizes: []);
    }

    private static WeakLinks PartitionedWeakLinks(GroupLayout groups, Boilerplate boilerplate, CommonFacts commonFacts,
        StoryJudge judge, List<(int A, int B)> leftovers, IPartitionedStages partitioned, ParallelOptions parallel)
    {
        partitioned.PairAnchors(groups, boilerplate.Filter);
        return WeakLinkStage.FindElsewhere(groups, leftovers, judge, parallel, pairs => partitioned.JudgeLinks(groups, boilerplate, commonFacts, pairs));
    }

    private static List<VerifiedPair> ListPairs(DocumentTable docs, GroupLayout groups, List<(int A, int B)> strong, WeakLinks weak,
        Boilerplate boilerplate, IPartitionedStages? partitioned) =>
        PairListing.Build(docs, groups, strong, weak, boilerplate, partitioned is null ? null : pairs => partitioned.SharedWithoutBoilerplate(pairs, boilerplate));

    /// <summary>
    /// The GC policy between stages, the one place it is set. Each stage lets go of the large arrays of the one before,
    /// which only a full collection frees; left to itself, the collector lets the heap grow over them (and over the
    /// reading's buffers) instead. One full collection per stage keeps the peak near what is live (a million documents
    /// at 1/4 on the heap: 1.6 GB instead of 2.0). With a spill file the heap also competes with the page cache that
    /// holds the spilled pages, which the collector counts as free memory, so there it also compacts and gives the
    /// memory back to the system; without one the heap holds the sketch pages, which compacting would copy every time.
    /// Not before stages 3 and 7: the stages before them (2, 6) leave little garbage, and they allocate little (a few
    /// arrays of a number per document), so the collection before the next stage frees it as well, while each full
    /// collection marks the whole heap of sketches (about 0.05 s of two cores at 100,000 documents).
    /// </summary>
    private static void CollectBetweenStages(NearDupOptions options, int stage)
    {
        if (stage is 3 or 7)
        {
            return;
        }
        GC.Collect(GC.MaxGeneration, options.SpillDirectory is null ? GCCollectionMode.Forced : GCCollectionMode.Aggressive,
            blocking: true, compacting: options.SpillDirectory is not null);
    }
}
