using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        if (from < to)
        {
            PrefetchRegion(ref Unsafe.Add(ref counts, (nint)from * regionBytes), regionBytes);
        }
        for (int b = from; b < to; b++)
        {
            // The bucket's counters are read at random, and a flush finds them out of the cache: asked for in order,
            // line by line, they come at the memory's bandwidth rather than a miss at a time. The next bucket's are
            // asked for now, so that they arrive while this one is counted rather than before it.
            if (b + 1 < to)
            {
                PrefetchRegion(ref Unsafe.Add(ref counts, (nint)(b + 1) * regionBytes), regionBytes);
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

    /// <summary>Asks the cache for every line of the <paramref name="bytes"/> from <paramref name="region"/> on.</summary>
    private static void PrefetchRegion(ref byte region, nint bytes)
    {
        for (nint line = 0; line < bytes; line += 64)
        {
            Internal.CacheHint.Prefetch(in Unsafe.Add(ref region, line));
        }
    }

    /// <summary>
    /// A bit per counter of the first <paramref name="slots"/>: whether it reached <paramref name="gate"/>;
    /// <paramref name="passingSlots"/> counts them. One thread reads every counter (128 MiB at a million documents), so
    /// 64 at a time where vectors are (<see cref="PassingVector256"/>), the rest one at a time (<see cref="PassingScalar"/>).
    /// </summary>
    internal static ulong[] Passing(uint[] words, long slots, int gate, out long passingSlots)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slots, (long)words.Length * SlotsPerWord);
        var passing = new ulong[Math.Max(1, (slots + 63) / 64)];
        long done = Vector256.IsHardwareAccelerated ? PassingVector256(words, slots / 64, gate, passing) * 64 : 0;
        PassingScalar(words, done, slots, gate, passing);
        passingSlots = 0;
        foreach (ulong word in passing)
        {
            passingSlots += System.Numerics.BitOperations.PopCount(word);
        }
        return passing;
    }

    /// <summary>
    /// Sets the bits of slots [<paramref name="from"/>, <paramref name="slots"/>) whose counter reached
    /// <paramref name="gate"/>, a slot at a time: the tail of the vector kernel, the path without one, and the
    /// reference it must equal.
    /// </summary>
    internal static void PassingScalar(uint[] words, long from, long slots, int gate, ulong[] passing)
    {
        ref byte counts = ref Counters(words);
        for (long slot = from; slot < slots; slot++)
        {
            int count = Unsafe.Add(ref counts, (nint)(slot >> 1)) >> ((int)(slot & 1) << 2) & MaxCount;
            passing[slot >> 6] |= (count >= gate ? 1UL : 0UL) << (int)(slot & 63);
        }
    }

    /// <summary>
    /// Writes the first <paramref name="fullWords"/> words of <paramref name="passing"/>, 64 slots (32 counter bytes)
    /// each: the low nibbles (even slots) and the high ones (odd slots) compared with <paramref name="gate"/> as bytes,
    /// their masks interleaved. Returns the words written.
    /// </summary>
    internal static long PassingVector256(uint[] words, long fullWords, int gate, ulong[] passing)
    {
        ref byte counts = ref Counters(words);
        var nibble = Vector256.Create((byte)MaxCount);
        var gates = Vector256.Create((byte)gate);
        for (long w = 0; w < fullWords; w++)
        {
            var bytes = Vector256.LoadUnsafe(ref counts, (nuint)w * 32);
            uint even = Vector256.GreaterThanOrEqual(bytes & nibble, gates).ExtractMostSignificantBits();
            uint odd = Vector256.GreaterThanOrEqual(Vector256.ShiftRightLogical(bytes, 4), gates).ExtractMostSignificantBits();
            passing[w] = SpreadToEvenBits(even) | SpreadToEvenBits(odd) << 1;
        }
        return fullWords;
    }

    /// <summary>Bit i of <paramref name="bits"/> moved to bit 2i.</summary>
    internal static ulong SpreadToEvenBits(uint bits)
    {
        ulong v = bits;
        v = (v | v << 16) & 0x0000FFFF0000FFFFUL;
        v = (v | v << 8) & 0x00FF00FF00FF00FFUL;
        v = (v | v << 4) & 0x0F0F0F0F0F0F0F0FUL;
        v = (v | v << 2) & 0x3333333333333333UL;
        return (v | v << 1) & 0x5555555555555555UL;
    }
}
