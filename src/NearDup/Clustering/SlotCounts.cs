using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NearDup.Clustering;

/// <summary>
/// Boilerplate pass 1's counters (<see cref="BoilerplateFilter"/>): a saturating nibble per hashed slot, half the memory
/// of a byte (15 stands for 15 or more, so a threshold above 15 lets the slots that reached 15 through, and pass 2
/// counts those exactly). Sets are added by
/// a fixed number of workers, each into radix buckets of its own (<see cref="Add"/>), and the buckets are added to the
/// counters a chunk at a time (<see cref="Flush"/>), each worker over its own range of slots. Saturating increments
/// commute, so the counts do not depend on which worker added a set, in what order, or where the chunks were cut: a
/// sweep that reads the sets for another purpose (the group cores in spill order, <see cref="GroupStage"/>) counts
/// them as it goes, with the same result as a pass of its own.
/// </summary>
internal sealed class SlotCounts
{
    private readonly RadixBuckets[] _products;
    private readonly int _bits;
    private readonly int _bucketBits;
    private readonly Internal.SpareArrays? _spare;
    private readonly int _words;

    /// <summary>The counters, a nibble a slot, eight to an element: a <see cref="uint"/> array can come from and go back to the spare arrays.</summary>
    private uint[] _counts;

    /// <param name="bits">Top bits of a product that name its slot (2^bits counters).</param>
    /// <param name="bucketBits">Top bits of a product that name its radix bucket.</param>
    /// <param name="workers">Workers that may add at once (each its own buckets).</param>
    /// <param name="chunk">Values a worker gathers between two <see cref="Flush"/>es (<see cref="BoilerplateFilter.ChunkFingerprints"/>).</param>
    /// <param name="capacity">Values a worker's buckets make room for at once (a chunk's share).</param>
    /// <param name="spare">Where the counters and the buckets take their arrays from and give them back to, when given.</param>
    public SlotCounts(int bits, int bucketBits, int workers, long chunk, int capacity, Internal.SpareArrays? spare = null)
    {
        Chunk = chunk;
        _bits = bits;
        _bucketBits = bucketBits;
        _spare = spare;
        _words = (int)Math.Max(1, (1L << bits) / SlotsPerWord);
        _counts = spare?.TakeCleared(_words) ?? new uint[_words];
        _products = new RadixBuckets[workers];
        for (int w = 0; w < workers; w++)
        {
            _products[w] = new RadixBuckets(bucketBits, 32, capacity, spare);
        }
    }

    /// <summary>Counters in an element of the array: eight nibbles.</summary>
    private const int SlotsPerWord = 2 * sizeof(uint);

    /// <summary>A counter's largest value, which stands for that many or more.</summary>
    public const int MaxCount = 15;

    /// <summary>Values a worker gathers between two <see cref="Flush"/>es: each flush sweeps all the counters.</summary>
    public long Chunk { get; }

    /// <summary>Workers that may add at once, each with index 0 to this − 1.</summary>
    public int Workers => _products.Length;

    /// <summary>The workers' buckets (pass 2 reuses them once the counts are taken).</summary>
    public RadixBuckets[] Products => _products;

    /// <summary>The most values any worker holds since the last <see cref="Flush"/>.</summary>
    public int Pending => _products.Max(p => p.Count);

    /// <summary>Adds the products of <paramref name="set"/>'s fingerprints to worker <paramref name="worker"/>'s buckets (one thread per worker at a time).</summary>
    public void Add(int worker, ReadOnlySpan<uint> set) => _products[worker].AddRange(set, default(BoilerplateFilter.ProductMap));

    /// <summary>Adds every worker's values to the counters, each worker over its own range of buckets, and empties the buckets.</summary>
    public void Flush()
    {
        int workers = _products.Length, buckets = _products[0].Buckets, shift = 32 - _bits;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        Parallel.For(0, workers, options, w => _products[w].Partition());
        Parallel.For(0, workers, options, w => AddBuckets(_counts, _products, shift, buckets * w / workers, buckets * (w + 1) / workers));
        foreach (var products in _products)
        {
            products.Clear();
        }
    }

    /// <summary>
    /// The slots whose count reached <paramref name="threshold"/> (capped at <see cref="MaxCount"/>), after a last <see cref="Flush"/>; the
    /// counters are let go (an eighth of a byte per fingerprint, 128 MiB at a million documents), to the
    /// spare arrays when given.
    /// </summary>
    public PassingSlots Passing(int threshold)
    {
        Flush();
        var passing = Passing(_counts, 1L << _bits, Math.Min(threshold, MaxCount), out long passingSlots);
        _spare?.Give(_counts);
        _counts = [];
        return new PassingSlots(passing, passingSlots, _bits, _bucketBits);
    }

    /// <summary>Gives the buckets' arrays back to the spare arrays they were taken from, once nothing reads the buckets.</summary>
    public void GiveBack()
    {
        foreach (var products in _products)
        {
            products.GiveBack();
        }
    }

    /// <summary>
    /// The counters' first byte: they are addressed by byte offset from it, slot / 2 (ten million documents' 2^31
    /// counters are 2^30 bytes).
    /// </summary>
    private static ref byte Counters(uint[] words) => ref Unsafe.As<uint, byte>(ref MemoryMarshal.GetArrayDataReference(words));

    /// <summary>Adds one to the counter of every slot in buckets [<paramref name="from"/>, <paramref name="to"/>) of every worker, saturating (a slot's nibble is the low one of its byte when the slot is even).</summary>
    private static void AddBuckets(uint[] words, RadixBuckets[] buckets, int shift, int from, int to)
    {
        ref byte counts = ref Counters(words);
        int bucketBits = System.Numerics.BitOperations.Log2((uint)buckets[0].Buckets);
        nint regionBytes = (nint)1 << (32 - shift - bucketBits - 1);
        for (int b = from; b < to; b++)
        {
            // The bucket's counters are read at random, and a flush finds them out of the cache: asked for in order
            // first, line by line, they come at the memory's bandwidth rather than a miss at a time.
            ref byte region = ref Unsafe.Add(ref counts, (nint)b * regionBytes);
            for (nint line = 0; line < regionBytes; line += 64)
            {
                Internal.CacheHint.Prefetch(in Unsafe.Add(ref region, line));
            }
            foreach (var source in buckets)
            {
                foreach (uint product in source.Bucket(b))
                {
                    uint slot = product >> shift;
                    ref byte c = ref Unsafe.Add(ref counts, (nint)(slot >> 1));
                    int at = (int)(slot & 1) << 2;
                    c = (byte)(c + ((c >> at & MaxCount) != MaxCount ? 1 << at : 0));
                }
            }
        }
    }

    /// <summary>A bit per counter of the first <paramref name="slots"/>: whether it reached <paramref name="gate"/>; <paramref name="passingSlots"/> counts them.</summary>
    internal static ulong[] Passing(uint[] words, long slots, int gate, out long passingSlots)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slots, (long)words.Length * SlotsPerWord);
        ref byte counts = ref Counters(words);
        var passing = new ulong[Math.Max(1, slots / 64)];
        for (long slot = 0; slot < slots; slot++)
        {
            int count = Unsafe.Add(ref counts, (nint)(slot >> 1)) >> ((int)(slot & 1) << 2) & MaxCount;
            passing[slot >> 6] |= (count >= gate ? 1UL : 0UL) << (int)(slot & 63);
        }
        passingSlots = 0;
        foreach (ulong word in passing)
        {
            passingSlots += System.Numerics.BitOperations.PopCount(word);
        }
        return passing;
    }
}
