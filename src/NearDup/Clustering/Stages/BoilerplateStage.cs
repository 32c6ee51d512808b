namespace NearDup.Clustering;

/// <summary>
/// Boilerplate: a fingerprint that <see cref="NearDupOptions.CommonShingleDocuments"/> or more groups hold is a site's
/// header, footer or stock phrase, and is ignored from here on. It is counted once per group over the union of its
/// members' fingerprints, so that a header carried only by syndicated copies is seen, and a story syndicated a
/// thousand times counts once.
/// </summary>
internal static class BoilerplateStage
{
    public static Boilerplate Find(DocumentTable docs, NearDupOptions options, GroupLayout groups, GroupCores cores, ParallelOptions parallel)
    {
        // The members' sizes summed bound the unions' (the counters need no more than that to be sized).
        long memberFingerprints = 0;
        for (int i = 0; i < docs.Count; i++)
        {
            memberFingerprints += docs.FingerprintCount(i);
        }
        var common = BoilerplateFilter.Build(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), memberFingerprints,
            options.CommonShingleDocuments, options.MaxDegreeOfParallelism);
        var sizes = new int[docs.Count];
        Parallel.For(0, sizes.Length, parallel, i => sizes[i] = common.CountNotBoilerplate(docs.Fingerprints(i)));
        var coreSizes = new int[groups.Count];
        // A group of one's core is its member's fingerprints, counted just above.
        Parallel.For(0, coreSizes.Length, parallel,
            g => coreSizes[g] = groups.Size(g) == 1 ? sizes[groups.Members[groups.Starts[g]]] : common.CountNotBoilerplate(cores[g]));
        return new Boilerplate(common, new Verifier(options, common), sizes, coreSizes);
    }
}
