namespace NearDup.Clustering;

/// <summary>
/// Boilerplate: a fingerprint that <see cref="NearDupOptions.CommonShingleDocuments"/> or more groups hold is a site's
/// header, footer or stock phrase, and is ignored from here on. It is counted once per group over the union of its
/// members' fingerprints, so that a header carried only by syndicated copies is seen, and a story syndicated a
/// thousand times counts once.
/// </summary>
internal static class BoilerplateStage
{
    /// <summary>Groups asked for ahead of the one being counted (see <see cref="CountInOrder"/>).</summary>
    private const int AskAhead = SpillSweep.Chunk;

    /// <summary>
    /// The boilerplate and the sizes without it. When the cores were computed in spill order (<see cref="GroupCores.Order"/>),
    /// every step reads the spill file in that order or the slots' (<see cref="FindInOrder"/>).
    /// </summary>
    public static Boilerplate Find(DocumentTable docs, NearDupOptions options, GroupLayout groups, GroupCores cores, ParallelOptions parallel) =>
        cores.Order is { } order
            ? FindInOrder(docs, options, groups, cores, order, Internal.Workers.Count(parallel.MaxDegreeOfParallelism, int.MaxValue), parallel.CancellationToken)
            : Find(docs, options, groups, cores, Count(docs, options, groups), parallel);

    /// <summary>The counting part: the fingerprints held by <see cref="NearDupOptions.CommonShingleDocuments"/> or more groups.</summary>
    public static BoilerplateFilter Count(DocumentTable docs, NearDupOptions options, GroupLayout groups) =>
        BoilerplateFilter.Build(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), MemberFingerprints(docs),
            options.CommonShingleDocuments, options.MaxDegreeOfParallelism, (g, keep) => GroupUnion.OfKept(docs, groups.MembersOf(g), keep));

    /// <summary>The members' sizes summed: they bound the unions' (the counters need no more than that to be sized).</summary>
    private static long MemberFingerprints(DocumentTable docs)
    {
        long memberFingerprints = 0;
        for (int i = 0; i < docs.Count; i++)
        {
            memberFingerprints += docs.FingerprintCount(i);
        }
        return memberFingerprints;
    }

    /// <summary>
    /// <see cref="Find(DocumentTable, NearDupOptions, GroupLayout, GroupCores, ParallelOptions)"/> over a spill file larger
    /// than the page cache: the groups counted in <paramref name="order"/>, the documents sized in slot order and the
    /// cores in <paramref name="order"/> (as they are stored), by <see cref="SpillSweep"/>'s <paramref name="workers"/>.
    /// The counts and sizes are the same in any order.
    /// </summary>
    internal static Boilerplate FindInOrder(DocumentTable docs, NearDupOptions options, GroupLayout groups, GroupCores cores, int[] order, int workers,
        CancellationToken cancellationToken)
    {
        var common = CountInOrder(docs, options, groups, order);
        var spill = docs.Store.Spill;
        var sizes = new int[docs.Count];
        SpillSweep.Run(spill, SpillOrder.OfDocuments(docs), workers, cancellationToken, i => FingerprintSpill.WillNeed(docs.Fingerprints(i)),
            i => sizes[i] = common.CountNotBoilerplate(docs.Fingerprints(i)));
        var coreSizes = new int[groups.Count];
        SpillSweep.Run(spill, order, workers, cancellationToken,
            g =>
            {
                if (groups.Size(g) > 1)
                {
                    FingerprintSpill.WillNeed(cores[g]);
                }
            },
            g => coreSizes[g] = CoreSize(groups, cores, common, sizes, g));
        return new Boilerplate(common, new Verifier(options, common), sizes, coreSizes);
    }

    /// <summary>
    /// <see cref="Count"/> over the groups in <paramref name="order"/> (the counts are the same in any order) at random
    /// advice, each group's members asked for <see cref="AskAhead"/> groups before they are counted.
    /// </summary>
    private static BoilerplateFilter CountInOrder(DocumentTable docs, NearDupOptions options, GroupLayout groups, int[] order)
    {
        void Ask(int i)
        {
            if (i + AskAhead < order.Length)
            {
                GroupCores.AskForMembers(docs, groups, order[i + AskAhead]);
            }
        }
        docs.Store.Spill?.Advise(random: true);
        try
        {
            return BoilerplateFilter.Build(groups.Count, i =>
            {
                Ask(i);
                return GroupUnion.Of(docs, groups.MembersOf(order[i]));
            }, MemberFingerprints(docs), options.CommonShingleDocuments, options.MaxDegreeOfParallelism, (i, keep) =>
            {
                Ask(i);
                return GroupUnion.OfKept(docs, groups.MembersOf(order[i]), keep);
            });
        }
        finally
        {
            docs.Store.Spill?.Advise(random: false);
        }
    }

    /// <summary>
    /// The deciding part, given the boilerplate fingerprints <paramref name="common"/> (counted by <see cref="Count"/>, or
    /// elsewhere over the same groups: the partitioned index counts them at its partitions): every size without them.
    /// </summary>
    public static Boilerplate Find(DocumentTable docs, NearDupOptions options, GroupLayout groups, GroupCores cores, BoilerplateFilter common,
        ParallelOptions parallel) => Find(options, groups, cores, common, Sizes(docs, common, parallel), parallel);

    /// <summary>
    /// The sizing part: each document's fingerprints that are not boilerplate. The partitioned index runs it where the
    /// fingerprints are stored, each partition over its own documents.
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
    private static int CoreSize(GroupLayout groups, GroupCores cores, BoilerplateFilter common, int[] sizes, int g) =>
        groups.Size(g) == 1 ? sizes[groups.Members[groups.Starts[g]]] : common.CountNotBoilerplate(cores[g]);
}
