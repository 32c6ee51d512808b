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

    /// <summary>Top key bits that bucket the postings: 2,048 buckets, each sorted on its own, in cache, with no second array.</summary>
    private const int BucketBits = 11;

    /// <summary>
    /// Builds the table, sized by a counting pass (no list doubling). The postings go straight to the bucket of their
    /// key's top bits, in group order; then each bucket is sorted on its own, so the table needs no scratch copy.
    /// </summary>
    public static PostingTable<uint> Build(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel)
    {
        var starts = BucketStarts(cores, groups, common, anchorMask, parallel);
        var keys = new uint[starts[^1]];
        var owners = new int[keys.Length];
        var fill = starts[..^1];
        for (int g = 0; g < groups; g++)
        {
            foreach (uint fp in cores[g])
            {
                if (IsAnchor(fp, anchorMask, common))
                {
                    long k = fill[fp >> (32 - BucketBits)]++;
                    keys[k] = fp;
                    owners[k] = g;
                }
            }
        }
        Parallel.For(0, starts.Length - 1, parallel, b =>
        {
            int from = (int)starts[b], length = (int)(starts[b + 1] - starts[b]);
            PostingTable<uint>.Sort(keys.AsSpan(from, length), owners.AsSpan(from, length));
        });
        return PostingTable<uint>.FromSorted(keys, owners);
    }

    /// <summary>Where each bucket's postings start (one more entry: the total), counted in parallel.</summary>
    private static long[] BucketStarts(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel)
    {
        var starts = new long[(1 << BucketBits) + 1];
        Parallel.For(0, groups, parallel, () => new long[1 << BucketBits], (g, _, counts) =>
        {
            foreach (uint fp in cores[g])
            {
                if (IsAnchor(fp, anchorMask, common))
                {
                    counts[fp >> (32 - BucketBits)]++;
                }
            }
            return counts;
        }, counts =>
        {
            lock (starts)
            {
                for (int b = 0; b < counts.Length; b++)
                {
                    starts[b + 1] += counts[b];
                }
            }
        });
        for (int b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }
        return starts;
    }

    private static bool IsAnchor(uint fp, uint anchorMask, BoilerplateFilter common) => (fp & anchorMask) == 0 && !common.IsBoilerplate(fp);
}
