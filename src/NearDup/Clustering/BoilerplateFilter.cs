using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// Which fingerprints are boilerplate: those held by at least the threshold number of groups, counted exactly in two
/// passes (a counting filter, then exact counts for what passed it). Lookups go through a bit filter first, so the
/// common case (not boilerplate) costs one memory read.
/// </summary>
internal sealed class BoilerplateFilter
{
    /// <summary>Bits of the lookup filter, 2 MiB: a fingerprint's bit is the top 24 bits of a multiplicative hash.</summary>
    private const int FilterBitsLog2 = 24;
    private const int FilterBits = 1 << FilterBitsLog2;

    /// <summary>Bytes of a <see cref="HashSet{T}"/> entry of a uint: hash code, next index and value (buckets not counted).</summary>
    private const int HashSetEntryBytes = 12;

    /// <summary>Pass 1 has a counter per 2^2 = 4 fingerprints (rounded to a power of two): two to four per slot.</summary>
    private const int FingerprintsPerCountSlotLog2 = 2;

    /// <summary>Bounds of the counter array's size in bits: at least 1,024 counters, at most 2^31 (a 2 GiB array).</summary>
    private const int MinCountBits = 10, MaxCountBits = 31;

    /// <summary>Every pass-1 worker reads every set, so more workers multiply the reading; this caps them.</summary>
    private const int MaxCountWorkers = 8;

    /// <summary>Odd multipliers whose product's top bits are a slot: 2^32 over the golden ratio (Fibonacci hashing) for
    /// the filter, the upper half of xorshift64*'s for the counters, so that a fingerprint's two slots are unrelated.</summary>
    private const uint FilterSlotMultiplier = 0x9E3779B1u, CountSlotMultiplier = 0x2545F491u;

    private readonly HashSet<uint> _common;
    private readonly ulong[] _filter;

    private BoilerplateFilter(HashSet<uint> common)
    {
        _common = common;
        _filter = new ulong[common.Count == 0 ? 1 : FilterBits / 64];
        foreach (uint fp in common)
        {
            int bit = FilterSlot(fp);
            _filter[bit >> 6] |= 1UL << bit;
        }
    }

    /// <summary>The filter that marks exactly <paramref name="common"/> (a saved index's query state).</summary>
    public static BoilerplateFilter Of(ReadOnlySpan<uint> common)
    {
        var set = new HashSet<uint>(common.Length);
        foreach (uint fp in common)
        {
            set.Add(fp);
        }
        return new BoilerplateFilter(set);
    }

    /// <summary>The boilerplate fingerprints, ascending (what an index saves).</summary>
    public uint[] ToSortedArray()
    {
        var common = _common.ToArray();
        Array.Sort(common);
        return common;
    }

    /// <summary>A filter that marks nothing common.</summary>
    public static BoilerplateFilter None { get; } = new([]);

    public long MemoryBytes => (long)_filter.Length * sizeof(ulong) + (long)_common.Count * HashSetEntryBytes;

    /// <summary>Number of distinct boilerplate fingerprints.</summary>
    public int Count => _common.Count;

    /// <summary>Builds the filter from explicit sets (tests and benchmarks).</summary>
    public static BoilerplateFilter Build(IReadOnlyList<uint[]> fingerprintSets, int threshold, int maxDegreeOfParallelism) =>
        Build(fingerprintSets.Count, i => fingerprintSets[i], fingerprintSets.Sum(set => (long)set.Length), threshold, maxDegreeOfParallelism);

    /// <summary>
    /// Builds the filter over <paramref name="count"/> sets (one per story group) given by <paramref name="sets"/>: a
    /// fingerprint is common when at least <paramref name="threshold"/> sets hold it. <paramref name="totalFingerprints"/>
    /// is about the sum of the sets' sizes (an upper bound will do): it only sizes the counters, and the result does
    /// not depend on it.
    /// </summary>
    public static BoilerplateFilter Build(int count, FingerprintSource sets, long totalFingerprints, int threshold, int maxDegreeOfParallelism)
    {
        // Pass 1: saturating byte counters over hashed slots, two to four fingerprints per slot (at most a gigabyte of counters
        // for ten million documents at a sample rate of 1/4). A slot's count is at least the count of every fingerprint
        // in it, so no common fingerprint is missed; collisions only let a few extra fingerprints through to pass 2,
        // which counts exactly (Poisson(4) reaches 16 with probability about 2e-6).
        long total = totalFingerprints;
        int totalBits = System.Numerics.BitOperations.Log2(System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, total)));
        int bits = Math.Clamp(totalBits - FingerprintsPerCountSlotLog2, MinCountBits, MaxCountBits);
        int shift = 32 - bits;
        var counts = new byte[1L << bits];
        // One array, no atomics: each worker scans every set but counts only the slots of its own range, so the counts
        // are the same for any number of workers and the memory is paid once (not once per worker).
        int workers = Internal.Workers.Count(maxDegreeOfParallelism, MaxCountWorkers);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, range =>
        {
            for (int i = 0; i < count; i++)
            {
                foreach (uint fp in sets(i))
                {
                    long slot = CountSlot(fp, shift);
                    if ((slot * workers) >> bits != range)
                    {
                        continue;
                    }
                    ref byte c = ref counts[slot];
                    if (c != byte.MaxValue)
                    {
                        c++;
                    }
                }
            }
        });
        // Pass 2: exact counts for the fingerprints whose slot reached the threshold; each worker takes a share of the
        // sets, and the (few) counts are summed.
        byte gate = (byte)Math.Min(threshold, byte.MaxValue);
        var exacts = new Dictionary<uint, int>[workers];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var exact = new Dictionary<uint, int>();
            for (int i = w; i < count; i += workers)
            {
                foreach (uint fp in sets(i))
                {
                    if (counts[CountSlot(fp, shift)] >= gate)
                    {
                        exact[fp] = exact.GetValueOrDefault(fp) + 1;
                    }
                }
            }
            exacts[w] = exact;
        });
        counts = null;
        var sum = exacts[0];
        for (int w = 1; w < workers; w++)
        {
            foreach (var (fp, n) in exacts[w])
            {
                sum[fp] = sum.GetValueOrDefault(fp) + n;
            }
        }
        var common = new HashSet<uint>();
        foreach (var (fp, n) in sum)
        {
            if (n >= threshold)
            {
                common.Add(fp);
            }
        }
        return new BoilerplateFilter(common);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long CountSlot(uint fingerprint, int shift) => (fingerprint * CountSlotMultiplier) >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsBoilerplate(uint fingerprint)
    {
        if (_common.Count == 0)
        {
            return false;
        }
        int bit = FilterSlot(fingerprint);
        return (_filter[bit >> 6] & 1UL << bit) != 0 && _common.Contains(fingerprint);
    }

    /// <summary>Number of fingerprints of a set that are not boilerplate.</summary>
    public int CountNotBoilerplate(ReadOnlySpan<uint> fingerprints)
    {
        if (_common.Count == 0)
        {
            return fingerprints.Length;
        }
        int n = 0;
        foreach (uint fp in fingerprints)
        {
            if (!IsBoilerplate(fp))
            {
                n++;
            }
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FilterSlot(uint fingerprint) => (int)((fingerprint * FilterSlotMultiplier) >> (32 - FilterBitsLog2));
}
