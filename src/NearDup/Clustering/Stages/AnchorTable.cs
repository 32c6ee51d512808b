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

    /// <summary>Top key bits that bucket the postings: 2,048 buckets, each sorted on its own, in cache.</summary>
    private const int BucketBits = 11;

    /// <summary>Ranges of groups per worker that count and scatter postings: several, as cores differ in size.</summary>
    private const int RangesPerWorker = 4;

    /// <summary>
    /// Builds the table, sized by a counting pass (no list doubling). Ranges of groups count their postings per
    /// bucket of the key's top bits, then scatter them in parallel, each range at its own place in each bucket, so a
    /// bucket holds its postings in group order whatever the workers; then each bucket is sorted on its own by a
    /// stable radix sort on the rest of the key, which leaves each run of equal keys in group order.
    /// </summary>
    public static PostingTable<uint> Build(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel)
    {
        int workers = Internal.Workers.Count(parallel.MaxDegreeOfParallelism, int.MaxValue);
        int ranges = Math.Max(1, Math.Min(groups, workers * RangesPerWorker));
        var cursors = new long[ranges][];
        Parallel.For(0, ranges, parallel, r => cursors[r] = Count(cores, First(r, ranges, groups), First(r + 1, ranges, groups), common, anchorMask));
        var starts = new long[(1 << BucketBits) + 1];
        for (int b = 0; b < starts.Length - 1; b++)
        {
            long at = starts[b];
            foreach (var cursor in cursors)
            {
                (cursor[b], at) = (at, at + cursor[b]);
            }
            starts[b + 1] = at;
        }
        var keys = new uint[starts[^1]];
        var owners = new int[keys.Length];
        Parallel.For(0, ranges, parallel, r =>
        {
            var cursor = cursors[r];
            for (int g = First(r, ranges, groups), end = First(r + 1, ranges, groups); g < end; g++)
            {
                foreach (uint fp in cores[g])
                {
                    if (IsAnchor(fp, anchorMask, common))
                    {
                        long k = cursor[fp >> (32 - BucketBits)]++;
                        keys[k] = fp;
                        owners[k] = g;
                    }
                }
            }
        });
        Parallel.For(0, starts.Length - 1, parallel, () => new AnchorRadixSort(), (b, _, sort) =>
        {
            int from = (int)starts[b], length = (int)(starts[b + 1] - starts[b]);
            sort.Sort(keys.AsSpan(from, length), owners.AsSpan(from, length), 32 - BucketBits);
            return sort;
        }, _ => { });
        return PostingTable<uint>.FromSorted(keys, owners);
    }

    private static int First(int range, int ranges, int groups) => (int)((long)groups * range / ranges);

    /// <summary>The postings of groups [<paramref name="from"/>, <paramref name="to"/>) per bucket.</summary>
    private static long[] Count(GroupCores cores, int from, int to, BoilerplateFilter common, uint anchorMask)
    {
        var counts = new long[1 << BucketBits];
        for (int g = from; g < to; g++)
        {
            foreach (uint fp in cores[g])
            {
                if (IsAnchor(fp, anchorMask, common))
                {
                    counts[fp >> (32 - BucketBits)]++;
                }
            }
        }
        return counts;
    }

    private static bool IsAnchor(uint fp, uint anchorMask, BoilerplateFilter common) => (fp & anchorMask) == 0 && !common.IsBoilerplate(fp);
}
