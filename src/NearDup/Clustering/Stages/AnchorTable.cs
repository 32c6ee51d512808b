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

    /// <summary>Whether <paramref name="fingerprint"/> is an anchor under <paramref name="anchorMask"/> (<see cref="MaskOf"/>).</summary>
    public static bool IsAnchor(uint fingerprint, uint anchorMask) => (fingerprint & anchorMask) == 0;

    /// <summary>
    /// Copies the anchors of <paramref name="core"/> to the front of <paramref name="into"/>, which must be as long as
    /// the core, and returns their number. Every value is written and only an anchor counted: one value in four is an
    /// anchor, at random, so a branch on it would be mispredicted often.
    /// </summary>
    public static int CopyAnchors(ReadOnlySpan<uint> core, uint anchorMask, Span<uint> into)
    {
        into = into[..core.Length];
        int n = 0;
        foreach (uint fp in core)
        {
            into[n] = fp;
            n += IsAnchor(fp, anchorMask) ? 1 : 0;
        }
        return n;
    }

    /// <summary>
    /// Postings gathered in any order, all those of their keys (an anchor-key partition's share of a run), as a pass of
    /// <see cref="SharedRuns"/> keeps them: sorted by key, then group, without the keys one group holds or boilerplate.
    /// The arrays are sorted in place.
    /// </summary>
    public static AnchorRuns SharedRunsOf(uint[] keys, int[] owners, BoilerplateFilter common)
    {
        var packed = new ulong[keys.Length];
        for (int i = 0; i < packed.Length; i++)
        {
            packed[i] = (ulong)keys[i] << 32 | (uint)owners[i];
        }
        Array.Sort(packed);
        for (int i = 0; i < packed.Length; i++)
        {
            (keys[i], owners[i]) = ((uint)(packed[i] >> 32), (int)(uint)packed[i]);
        }
        int kept = KeepRuns(keys, owners, common, minOwners: 2, sortOwners: false);
        return new AnchorRuns(keys[..kept], owners[..kept]);
    }

    /// <summary>Top key bits that bucket the postings: 2,048 buckets, each sorted on its own, in cache.</summary>
    private const int BucketBits = 11;

    private const int Buckets = 1 << BucketBits;

    /// <summary>Ranges of groups per worker that count and scatter postings: several, as cores differ in size.</summary>
    private const int RangesPerWorker = 4;

    /// <summary>
    /// Postings <see cref="BuildShared"/> scatters and sorts at a time, 4 Mi (32 MiB): at a million documents the whole
    /// table would be over a gigabyte, most of it keys held by one group.
    /// </summary>
    private const long MaxPostingsPerPass = 1 << 22;

    /// <summary>
    /// Passes at most (about: a pass ends on a bucket's edge), in memory: every pass visits every group's core, a cache
    /// miss each, so passes of a fixed size made the visits grow as the square of the corpus (about 33 passes over 705,000
    /// groups at a million documents); past this many, a pass holds a sixteenth of the postings (80 MiB at a million documents).
    /// </summary>
    private const int MaxPassesInMemory = 16;

    /// <summary>
    /// <see cref="SharedRuns"/> for the weak-link stage. In memory the passes are at most <see cref="MaxPassesInMemory"/>;
    /// the anchors are not gathered there (a million documents' would add 0.6 GB to the peak, for about a second of
    /// CPU). When the cores were computed in spill order (<see cref="GroupCores.Order"/>)
    /// their spill file is larger than the page cache, and every pass that reads the cores is a sweep of it (a page
    /// holds a core's slice of any pass): there a pass may hold as many postings as fill the cores' block budget (no
    /// block is held in the page cache while the table is built, so its memory can hold postings instead), and the
    /// anchors are gathered in the first read, so the passes read no core again: in memory when they fit the budget (a
    /// quarter of the fingerprints at the default rate: about 0.56 GB at a million documents; the passes' arrays get
    /// what is left of it), else in a spill file of their own beside the cores', which each pass then reads once, a
    /// quarter of the cores (reading the cores again read the documents' fingerprints for every group of one). Each
    /// pass keeps its runs without their keys (<see cref="SharedAnchorRuns"/>), all the stage pairs groups by. When the sweep that computed the cores gathered their anchors (<see cref="GroupCores.Anchors"/>),
    /// the table takes them (the cores then hold none) and reads no core at all.
    /// </summary>
    public static List<SharedAnchorRuns> SharedRunsInBudget(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel)
    {
        if (cores.Order is null)
        {
            return BuildInPasses(cores, groups, common, anchorMask, parallel, MaxPostingsPerPass, keepSingle: false, gather: false, AsGroups,
                spare: cores.Docs.Spare, maxPasses: MaxPassesInMemory);
        }
        var held = cores.Anchors;
        cores.Anchors = null;
        if (held is not null && held.AnchorMask == anchorMask)
        {
            long left = (cores.BlockBytes - held.Bytes) / (sizeof(uint) + sizeof(int));
            return BuildInPasses(cores, groups, common, anchorMask, parallel, Math.Max(MaxPostingsPerPass, left), keepSingle: false, gather: false, AsGroups,
                held, cores.Docs.Spare);
        }
        long gathered = cores.Fingerprints(groups) / (anchorMask + 1L) * sizeof(uint);
        bool fits = gathered <= cores.BlockBytes;
        // The passes' runs are copied out (AsGroups), so the file goes when they are built.
        using var file = fits || cores.Spill is null ? null : new FingerprintSpill(Path.GetDirectoryName(cores.Spill.Path)!);
        long postings = (cores.BlockBytes - (fits ? gathered : 0)) / (sizeof(uint) + sizeof(int));
        return BuildInPasses(cores, groups, common, anchorMask, parallel, Math.Max(MaxPostingsPerPass, postings), keepSingle: false,
            gather: fits || file is not null, AsGroups, spare: cores.Docs.Spare, gatherTo: file);
    }

    /// <summary>
    /// Builds the whole table (the query indexes look up any group's anchors). Ranges of groups count their postings
    /// per bucket of the key's top bits, then scatter them in parallel, each range at its own place in each bucket, so
    /// a bucket holds its postings in group order whatever the workers; then each bucket is sorted on its own by a
    /// stable radix sort on the rest of the key, which leaves each run of equal keys in group order.
    /// </summary>
    public static PostingTable<uint> Build(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel) =>
        Table(BuildInPasses(cores, groups, common, anchorMask, parallel, long.MaxValue, keepSingle: true, gather: false, AsRuns));

    /// <summary>
    /// The postings of the keys that two groups or more hold, all a weak-link stage reads (a key of one group pairs
    /// no groups), built a range of keys at a time: each pass scatters and sorts at most
    /// <paramref name="maxPostingsPerPass"/> postings (tests make it small) and keeps its shared keys' runs.
    /// </summary>
    public static PostingTable<uint> BuildShared(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel,
        long maxPostingsPerPass = MaxPostingsPerPass) =>
        Table(SharedRuns(cores, groups, common, anchorMask, parallel, maxPostingsPerPass));

    /// <summary>
    /// <see cref="BuildShared"/>'s postings as each pass kept them, in key order, not copied into one table: at a million
    /// documents the shared postings are about half a gigabyte, and joining the passes' parts held them twice at once.
    /// </summary>
    /// <remarks>
    /// With <paramref name="gather"/> the first read keeps each core's anchors in memory and the passes read those.
    /// Passes hold a <paramref name="maxPasses"/>-th of the postings or more, larger than <paramref name="maxPostingsPerPass"/>
    /// if need be (so about that many passes at most: a pass ends on a bucket's edge).
    /// </remarks>
    public static List<AnchorRuns> SharedRuns(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel,
        long maxPostingsPerPass = MaxPostingsPerPass, bool gather = false, int maxPasses = int.MaxValue) =>
        BuildInPasses(cores, groups, common, anchorMask, parallel, maxPostingsPerPass, keepSingle: false, gather, AsRuns, maxPasses: maxPasses);

    /// <summary>A pass's kept postings with their keys: copied, as the next pass reuses the arrays, unless it is the only pass.</summary>
    private static AnchorRuns AsRuns(uint[] keys, int[] owners, int kept, bool onlyPass) =>
        onlyPass && kept == keys.Length ? new AnchorRuns(keys, owners) : new AnchorRuns(keys[..kept], owners[..kept]);

    /// <summary>A pass's kept postings without their keys, in an array of their own.</summary>
    private static SharedAnchorRuns AsGroups(uint[] keys, int[] owners, int kept, bool onlyPass) =>
        SharedAnchorRuns.Of(keys.AsSpan(0, kept), owners.AsSpan(0, kept));

    private static List<T> BuildInPasses<T>(GroupCores cores, int groups, BoilerplateFilter common, uint anchorMask, ParallelOptions parallel,
        long maxPostingsPerPass, bool keepSingle, bool gather, Func<uint[], int[], int, bool, T> keep, CoreAnchors? held = null,
        Internal.SpareArrays? spare = null, FingerprintSpill? gatherTo = null, int maxPasses = int.MaxValue)
    {
        var source = new AnchorSource(cores, groups, anchorMask, Internal.Workers.Count(parallel.MaxDegreeOfParallelism, int.MaxValue) * RangesPerWorker,
            cores.Order, gather, held, gatherTo);
        var starts = source.CountBuckets(parallel);
        var passEnds = PassEnds(starts, Math.Max(maxPostingsPerPass, starts[Buckets] / maxPasses + 1));
        // One pair of arrays for every pass, the size of the largest, so that passes leave no garbage behind. Taken
        // from the spare arrays (and given back) only when given, for a keep that copies what it keeps; a block's worth,
        // so the spare arrays too short for it are let go rather than held beside it.
        long largest = 0;
        for (int p = 0, first = 0; p < passEnds.Count; first = passEnds[p++])
        {
            largest = Math.Max(largest, starts[passEnds[p]] - starts[first]);
        }
        var keys = spare?.TakeOrLetGo(checked((int)largest)) ?? new uint[largest];
        var owners = spare?.TakeIntsOrLetGo(checked((int)largest)) ?? new int[largest];
        var runs = new List<T>();
        for (int p = 0, first = 0; p < passEnds.Count; first = passEnds[p++])
        {
            source.Scatter(first, passEnds[p], starts, keys, owners, parallel);
            int kept = SortBuckets(keys, owners, starts, first, passEnds[p], common, (keepSingle ? 1 : 2, source.InGroupOrder), parallel);
            runs.Add(keep(keys, owners, kept, passEnds.Count == 1));
        }
        spare?.Give(keys);
        spare?.GiveInts(owners);
        return runs;
    }

    /// <summary>The passes' runs as one table (the query indexes' lookups and tests): the parts themselves when there is one.</summary>
    private static PostingTable<uint> Table(List<AnchorRuns> runs) =>
        PostingTable<uint>.FromSorted(Concat(runs.ConvertAll(r => r.Keys)), Concat(runs.ConvertAll(r => r.Owners)));

    /// <summary>The end bucket of each pass: consecutive buckets of at most <paramref name="maxPostingsPerPass"/> postings (a larger bucket alone).</summary>
    private static List<int> PassEnds(long[] starts, long maxPostingsPerPass)
    {
        var ends = new List<int>();
        for (int first = 0; first < Buckets;)
        {
            int end = first + 1;
            while (end < Buckets && starts[end + 1] - starts[first] <= maxPostingsPerPass)
            {
                end++;
            }
            ends.Add(end);
            first = end;
        }
        return ends;
    }

    private static T[] Concat<T>(List<T[]> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }
        var all = new T[parts.Sum(p => (long)p.Length)];
        long at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(all, at);
            at += part.Length;
        }
        return all;
    }

    /// <summary>
    /// Sorts each bucket of a pass (buckets [<paramref name="first"/>, <paramref name="end"/>), at their places in
    /// <paramref name="starts"/> less the pass's start) and keeps the runs of keys that are not boilerplate and that
    /// <paramref name="runs"/>.MinOwners groups or more hold, their owners sorted unless scattered <paramref name="runs"/>.InGroupOrder;
    /// moves what is kept to the front, in bucket order, and returns its length.
    /// </summary>
    private static int SortBuckets(uint[] keys, int[] owners, long[] starts, int first, int end, BoilerplateFilter common,
        (int MinOwners, bool InGroupOrder) runs, ParallelOptions parallel)
    {
        long passStart = starts[first];
        var kept = new int[end - first];
        Parallel.For(first, end, parallel, () => new PostingRadixSort(), (b, _, sort) =>
        {
            int from = (int)(starts[b] - passStart), length = (int)(starts[b + 1] - starts[b]);
            var bucketKeys = keys.AsSpan(from, length);
            var bucketOwners = owners.AsSpan(from, length);
            sort.Sort(bucketKeys, bucketOwners, 32 - BucketBits);
            kept[b - first] = KeepRuns(bucketKeys, bucketOwners, common, runs.MinOwners, sortOwners: !runs.InGroupOrder);
            return sort;
        }, _ => { });
        int w = 0;
        for (int b = first; b < end; b++)
        {
            int from = (int)(starts[b] - passStart), length = kept[b - first];
            if (from != w)
            {
                keys.AsSpan(from, length).CopyTo(keys.AsSpan(w));
                owners.AsSpan(from, length).CopyTo(owners.AsSpan(w));
            }
            w += length;
        }
        return w;
    }

    /// <summary>
    /// Moves the runs of sorted <paramref name="keys"/> that <paramref name="minOwners"/> owners or more hold and that
    /// are not boilerplate to the front; returns their length. Boilerplate is looked up here, once a distinct key and in
    /// key order, rather than for every core fingerprint as the postings are gathered. With <paramref name="sortOwners"/>
    /// each kept run's owners are sorted: postings scattered in the cores' spill order come out of the stable sort in
    /// that order, and a group holds a key once, so sorting gives the group order the table has without it.
    /// </summary>
    private static int KeepRuns(Span<uint> keys, Span<int> owners, BoilerplateFilter common, int minOwners, bool sortOwners)
    {
        int w = 0;
        for (int start = 0, end; start < keys.Length; start = end)
        {
            end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }
            if (end - start >= minOwners && !common.IsBoilerplate(keys[start]))
            {
                if (start != w)
                {
                    keys[start..end].CopyTo(keys[w..]);
                    owners[start..end].CopyTo(owners[w..]);
                }
                if (sortOwners)
                {
                    owners.Slice(w, end - start).Sort();
                }
                w += end - start;
            }
        }
        return w;
    }

    /// <summary>
    /// The anchors of the groups' cores, read by ranges of groups, a range of buckets (of keys) at a time. The groups go
    /// in <paramref name="order"/> when given (<see cref="GroupCores.Order"/>, the order the cores lie in their spill
    /// file), so that every pass reads the cores forward; else in group order. With <paramref name="gather"/> the count
    /// keeps each range's anchors in memory, in its groups' order, and the passes read them there instead of the cores.
    /// With <paramref name="held"/> (anchors gathered as the cores were computed) the count and the passes read those.
    /// With <paramref name="gatherTo"/> the gathered anchors go to that spill file, each range's in pages of its own.
    /// </summary>
    private sealed class AnchorSource(GroupCores cores, int groups, uint anchorMask, int ranges, int[]? order, bool gather, CoreAnchors? held,
        FingerprintSpill? gatherTo = null)
    {
        /// <summary>
        /// Groups ahead of the one a pass scatters whose slices it asks the cache for. A pass reads a few lines of each
        /// core, and the next core lies elsewhere, so the hardware's stride prefetcher does not follow: asked for one at a
        /// time, each slice waits on its own misses.
        /// </summary>
        private const int PrefetchDistance = 16;

        /// <summary>Fingerprints in a cache line.</summary>
        private const int LineValues = 64 / sizeof(uint);

        private readonly int _ranges = Math.Max(1, Math.Min(groups, ranges));

        /// <summary>Whether each bucket's postings are scattered in group order (no <c>order</c> given).</summary>
        public bool InGroupOrder => order is null;

        /// <summary>Each range's place in each bucket, counted by <see cref="CountBuckets"/>.</summary>
        private long[][] _cursors = [];

        /// <summary>Each range's anchors when gathered (in <c>gatherTo</c> when given).</summary>
        private readonly GatheredAnchors[] _gathered = new GatheredAnchors[gather ? Math.Max(1, Math.Min(groups, ranges)) : 0];

        /// <summary>Where the last pass stopped in each group's core (cores are sorted, so a pass's keys are a slice of each).</summary>
        private readonly int[] _next = new int[groups];

        /// <summary>Counts the postings per bucket; returns where each bucket starts (one more entry: the total).</summary>
        public long[] CountBuckets(ParallelOptions parallel)
        {
            var counts = new long[_ranges][];
            try
            {
                Parallel.For(0, _ranges, parallel, r => counts[r] = CountRange(r));
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<IOException>().FirstOrDefault() is { } io)
            {
                // A full disk while gathering to the file: the spill's own message, as where it writes on one thread.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(io);
            }
            var starts = new long[Buckets + 1];
            for (int b = 0; b < Buckets; b++)
            {
                long at = starts[b];
                foreach (var range in counts)
                {
                    (range[b], at) = (at, at + range[b]);
                }
                starts[b + 1] = at;
            }
            _cursors = counts;
            return starts;
        }

        /// <summary>Range <paramref name="r"/>'s postings per bucket, its anchors gathered when asked.</summary>
        private long[] CountRange(int r)
        {
            var mine = new long[Buckets];
            int first = First(r), end = First(r + 1);
            var anchors = !gather ? null
                : gatherTo is null ? GatheredAnchors.InMemory(end - first, ExpectedAnchors(r)) : GatheredAnchors.InFile(end - first, gatherTo);
            var found = Array.Empty<uint>();
            for (int at = first; at < end; at++)
            {
                int g = GroupAt(at);
                var core = held is null ? cores[g] : held[g];
                if (found.Length < core.Length)
                {
                    found = new uint[Math.Max(core.Length, 2 * found.Length)];
                }
                var kept = found.AsSpan(0, CopyAnchors(core, anchorMask, found));
                foreach (uint fp in kept)
                {
                    mine[fp >> (32 - BucketBits)]++;
                }
                anchors?.AddRange(kept);
                anchors?.EndGroup();
            }
            anchors?.Seal();
            if (anchors is not null)
            {
                _gathered[r] = anchors;
            }
            return mine;
        }

        /// <summary>The postings of buckets [<paramref name="first"/>, <paramref name="end"/>) to the front of <paramref name="keys"/> and <paramref name="owners"/>, each bucket in group order.</summary>
        public void Scatter(int first, int end, long[] starts, uint[] keys, int[] owners, ParallelOptions parallel)
        {
            long passStart = starts[first];
            Parallel.For(0, _ranges, parallel, r =>
            {
                var cursor = _cursors[r];
                int start = First(r);
                for (int at = start, stop = First(r + 1); at < stop; at++)
                {
                    if (at + PrefetchDistance < stop)
                    {
                        PrefetchSlice(r, at + PrefetchDistance - start, GroupAt(at + PrefetchDistance), end - first);
                    }
                    int g = GroupAt(at);
                    var core = Anchors(r, at - start, g);
                    int i = _next[g];
                    for (; i < core.Length && core[i] >> (32 - BucketBits) < end; i++)
                    {
                        uint fp = core[i];
                        if (IsAnchor(fp))
                        {
                            long k = cursor[fp >> (32 - BucketBits)]++ - passStart;
                            keys[k] = fp;
                            owners[k] = g;
                        }
                    }
                    _next[g] = i;
                }
            });
        }

        /// <summary>
        /// Asks the cache for the lines of group <paramref name="g"/>'s slice that the pass will read from where the last
        /// pass stopped: as many as its share of the buckets (<paramref name="buckets"/>) expects, one line more.
        /// </summary>
        private void PrefetchSlice(int r, int k, int g, int buckets)
        {
            var core = Anchors(r, k, g);
            int i = _next[g];
            int last = Math.Min(core.Length - 1, i + (int)((long)core.Length * buckets >> BucketBits) + LineValues);
            for (; i <= last; i += LineValues)
            {
                Internal.CacheHint.Prefetch(in core[i]);
            }
        }

        /// <summary>Group <paramref name="g"/>'s core, or its anchors when held or gathered (range <paramref name="r"/>'s <paramref name="k"/>-th group).</summary>
        private ReadOnlySpan<uint> Anchors(int r, int k, int g)
        {
            if (held is not null)
            {
                return held[g];
            }
            if (!gather)
            {
                return cores[g];
            }
            return _gathered[r][k];
        }

        /// <summary>
        /// Range <paramref name="r"/>'s anchors as expected from its cores' sizes (one fingerprint in the rate; they are
        /// hashes), a twentieth more: a list of that capacity seldom grows, so gathering holds the anchors about once.
        /// </summary>
        private int ExpectedAnchors(int r)
        {
            long fingerprints = 0;
            for (int at = First(r), end = First(r + 1); at < end; at++)
            {
                fingerprints += cores.Length(GroupAt(at));
            }
            return (int)Math.Min(Array.MaxLength, fingerprints / (anchorMask + 1L) * 21 / 20 + 1024);
        }

        private int First(int range) => (int)((long)groups * range / _ranges);

        private int GroupAt(int at) => order is null ? at : order[at];

        /// <summary>Whether a fingerprint's low bits make it an anchor; boilerplate is dropped after the sort (<see cref="KeepRuns"/>).</summary>
        private bool IsAnchor(uint fp) => AnchorTable.IsAnchor(fp, anchorMask);
    }
}
