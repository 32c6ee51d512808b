namespace NearDup.Clustering;

/// <summary>
/// Boilerplate: a fingerprint that <see cref="NearDupOptions.CommonShingleDocuments"/> or more groups hold is a site's
/// header, footer or stock phrase, and is ignored from here on. It is counted once per group over the union of its
/// members' fingerprints, so that a header carried only by syndicated copies is seen, and a story syndicated a
/// thousand times counts once.
/// </summary>
internal static class BoilerplateStage
{
    public static Boilerplate Find(DocumentTable docs, NearDupOptions options, GroupLayout groups, GroupCores cores, ParallelOptions parallel) =>
        Find(docs, options, groups, cores, Count(docs, options, groups), parallel);

    /// <summary>The counting part: the fingerprints held by <see cref="NearDupOptions.CommonShingleDocuments"/> or more groups.</summary>
    public static BoilerplateFilter Count(DocumentTable docs, NearDupOptions options, GroupLayout groups)
    {
        // The members' sizes summed bound the unions' (the counters need no more than that to be sized).
        long memberFingerprints = 0;
        for (int i = 0; i < docs.Count; i++)
        {
            memberFingerprints += docs.FingerprintCount(i);
        }
        return BoilerplateFilter.Build(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), memberFingerprints,
            options.CommonShingleDocuments, options.MaxDegreeOfParallelism, (g, keep) => GroupUnion.OfKept(docs, groups.MembersOf(g), keep));
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
        Parallel.For(0, coreSizes.Length, parallel,
            g => coreSizes[g] = groups.Size(g) == 1 ? sizes[groups.Members[groups.Starts[g]]] : common.CountNotBoilerplate(cores[g]));
        return new Boilerplate(common, new Verifier(options, common), sizes, coreSizes);
    }
}
