using System.Runtime.InteropServices;
using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>
/// The group pairs that share at least <see cref="NearDupOptions.MinSharedAnchors"/> anchors, read off the anchor
/// table's runs: every pair of groups under one key is one shared anchor, so the work is the pairs, not a lookup per
/// anchor of every group. A key that is not boilerplate is held by fewer groups than the boilerplate threshold, so a
/// run gives at most a hundred-odd pairs at the default threshold. The pairs are bucketed by their first group, and
/// each bucket is sorted and counted on its own; when there are too many to hold at once, they are taken in ranges of
/// first groups. A key exactly two groups hold, one of them short, counts <see cref="DistinctiveAnchors.Weight"/> times.
/// </summary>
internal static class AnchorPairs
{
    /// <summary>
    /// The fewest pair occurrences a pass may hold (4 Mi: 32 MiB, in one array); more go in further passes, each two
    /// scans of the table's postings. The weak-link stage gives a pass the memory left (<see cref="PairsInBudget"/>):
    /// a fixed 4 Mi made 220 passes over about a billion postings at ten million documents.
    /// </summary>
    private const long MinPairsPerPass = 1 << 22;

    /// <summary>Parts of the table per worker: runs are uneven, so several parts each keep the workers busy.</summary>
    private const int PartsPerWorker = 8;

    /// <summary>First groups per bucket, 2^8: a bucket's pairs sort in cache.</summary>
    private const int GroupsPerBucketLog2 = 8;

    /// <summary>The pair occurrences a pass of <see cref="Candidates(IReadOnlyList{SharedAnchorRuns}, bool[], int, ParallelOptions, long, Internal.SpareArrays?)"/> holds in <paramref name="bytes"/> (8 bytes each), at least 4 Mi.</summary>
    public static long PairsInBudget(long bytes) => Math.Max(MinPairsPerPass, bytes / sizeof(long));

    /// <summary>
    /// The packed (smaller group, larger group) keys of the pairs sharing <paramref name="minShared"/> or more anchors,
    /// ascending; <paramref name="shortGroups"/> tells, by group, whether its core is short (<see cref="DistinctiveAnchors"/>).
    /// <paramref name="maxPairsPerPass"/> bounds the pair occurrences held at once (tests make it small).
    /// </summary>
    public static long[] Candidates(PostingTable<uint> anchors, bool[] shortGroups, int minShared, ParallelOptions parallel,
        long maxPairsPerPass = MinPairsPerPass) =>
        Candidates([SharedAnchorRuns.Of(anchors.Keys, anchors.Documents)], shortGroups, minShared, parallel, maxPairsPerPass);

    /// <summary>Like the table's overload, over the table's parts as <see cref="AnchorTable.SharedRuns"/> keeps them (no run spans two).</summary>
    public static long[] Candidates(IReadOnlyList<AnchorRuns> anchors, bool[] shortGroups, int minShared, ParallelOptions parallel,
        long maxPairsPerPass = MinPairsPerPass) =>
        Candidates(anchors.Select(r => SharedAnchorRuns.Of(r.Keys, r.Owners)).ToList(), shortGroups, minShared, parallel, maxPairsPerPass);

    /// <summary>
    /// Like the table's overload, over the table's parts without their keys, as <see cref="AnchorTable.SharedRunsInBudget"/>
    /// keeps them. Every pass's pairs are held in one array, the size of the largest pass's, taken from
    /// <paramref name="spare"/> (and given back) when given: a pass may hold a block's worth, and an array a pass, kept
    /// as spare, would hold a block's worth for every pass larger than the ones before it.
    /// </summary>
    public static long[] Candidates(IReadOnlyList<SharedAnchorRuns> anchors, bool[] shortGroups, int minShared, ParallelOptions parallel,
        long maxPairsPerPass = MinPairsPerPass, Internal.SpareArrays? spare = null)
    {
        int workers = Internal.Workers.Count(parallel.MaxDegreeOfParallelism, int.MaxValue);
        var parts = Parts(anchors, workers * PartsPerWorker);
        var passes = Passes(PairsPerGroup(anchors, shortGroups), maxPairsPerPass);
        // The pairs' longs in a uint array, which the spare arrays can hold (the stage before let go of several).
        int words = checked(2 * (int)passes.Select(p => p.Pairs).DefaultIfEmpty().Max());
        if (words == 0)
        {
            return [];
        }
        var buckets = spare?.TakeOrLetGo(words) ?? new uint[words];
        var found = new List<long>();
        foreach (var (lo, hi, _) in passes)
        {
            found.AddRange(CountPass(anchors, shortGroups, parts, lo, hi, minShared, parallel, buckets));
        }
        spare?.Give(buckets);
        return [.. found];
    }

