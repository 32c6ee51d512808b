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

    /// <summary>Builds the table, sized by a counting pass: no list doubling.</summary>
    public static PostingTable<uint> Build(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel)
    {
        var counts = new int[groups];
        Parallel.For(0, groups, parallel, g =>
        {
            int count = 0;
            foreach (uint fp in cores[g])
            {
                if ((fp & anchorMask) == 0 && !common.IsBoilerplate(fp))
                {
                    count++;
                }
            }
            counts[g] = count;
        });
        long total = 0;
        foreach (int count in counts)
        {
            total += count;
        }
        var keys = new uint[total];
        var owners = new int[total];
        for (int g = 0, k = 0; g < groups; g++)
        {
            foreach (uint fp in cores[g])
            {
                if ((fp & anchorMask) == 0 && !common.IsBoilerplate(fp))
                {
                    keys[k] = fp;
                    owners[k++] = g;
                }
            }
        }
        return PostingTable<uint>.Build(keys, owners);
    }
}
