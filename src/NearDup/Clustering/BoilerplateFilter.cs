using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Clustering;

/// <summary>
/// Which fingerprints are boilerplate: those held by at least the threshold number of groups, counted exactly in two
/// passes (a counting filter, then exact counts for what passed it), each over radix buckets so that the counters a
/// worker touches at a time fit in cache. Lookups go through a bit filter first, so the common case (not boilerplate)
/// costs one memory read; a hit is confirmed in a flat open-addressing table.
/// </summary>
internal sealed partial class BoilerplateFilter
{
    /// <summary>
    /// Lookup filter bits per boilerplate fingerprint, 2^4 = 16 (rounded up to a power of two): about one lookup in 20
    /// of a fingerprint that is not boilerplate goes on to the table, and at 100,000 documents the filter (256 KiB)
    /// stays in a core's L2 cache, where every fingerprint of every document is looked up.
    /// </summary>
    private const int FilterBitsPerFingerprintLog2 = 4;

    /// <summary>Bounds of the lookup filter's size in bits: 2^12 bits (512 bytes) to 2^24 (2 MiB).</summary>
    private const int MinFilterBits = 12, MaxFilterBits = 24;

    /// <summary>Pass 1 has a counter per 2^2 = 4 fingerprints (rounded to a power of two): two to four per slot.</summary>
    private const int FingerprintsPerCountSlotLog2 = 2;

    /// <summary>
    /// Bounds of the counter array's size in bits: at least 1,024 counters, at most 2^31 (a 1 GiB array of nibbles).
    /// </summary>
    private const int MinCountBits = 10, MaxCountBits = 31;

    /// <summary>Counters per pass-1 bucket, 2^17 (64 KiB of nibbles): a bucket's increments stay in a core's L2 cache.</summary>
    private const int CountersPerBucketLog2 = 17;

    /// <summary>At most 2^12 buckets: each worker's bucket directory stays small (16 KiB).</summary>
    private const int MaxBucketBits = 12;

    /// <summary>
    /// Fewest fingerprints a worker gathers before its buckets are counted (pass 1) or looked up (pass 2): 4 Mi (16 MiB
    /// a buffer, two a worker, the same for both passes). Each chunk sweeps the counters (or passing bits) bucket by
    /// bucket, so the chunk's size sets how often the whole array goes through the cache; past a few hundred thousand
    /// documents a chunk grows with the counters (<see cref="ChunkFingerprints"/>).
    /// </summary>
    internal const long FingerprintsPerChunk = 1 << 22;

    /// <summary>Bytes a worker's buckets hold per fingerprint gathered: the appended value and its partitioned copy.</summary>
    private const int BufferBytesPerFingerprint = 2 * sizeof(uint);

    /// <summary>Fingerprints whose filter bits <see cref="CountNotBoilerplate"/> reads before it looks up the hits (1 KiB on the stack).</summary>
    private const int LookupBatch = 256;

    /// <summary>Every pass-1 worker gathers its own buckets; this caps them.</summary>
    private const int MaxCountWorkers = 8;

    /// <summary>Odd multipliers whose product's top bits are a slot: 2^32 over the golden ratio (Fibonacci hashing) for
    /// the filter, the upper half of xorshift64*'s for the counters, so that a fingerprint's two slots are unrelated.</summary>
    private const uint FilterSlotMultiplier = 0x9E3779B1u;

    /// <inheritdoc cref="FilterSlotMultiplier"/>
    internal const uint CountSlotMultiplier = 0x2545F491u;

    /// <summary>The inverse of <see cref="CountSlotMultiplier"/> modulo 2^32: a product times it is the fingerprint again.</summary>
    private const uint CountSlotInverse = 0x41444C71u;

    [ThreadStatic]
    private static uint[]? t_kept;

    private readonly uint[] _common;
    private readonly FlatSet _set;
    private readonly ulong[] _filter;
    private readonly int _filterShift;