    /// <summary>
    /// The passes' ranges of first groups [Lo, Hi) and their pair occurrences: as many groups as fit
    /// <paramref name="maxPairsPerPass"/>, always at least one.
    /// </summary>
    private static List<(int Lo, int Hi, long Pairs)> Passes(int[] perGroup, long maxPairsPerPass)
    {
        var passes = new List<(int Lo, int Hi, long Pairs)>();
        for (int lo = 0; lo < perGroup.Length;)
        {
            long pairs = perGroup[lo];
            int hi = lo + 1;
            while (hi < perGroup.Length && pairs + perGroup[hi] <= maxPairsPerPass)
            {
                pairs += perGroup[hi++];
            }
            passes.Add((lo, hi, pairs));
            lo = hi;
        }
        return passes;
    }

    /// <summary>Per group, the anchor pairs it is the smaller group of (what a pass over its range holds).</summary>
    private static int[] PairsPerGroup(IReadOnlyList<SharedAnchorRuns> anchors, bool[] shortGroups)
    {
        // An int a group: its anchors times the groups under each (fewer than the boilerplate threshold) stays far below 2^31.
        var perGroup = new int[shortGroups.Length];
        foreach (var runs in anchors)
        {
            for (int start = 0, end; start < runs.Length; start = end)
            {
                end = runs.RunEnd(start);
                for (int i = start; i < end - 1; i++)
                {
                    perGroup[runs.GroupAt(i)] += end - start == 2 ? Weight(runs, start, shortGroups) : end - 1 - i;
                }
            }
        }
        return perGroup;
    }

