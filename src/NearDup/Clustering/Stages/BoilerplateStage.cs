namespace NearDup.Clustering;

/// <summary>
/// Boilerplate: a fingerprint that <see cref="NearDupOptions.CommonShingleDocuments"/> or more groups hold is a site's
/// header, footer or stock phrase, and is ignored from here on. It is counted once per group over the union of its
/// members' fingerprints, so that a header carried only by syndicated copies is seen, and a story syndicated a
/// thousand times counts once.
/// </summary>
internal static class BoilerplateStage
{
    /// <summary>
    /// The boilerplate and the sizes without it. Pass 1 counts the groups' unions; pass 2 and the sizes then read every
    /// document once (<see cref="CandidateLists"/>). When the cores were computed in spill order
    /// (<see cref="GroupCores.Order"/>), pass 1 was counted in the same sweep (<see cref="GroupCores.PassOneCounts"/>), the documents are read in the file's
    /// order, and the core sizes are left to the weak-link stage, which counts each as it first reads the core
    /// (<see cref="CoreSizes"/>): a sweep of their own read every core, a spill file larger than the page cache.
    /// </summary>
    public static Boilerplate Find(DocumentTable docs, NearDupOptions options, GroupLayout groups, GroupCores cores, ParallelOptions parallel)
    {
        int workers = Internal.Workers.Count(parallel.MaxDegreeOfParallelism, int.MaxValue);
        var counted = cores.PassOneCounts;
        cores.PassOneCounts = null;
        var (common, sizes) = CountAndSize(docs, options, groups, cores.Order, workers, parallel, counted);
        return cores.Order is not null
            ? new Boilerplate(common, new Verifier(options, common), sizes, CoreSizes: [])
            : Find(options, groups, cores, common, sizes, parallel);
    }

    /// <summary>
    /// The counting part alone, in two passes over the groups' unions (the reference that <see cref="CountAndSize"/>
    /// equals): the fingerprints held by <see cref="NearDupOptions.CommonShingleDocuments"/> or more groups.
    /// </summary>
    public static BoilerplateFilter Count(DocumentTable docs, NearDupOptions options, GroupLayout groups) =>
        BoilerplateFilter.Build(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), MemberFingerprints(docs),
            options.CommonShingleDocuments, options.MaxDegreeOfParallelism, (g, keep) => GroupUnion.OfKept(docs, groups.MembersOf(g), keep));

    /// <summary>
    /// The boilerplate and every document's size without it (<see cref="Count"/> and <see cref="Sizes"/> in one read of
    /// each document after pass 1): pass 1's <paramref name="counted"/> when the cores' sweep counted it, else pass 1
    /// over the groups' unions, in <paramref name="order"/> when given,
    /// then each document's candidates (<see cref="CandidateLists"/>), read in the file's order when spilled in order.
    /// With a spill folder the candidates held in memory are capped (<see cref="CandidateRuns"/>); the result is the same.
    /// </summary>
    internal static (BoilerplateFilter Common, int[] Sizes) CountAndSize(DocumentTable docs, NearDupOptions options, GroupLayout groups, int[]? order,
        int workers, ParallelOptions parallel, SlotCounts? counted = null)
    {
        var passing = counted?.Passing(options.CommonShingleDocuments)
            ?? BoilerplateFilter.PassOne(groups.Count, i => GroupUnion.Of(docs, groups.MembersOf(order is null ? i : order[i])), MemberFingerprints(docs),
                options.CommonShingleDocuments, options.MaxDegreeOfParallelism, docs.Spare);
        counted?.GiveBack();
        var spill = order is null ? null : docs.Store.Spill;
        var documents = order is null ? [.. Enumerable.Range(0, docs.Count)] : SpillOrder.OfDocuments(docs);
        using var runs = options.SpillDirectory is { } directory
            ? new CandidateRuns(directory, passing.BucketBits, options.CandidateBudgetBytes ?? CandidateRuns.DefaultBudgetBytes())
            : null;
        var lists = CandidateLists.Gather(docs, passing, documents, workers, spill, runs, parallel.CancellationToken);
        if (lists is null)
        {
            return runs!.CountAndSize(docs, groups, passing.BucketBits, options.CommonShingleDocuments, workers, parallel);
        }
        var common = BoilerplateFilter.FromCandidates(lists.CountGroups(groups, passing.BucketBits, workers, docs.Spare), options.CommonShingleDocuments);
        var sizes = lists.Sizes(docs, common, parallel);
        lists.GiveBack(docs.Spare);
        return (common, sizes);
    }

    /// <summary>The members' sizes summed: they bound the unions' (the counters need no more than that to be sized).</summary>
    internal static long MemberFingerprints(DocumentTable docs)
    {
        long memberFingerprints = 0;
        for (int i = 0; i < docs.Count; i++)
        {
            memberFingerprints += docs.FingerprintCount(i);
        }
        return memberFingerprints;
    }

    /// <summary>
    /// The sizing part alone, given the boilerplate fingerprints <paramref name="common"/> (counted by <see cref="Count"/>,
    /// or elsewhere over the same groups): each document's fingerprints that are not boilerplate. The partitioned index
    /// runs it where the fingerprints are stored, each partition over its own documents.
    /// </summary>
    public static int[] Sizes(DocumentTable docs, BoilerplateFilter common, ParallelOptions parallel)
    {
        var sizes = new int[docs.Count];
        Parallel.For(0, sizes.Length, parallel, i => sizes[i] = common.CountNotBoilerplate(docs.Fingerprints(i)));
        return sizes;
    }

    /// <summary>
    /// The deciding part, given <paramref name="sizes"/> (<see cref="Sizes"/>, or the same counted elsewhere): the core
    /// sizes, which read no document's fingerprints but the cores of groups of several.
    /// </summary>
    public static Boilerplate Find(NearDupOptions options, GroupLayout groups, GroupCores cores, BoilerplateFilter common, int[] sizes,
        ParallelOptions parallel)
    {
        var coreSizes = new int[groups.Count];
        // A group of one's core is its member's fingerprints, already counted in its size.
        Parallel.For(0, coreSizes.Length, parallel, g => coreSizes[g] = CoreSize(groups, cores, common, sizes, g));
        return new Boilerplate(common, new Verifier(options, common), sizes, coreSizes);
    }

    /// <summary>Group <paramref name="g"/>'s core's fingerprints that are not boilerplate.</summary>
    internal static int CoreSize(GroupLayout groups, GroupCores cores, BoilerplateFilter common, int[] sizes, int g) =>
        groups.Size(g) == 1 ? sizes[groups.Members[groups.Starts[g]]] : common.CountNotBoilerplate(cores[g]);
}