    private BoilerplateFilter(uint[] common)
    {
        _common = common;
        _set = new FlatSet(common);
        int filterBits = Math.Clamp(System.Numerics.BitOperations.Log2(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, common.Length)))
            + FilterBitsPerFingerprintLog2, MinFilterBits, MaxFilterBits);
        _filterShift = 32 - filterBits;
        _filter = new ulong[common.Length == 0 ? 1 : (1 << filterBits) / 64];
        foreach (uint fp in common)
        {
            int bit = FilterSlot(fp);
            _filter[bit >> 6] |= 1UL << bit;
        }
    }

    /// <summary>The filter that marks exactly <paramref name="common"/> (a saved index's query state).</summary>
    public static BoilerplateFilter Of(ReadOnlySpan<uint> common)
    {
        uint[] sorted = common.ToArray();
        Array.Sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[distinct - 1])
            {
                sorted[distinct++] = sorted[i];
            }
        }
        return new BoilerplateFilter(sorted[..distinct]);
    }

    /// <summary>The boilerplate fingerprints, ascending (what an index saves).</summary>
    public uint[] ToSortedArray() => _common.ToArray();

    /// <summary>A filter that marks nothing common.</summary>
    public static BoilerplateFilter None { get; } = new([]);

    public long MemoryBytes => (long)_filter.Length * sizeof(ulong) + _set.MemoryBytes;

    /// <summary>Number of distinct boilerplate fingerprints.</summary>
    public int Count => _common.Length;

    /// <summary>The boilerplate fingerprints, ascending.</summary>
    public ReadOnlySpan<uint> Common => _common;

    /// <summary>Builds the filter from explicit sets (tests and benchmarks).</summary>
    public static BoilerplateFilter Build(IReadOnlyList<uint[]> fingerprintSets, int threshold, int maxDegreeOfParallelism) =>
        Build(fingerprintSets.Count, i => fingerprintSets[i], fingerprintSets.Sum(set => (long)set.Length), threshold, maxDegreeOfParallelism);

    /// <summary>
    /// Builds the filter over <paramref name="count"/> sets (one per story group) given by <paramref name="sets"/>: a
    /// fingerprint is common when at least <paramref name="threshold"/> sets hold it. <paramref name="totalFingerprints"/>
    /// is about the sum of the sets' sizes (an upper bound will do): it only sizes the counters and chunks, and the
    /// result does not depend on it. Pass 2 takes each set's kept fingerprints from <paramref name="keptSets"/> when
    /// given (the same values, filtered before the set is merged), else filters <paramref name="sets"/>.
    /// </summary>
    public static BoilerplateFilter Build(int count, FingerprintSource sets, long totalFingerprints, int threshold, int maxDegreeOfParallelism,
        KeptFingerprintSource? keptSets = null)
    {
        long total = Math.Max(1, totalFingerprints);
        var passing = PassOne(count, sets, total, threshold, maxDegreeOfParallelism, out var products);
        // Pass 2: exact counts for the fingerprints whose slot reached the threshold, looked up in a bit per slot (an
        // eighth of the counters' size) and counted in a table per bucket, bucket by bucket as pass 1 counted them.
        KeptFingerprintSource kept = keptSets ?? ((i, keep) => KeepPassing(sets(i), keep));
        var candidates = CountCandidates(count, kept, total, passing, products);
        products = null;
        return FromCandidates(candidates, threshold);
    }

    /// <summary>
    /// Pass 1 alone, for a pass 2 that counts elsewhere (<see cref="CandidateLists"/>): which slots
    /// <paramref name="count"/> sets given by <paramref name="sets"/> reach <paramref name="threshold"/> in (see
    /// <see cref="Build(int, FingerprintSource, long, int, int, KeptFingerprintSource?)"/>).
    /// </summary>
    /// <remarks>The buckets take their arrays from <paramref name="spare"/> when given, and give them back at the end.</remarks>
    public static PassingSlots PassOne(int count, FingerprintSource sets, long totalFingerprints, int threshold, int maxDegreeOfParallelism,
        Internal.SpareArrays? spare = null)
    {
        var passing = PassOne(count, sets, Math.Max(1, totalFingerprints), threshold, maxDegreeOfParallelism, out var products, spare);
        foreach (var buckets in products)
        {
            buckets.GiveBack();
        }
        return passing;
    }

    /// <summary>
    /// Pass 1: saturating nibble counters over hashed slots, two to four fingerprints per slot (<see cref="SlotCounts"/>;
    /// at most a gigabyte of counters, ten million documents at the default rate). A slot's count is at least the count
    /// of every fingerprint in it, so no common fingerprint is missed; collisions only let a few extra fingerprints through to
    /// pass 2, which counts exactly (Poisson(4) reaches 15, where a counter stops, with probability about 2e-5). <paramref name="products"/>
    /// are the workers' buckets, for pass 2 to reuse.
    /// </summary>
    private static PassingSlots PassOne(int count, FingerprintSource sets, long total, int threshold, int maxDegreeOfParallelism, out RadixBuckets[] products,
        Internal.SpareArrays? spare = null)
    {
        var counts = PassOneCounts(total, maxDegreeOfParallelism, spare);
        CountSlots(count, sets, total, counts);
        products = counts.Products;
        return counts.Passing(threshold);
    }

    /// <summary>
    /// Pass 1's empty counters for sets of about <paramref name="totalFingerprints"/> fingerprints in all (an upper bound
    /// will do), by up to <paramref name="maxDegreeOfParallelism"/> workers: for a sweep that adds the sets itself. The
    /// buckets' arrays come from <paramref name="spare"/> when given.
    /// </summary>
    internal static SlotCounts PassOneCounts(long totalFingerprints, int maxDegreeOfParallelism, Internal.SpareArrays? spare = null)
    {
        long total = Math.Max(1, totalFingerprints);
        int bits = CountBits(total);
        int workers = Internal.Workers.Count(maxDegreeOfParallelism, MaxCountWorkers);
        // Both passes bucket each chunk's fingerprints as products with the counters' multiplier (whose top bits are
        // the slot) in the same buffers. At least one bucket bit: a shift by all 32 bits of a product would shift by none.
        int bucketBits = Math.Clamp(bits - CountersPerBucketLog2, 1, MaxBucketBits);
        long chunk = ChunkFingerprints(bits, workers);
        return new SlotCounts(bits, bucketBits, workers, chunk, (int)Math.Min(chunk + chunk / 4, total / workers + 1024), spare);
    }

    /// <summary>
    /// Fingerprints a worker gathers between two sweeps of counters named by <paramref name="countBits"/> bits: at least
    /// <see cref="FingerprintsPerChunk"/>, and as many as make the <paramref name="workers"/>' buckets twice as large as
    /// the counters. A chunk of fixed size made the sweeps grow with the corpus, and each sweep with it, so that their
    /// traffic grew as its square; a chunk this size streams at most 4 counter bytes a fingerprint (and writes as many
    /// back), against the buckets' 16, at the cost of buckets twice the counters' size, a quarter of a gigabyte at a
    /// million documents (bench/results/amd-epyc/boilerplate-chunks.md, boilerplate-rooms.md).
    /// </summary>
    internal static long ChunkFingerprints(int countBits, int workers) =>
        Math.Max(FingerprintsPerChunk, (1L << countBits) / (BufferBytesPerFingerprint * (long)workers));

    /// <summary>Top bits of a product that name its pass-1 counter, for about <paramref name="totalFingerprints"/> fingerprints in all.</summary>
    internal static int CountBits(long totalFingerprints)
    {
        int totalBits = System.Numerics.BitOperations.Log2(System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, totalFingerprints)));
        return Math.Clamp(totalBits - FingerprintsPerCountSlotLog2, MinCountBits, MaxCountBits);
    }

    /// <summary>The filter of the candidates counted in <paramref name="threshold"/> or more sets.</summary>
    public static BoilerplateFilter FromCandidates(BoilerplateCandidates candidates, int threshold) =>
        new(candidates.Frequent(threshold, CountSlotInverse));

    /// <summary>
    /// Pass 1's counters. The sets go by chunks: each worker maps a share of a chunk's sets to products, bucketed by
    /// their slots' top bits; then each worker adds the buckets of its own range of slots from every worker
    /// (<see cref="SlotCounts.Flush"/>). One array, no atomics, each fingerprint read once, and the counts are the same
    /// for any number of workers.
    /// </summary>
    private static void CountSlots(int count, FingerprintSource sets, long total, SlotCounts counts)
    {
        int workers = counts.Workers;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        int chunk = ChunkSets(count, total, workers, counts.Chunk);
        for (int first = 0; first < count; first += chunk)
        {
            int end = (int)Math.Min(count, (long)first + chunk);
            Parallel.For(0, workers, options, w =>
            {
                for (int i = first + (int)((long)(end - first) * w / workers), stop = first + (int)((long)(end - first) * (w + 1) / workers); i < stop; i++)
                {
                    counts.Add(w, sets(i));
                }
            });
            counts.Flush();
        }
    }

    /// <summary>
    /// Worker <paramref name="w"/>'s share of sets [<paramref name="first"/>, <paramref name="end"/>), each appended to
    /// <paramref name="mine"/> by <paramref name="add"/>, then bucketed by their slots' top bits.
    /// </summary>
    private static void BucketShare(Action<int> add, int first, int end, int w, int workers, RadixBuckets mine)
    {
        mine.Clear();
        for (int i = first + (int)((long)(end - first) * w / workers), stop = first + (int)((long)(end - first) * (w + 1) / workers); i < stop; i++)
        {
            add(i);
        }
        mine.Partition();
    }

    /// <summary>
    /// The fingerprints of <paramref name="fingerprints"/> whose products <paramref name="keep"/> lets through, in order,
    /// in a buffer of the calling thread (valid until its next call); see <see cref="KeepPassing(ReadOnlySpan{uint}, PassingFilter, Span{uint})"/>.
    /// </summary>
    public static ReadOnlySpan<uint> KeepPassing(ReadOnlySpan<uint> fingerprints, PassingFilter keep)
    {
        if (t_kept is not { } kept || kept.Length < fingerprints.Length)
        {
            t_kept = kept = new uint[Math.Max(fingerprints.Length, 1024)];
        }
        return kept.AsSpan(0, KeepPassing(fingerprints, keep, kept));
    }

    /// <summary>
    /// Copies to <paramref name="kept"/> (as long as <paramref name="fingerprints"/> at least) the fingerprints whose
    /// products <paramref name="keep"/> lets through, in order, without a branch per value (each is written, then counted
    /// only when kept); returns their number.
    /// </summary>
    public static int KeepPassing(ReadOnlySpan<uint> fingerprints, PassingFilter keep, Span<uint> kept)
    {
        kept = kept[..fingerprints.Length];
        int done = 0, n = 0;
        if (PassingFilter.KeepsVector256)
        {
            (done, n) = keep.KeepVector256(fingerprints, CountSlotMultiplier, kept);
        }
        return n + KeepPassingScalar(fingerprints[done..], keep, kept[n..]);
    }

    /// <summary>
    /// <see cref="KeepPassing(ReadOnlySpan{uint}, PassingFilter, Span{uint})"/> a value at a time: the tail of the vector
    /// kernel, the path without one, and the reference it must equal.
    /// </summary>
    internal static int KeepPassingScalar(ReadOnlySpan<uint> fingerprints, PassingFilter keep, Span<uint> kept)
    {
        kept = kept[..fingerprints.Length];
        int n = 0;
        foreach (uint fp in fingerprints)
        {
            kept[n] = fp;
            n += keep.Keep(ProductOf(fp));
        }
        return n;
    }

    /// <summary>A fingerprint's product with the counters' multiplier, whose top bits are its slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ProductOf(uint fingerprint) => fingerprint * CountSlotMultiplier;

    /// <summary>
    /// Pass 2: the exact number of sets holding each fingerprint whose slot passed pass 1. As in pass 1 the sets go by
    /// chunks, each worker buckets its share by the slots' top bits, keeping only the products that the folded filter of <paramref name="passing"/>
    /// (the passing bits folded to fit a core's L2 cache) lets through, a few in a hundred; then each worker counts the
    /// buckets of its own range from every worker, so the passing bits are read a bucket's range (16 KiB) at a time rather
    /// than at random over the whole bit array (32 MiB at a million documents), and each bucket's candidates are counted in a table of their own
    /// (<see cref="BoilerplateCandidates"/>), keyed by product: a fingerprint times the counters' multiplier, whose top
    /// bits are its slot and which the inverse multiplier turns back into the fingerprint.
    /// </summary>
    private static BoilerplateCandidates CountCandidates(int count, KeptFingerprintSource sets, long total, PassingSlots passing, RadixBuckets[] products)
    {
        int workers = products.Length, buckets = products[0].Buckets;
        var keep = passing.Folded;
        var candidates = new BoilerplateCandidates(buckets);
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        int chunk = ChunkSets(count, total, workers, ChunkFingerprints(CountBits(total), workers));
        for (int first = 0; first < count; first += chunk)
        {
            int end = (int)Math.Min(count, (long)first + chunk);
            Parallel.For(0, workers, options, w => BucketShare(i => products[w].AddRange(sets(i, keep), default(ProductMap)), first, end, w, workers, products[w]));
            Parallel.For(0, workers, options, w => AddPassing(products, passing, candidates, buckets * w / workers, buckets * (w + 1) / workers));
        }
        return candidates;
    }

    /// <summary>Counts in <paramref name="candidates"/> the products in buckets [<paramref name="from"/>, <paramref name="to"/>) of every worker whose slot passed.</summary>
    private static void AddPassing(RadixBuckets[] products, PassingSlots passing, BoilerplateCandidates candidates, int from, int to)
    {
        for (int b = from; b < to; b++)
        {
            foreach (var source in products)
            {
                foreach (uint product in source.Bucket(b))
                {
                    if (passing.Passes(product))
                    {
                        candidates.Add(b, product);
                    }
                }
            }
        }
    }

    /// <summary>Sets per chunk of the two passes: about <paramref name="chunk"/> fingerprints a worker.</summary>
    private static int ChunkSets(int count, long total, int workers, long chunk) =>
        (int)Math.Clamp(chunk * workers * count / total, 1, Math.Max(1, count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsBoilerplate(uint fingerprint)
    {
        if (_common.Length == 0)
        {
            return false;
        }
        int bit = FilterSlot(fingerprint);
        return (_filter[bit >> 6] & 1UL << bit) != 0 && _set.Contains(fingerprint);
    }

    /// <summary>
    /// Number of fingerprints of a set that are not boilerplate. The bit filter is read for a batch of them without a
    /// branch, and only its hits go on to the table: a branch on each filter bit mispredicts often enough, with a
    /// document's boilerplate scattered among its fingerprints, to stall the loop that counts every fingerprint of
    /// every document.
    /// </summary>
    public int CountNotBoilerplate(ReadOnlySpan<uint> fingerprints)
    {
        if (_common.Length == 0)
        {
            return fingerprints.Length;
        }
        Span<uint> hits = stackalloc uint[LookupBatch];
        int boilerplate = 0;
        for (int from = 0; from < fingerprints.Length; from += LookupBatch)
        {
            var batch = fingerprints.Slice(from, Math.Min(LookupBatch, fingerprints.Length - from));
            int m = Avx2.IsSupported ? FilterHitsVector256(batch, hits) : FilterHitsScalar(batch, hits);
            for (int k = 0; k < m; k++)
            {
                _set.Prefetch(hits[k]);
            }
            for (int k = 0; k < m; k++)
            {
                boilerplate += _set.Contains(hits[k]) ? 1 : 0;
            }
        }
        return fingerprints.Length - boilerplate;
    }

    /// <summary>
    /// Writes the fingerprints of <paramref name="batch"/> whose filter bit is set to <paramref name="hits"/> (as long as
    /// the batch at least), in order, without a branch (each is written, then counted only when its bit is set); returns
    /// their number. The reference of <see cref="FilterHitsVector256"/> and its tail.
    /// </summary>
    internal int FilterHitsScalar(ReadOnlySpan<uint> batch, Span<uint> hits)
    {
        hits = hits[..batch.Length];
        int m = 0;
        foreach (uint fp in batch)
        {
            int bit = FilterSlot(fp);
            hits[m] = fp;
            m += (int)(_filter[bit >> 6] >> bit) & 1;
        }
        return m;
    }

    /// <summary>
    /// Copies the fingerprints of <paramref name="fingerprints"/> that are not boilerplate to <paramref name="kept"/>
    /// (as long as <paramref name="fingerprints"/> at least), in order; returns their number. Batch by batch, the bit
    /// filter is read for every fingerprint without a branch, the set's lines are prefetched for its hits (about one in
    /// ten of a query's ~900), and only those are looked up: the runs between them are copied whole. A branch on each
    /// filter bit mispredicted at every hit, and the filter was read a second time for every fingerprint.
    /// </summary>
    public int Keep(ReadOnlySpan<uint> fingerprints, Span<uint> kept)
    {
        if (_common.Length == 0)
        {
            fingerprints.CopyTo(kept);
            return fingerprints.Length;
        }
        kept = kept[..fingerprints.Length];
        Span<int> hits = stackalloc int[LookupBatch];
        int n = 0;
        for (int from = 0; from < fingerprints.Length; from += LookupBatch)
        {
            var batch = fingerprints.Slice(from, Math.Min(LookupBatch, fingerprints.Length - from));
            n += KeepBatch(batch, hits[..FilterHits(batch, hits)], kept[n..]);
        }
        return n;
    }

    /// <summary>
    /// Writes the indexes in <paramref name="batch"/> of the fingerprints whose filter bit is set to <paramref name="hits"/>,
    /// without a branch; returns their number. The filter's words are prefetched for the whole batch first: between two
    /// queries the rest of a query's work pushes most of them out of the cache, and the loads, which must wait for their
    /// data to retire, let only a few dozen misses overlap where the prefetches, which need not, let the batch's overlap.
    /// </summary>
    private int FilterHits(ReadOnlySpan<uint> batch, Span<int> hits)
    {
        foreach (uint fp in batch)
        {
            Internal.CacheHint.Prefetch(in _filter[FilterSlot(fp) >> 6]);
        }
        int m = 0;
        for (int i = 0; i < batch.Length; i++)
        {
            int bit = FilterSlot(batch[i]);
            hits[m] = i;
            m += (int)(_filter[bit >> 6] >> bit) & 1;
        }
        for (int k = 0; k < m; k++)
        {
            _set.Prefetch(batch[hits[k]]);
        }
        return m;
    }

    /// <summary>Copies <paramref name="batch"/> to <paramref name="kept"/> but for the <paramref name="hits"/> that are in the set; returns how many it copied.</summary>
    private int KeepBatch(ReadOnlySpan<uint> batch, ReadOnlySpan<int> hits, Span<uint> kept)
    {
        int n = 0, at = 0;
        foreach (int i in hits)
        {
            batch[at..i].CopyTo(kept[n..]);
            n += i - at;
            kept[n] = batch[i];
            n += _set.Contains(batch[i]) ? 0 : 1;
            at = i + 1;
        }
        batch[at..].CopyTo(kept[n..]);
        return n + batch.Length - at;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FilterSlot(uint fingerprint) => (int)((fingerprint * FilterSlotMultiplier) >> _filterShift);

    /// <summary>Maps a fingerprint to its product with the counters' multiplier, whose top bits are its slot.</summary>
    internal readonly struct ProductMap : RadixBuckets.IValueMap
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Map(uint value) => ProductOf(value);
    }
}
