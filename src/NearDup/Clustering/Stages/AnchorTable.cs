using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>
/// The anchor table: each group's core fingerprints whose low bits are zero (one in <see cref="NearDupOptions.AnchorRate"/>),
/// boilerplate left out, keyed by fingerprint. Groups that share <see cref="NearDupOptions.MinSharedAnchors"/> anchors
/// are weak-link candidates, for the copies that share too little for LSH to see. The weak-link stage and the query
/// indexes both build it here.
/// </summary>
internal static class AnchorTable
{
    /// <summary>The mask whose bits a fingerprint must have clear to be an anchor.</summary>
    public static uint MaskOf(NearDupOptions options) => (uint)options.AnchorRate - 1;

    /// <summary>
    /// Builds the table, sized by a counting pass (no list doubling), filled in parallel at each group's offset, then
    /// sorted by a stable radix sort: the postings go in group order, so equal keys keep their groups ascending.
    /// </summary>
    public static PostingTable<uint> Build(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel)
    {
        var starts = new long[groups + 1];
        Parallel.For(0, groups, parallel, g =>
        {
            int count = 0;
            foreach (uint fp in cores[g])
            {
                count += IsAnchor(fp, anchorMask, common) ? 1 : 0;
            }
            starts[g + 1] = count;
        });
        for (int g = 0; g < groups; g++)
        {
            starts[g + 1] += starts[g];
        }
        var keys = new uint[starts[groups]];
        var owners = new int[keys.Length];
        Parallel.For(0, groups, parallel, g =>
        {
            long k = starts[g];
            foreach (uint fp in cores[g])
            {
                if (IsAnchor(fp, anchorMask, common))
                {
                    keys[k] = fp;
                    owners[k++] = g;
                }
            }
        });
        StableRadixSort.Sort(keys, owners);
        return PostingTable<uint>.FromSorted(keys, owners);
    }

    private static bool IsAnchor(uint fp, uint anchorMask, BoilerplateFilter common) => (fp & anchorMask) == 0 && !common.IsBoilerplate(fp);
}
