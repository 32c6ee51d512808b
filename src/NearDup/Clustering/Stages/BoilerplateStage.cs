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
        var sizes = BoilerplateSweep.NotBoilerplate(docs.Count, docs.Fingerprints, common.Common, parallel);
        // A group of one's core is its member's fingerprints, counted just above: only the larger groups' cores are swept.
        var coreSizes = new int[groups.Count];
        var several = new List<int>();
        for (int g = 0; g < coreSizes.Length; g++)
        {
            if (groups.Size(g) == 1)
            {
                coreSizes[g] = sizes[groups.Members[groups.Starts[g]]];
            }
            else
            {
                several.Add(g);
            }
        }
        var severalSizes = BoilerplateSweep.NotBoilerplate(several.Count, k => cores[several[k]], common.Common, parallel);
        for (int k = 0; k < several.Count; k++)
        {
            coreSizes[several[k]] = severalSizes[k];
        }
        return new Boilerplate(common, new Verifier(options, common), sizes, coreSizes);
    }
}