    /// <summary>
    /// The pairs whose smaller group is in [<paramref name="lo"/>, <paramref name="hi"/>) and that share enough anchors,
    /// ascending; <paramref name="buckets"/> holds the pass's pair occurrences (as longs) while they are sorted.
    /// </summary>
    private static long[] CountPass(IReadOnlyList<SharedAnchorRuns> anchors, bool[] shortGroups, Part[] parts, int lo, int hi, int minShared,
        ParallelOptions parallel, uint[] buckets)
    {
        int groups = shortGroups.Length;
        // Two scans of the table: one counts each part's pairs per bucket, the other writes them to their places, so
        // the pairs are held once, in one array of the exact size (no growing lists for the collector to copy).
        int bucketCount = ((hi - lo - 1) >> GroupsPerBucketLog2) + 1;
        var cursors = new int[parts.Length][];
        Parallel.For(0, cursors.Length, parallel, p =>
        {
            cursors[p] = new int[bucketCount];
            Emit(anchors[parts[p].Runs], shortGroups, parts[p], lo, hi, new CountSink(cursors[p], lo));
        });
        var starts = new int[bucketCount + 1];
        for (int b = 0, at = 0; b < bucketCount; b++)
        {
            starts[b] = at;
            foreach (var cursor in cursors)
            {
                (cursor[b], at) = (at, at + cursor[b]);
            }
            starts[b + 1] = at;
        }
        Parallel.For(0, cursors.Length, parallel,
            p => Emit(anchors[parts[p].Runs], shortGroups, parts[p], lo, hi, new ScatterSink(buckets, cursors[p], lo)));
        var counted = new long[bucketCount][];
        int secondBits = Math.Max(1, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)groups));
        Parallel.For(0, counted.Length, parallel, () => new PairRadixSort(), (b, _, sort) =>
        {
            var bucket = MemoryMarshal.Cast<uint, long>(buckets.AsSpan()).Slice(starts[b], starts[b + 1] - starts[b]);
            sort.Sort(bucket, lo + (b << GroupsPerBucketLog2), GroupsPerBucketLog2, secondBits);
            counted[b] = Counted(bucket, minShared);
            return sort;
        }, _ => { });
        var all = new long[counted.Sum(c => c.Length)];
        int w = 0;
        foreach (var c in counted)
        {
            c.CopyTo(all, w);
            w += c.Length;
        }
        return all;
    }

    /// <summary>
    /// Every pair of groups under one key of <paramref name="runs"/> (sorted by key, then group), once a key: a
    /// partition of the keys' pair occurrences, which <see cref="Shared"/> counts once every partition's are together.
    /// A key of two groups one of which <paramref name="shortGroups"/> holds gives its pair <see cref="DistinctiveAnchors.Weight"/> times.
    /// </summary>
    internal static long[] Occurrences(AnchorRuns runs, IReadOnlySet<int> shortGroups)
    {
        var isShort = new bool[runs.Owners.Length == 0 ? 0 : runs.Owners.Max() + 1];
        foreach (int g in shortGroups)
        {
            if (g < isShort.Length)
            {
                isShort[g] = true;
            }
        }
        var pairs = new List<long>();
        Emit(SharedAnchorRuns.Of(runs.Keys, runs.Owners), isShort, new Part(0, 0, runs.Keys.Length), 0, int.MaxValue, new ListSink(pairs));
        return [.. pairs];
    }

    /// <summary>
    /// Every pair of groups under one key in <paramref name="part"/> of <paramref name="runs"/> whose smaller group is
    /// in the pass, to <paramref name="sink"/>; a key of two groups gives its pair <see cref="Weight"/> times.
    /// </summary>
    private static void Emit<TSink>(SharedAnchorRuns runs, bool[] shortGroups, Part part, int lo, int hi, TSink sink)
        where TSink : struct, IPairSink
    {
        for (int start = part.From, end; start < part.To; start = end)
        {
            end = runs.RunEnd(start);
            for (int i = start; i < end - 1; i++)
            {
                int a = runs.GroupAt(i);
                if (a < lo || a >= hi)
                {
                    continue;
                }
                if (end - start == 2)
                {
                    for (int w = Weight(runs, start, shortGroups); w > 0; w--)
                    {
                        sink.Add(PairKey.Pack(a, runs.GroupAt(start + 1)));
                    }
                    continue;
                }
                for (int j = i + 1; j < end; j++)
                {
                    sink.Add(PairKey.Pack(a, runs.GroupAt(j)));
                }
            }
        }
    }

    /// <summary>
    /// The shared anchors the key of the run of two groups at <paramref name="start"/> counts as:
    /// <see cref="DistinctiveAnchors.Weight"/> when either group's core is short, else one.
    /// </summary>
    private static int Weight(SharedAnchorRuns runs, int start, bool[] shortGroups) =>
        shortGroups[runs.GroupAt(start)] || shortGroups[runs.GroupAt(start + 1)] ? DistinctiveAnchors.Weight : 1;

    private static int Bucket(long key, int lo) => (int)(((key >> 32) - lo) >> GroupsPerBucketLog2);

    /// <summary>The distinct keys of a bucket that occur at least <paramref name="minShared"/> times, ascending (sorts the bucket).</summary>
    internal static long[] Shared(Span<long> bucket, int minShared)
    {
        bucket.Sort();
        return Counted(bucket, minShared);
    }

    /// <summary>The distinct keys of sorted <paramref name="bucket"/> that occur at least <paramref name="minShared"/> times, ascending.</summary>
    private static long[] Counted(ReadOnlySpan<long> bucket, int minShared)
    {
        var shared = new List<long>();
        for (int i = 0, start = 0; i <= bucket.Length; i++)
        {
            if (i == bucket.Length || bucket[i] != bucket[start])
            {
                if (i - start >= minShared)
                {
                    shared.Add(bucket[start]);
                }
                start = i;
            }
        }
        return [.. shared];
    }

    /// <summary>
    /// About <paramref name="count"/> parts of all the postings, in order, each on a run's start and within one of the
    /// runs' arrays (a part never spans two: no run does).
    /// </summary>
    private static Part[] Parts(IReadOnlyList<SharedAnchorRuns> anchors, int count)
    {
        long total = anchors.Sum(a => (long)a.Length);
        var parts = new List<Part>();
        for (int r = 0; r < anchors.Count; r++)
        {
            var bounds = Bounds(anchors[r], (int)Math.Max(1, (count * (long)anchors[r].Length + total - 1) / Math.Max(1, total)));
            for (int b = 0; b + 1 < bounds.Length; b++)
            {
                parts.Add(new Part(r, bounds[b], bounds[b + 1]));
            }
        }
        return [.. parts];
    }

    /// <summary>Boundaries of about <paramref name="count"/> parts of the postings, each on a run's start.</summary>
    private static int[] Bounds(SharedAnchorRuns runs, int count)
    {
        var bounds = new List<int> { 0 };
        for (int p = 1; p < count; p++)
        {
            int at = (int)((long)runs.Length * p / count);
            at = at <= bounds[^1] ? bounds[^1] : runs.RunEnd(Math.Max(at - 1, bounds[^1]));
            if (at > bounds[^1] && at < runs.Length)
            {
                bounds.Add(at);
            }
        }
        bounds.Add(runs.Length);
        return [.. bounds];
    }

    /// <summary>Postings [<paramref name="From"/>, <paramref name="To"/>) of the runs' array number <paramref name="Runs"/>.</summary>
    private readonly record struct Part(int Runs, int From, int To);

    /// <summary>Where <see cref="Emit"/> puts a pair: the JIT specializes the loop for each.</summary>
    private interface IPairSink
    {
        public void Add(long key);
    }

    /// <summary>Counts a part's pairs per bucket.</summary>
    private readonly struct CountSink(int[] counts, int lo) : IPairSink
    {
        public void Add(long key) => counts[Bucket(key, lo)]++;
    }

    /// <summary>Keeps every pair, in order.</summary>
    private readonly struct ListSink(List<long> pairs) : IPairSink
    {
        public void Add(long key) => pairs.Add(key);
    }

    /// <summary>Writes a part's pairs at its cursor in each bucket.</summary>
    private readonly struct ScatterSink(uint[] all, int[] cursors, int lo) : IPairSink
    {
        public void Add(long key) => MemoryMarshal.Cast<uint, long>(all.AsSpan())[cursors[Bucket(key, lo)]++] = key;
    }
}
