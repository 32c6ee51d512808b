using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// Pass 2 of <see cref="BoilerplateFilter"/>: an exact count for each candidate (a fingerprint whose pass-1 slot reached
/// the threshold), keyed by the candidate, one small open-addressing table per radix bucket of pass 1. A bucket's
/// table holds only the distinct candidates of its range of slots (hundreds at a million documents), so it stays in a
/// core's L1 or L2 cache while the bucket's occurrences are counted, and the memory grows with the candidates rather
/// than with their occurrences, which gathering every occurrence and sorting them needed (hundreds of millions at a
/// million documents). Each bucket is counted by one worker at a time, so the tables need no atomics.
/// </summary>
internal sealed class BoilerplateCandidates
{
    /// <summary>First capacity of a bucket's table; it doubles when more than half full.</summary>
    private const int InitialCapacity = 64;

    /// <summary>Odd multiplier whose product's top bits are a key's place in its table (Fibonacci hashing).</summary>
    private const uint PlaceMultiplier = 0x9E3779B1u;

    private readonly uint[][] _keys;

    /// <summary>Occurrences counted for each key; 0 marks an empty place, so that every uint can be a key.</summary>
    private readonly int[][] _counts;

    private readonly int[] _used;

    public BoilerplateCandidates(int buckets)
    {
        _keys = new uint[buckets][];
        _counts = new int[buckets][];
        _used = new int[buckets];
        for (int b = 0; b < buckets; b++)
        {
            _keys[b] = new uint[InitialCapacity];
            _counts[b] = new int[InitialCapacity];
        }
    }

    /// <summary>Counts one more occurrence of <paramref name="key"/> in bucket <paramref name="bucket"/>'s table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int bucket, uint key)
    {
        var keys = _keys[bucket];
        var counts = _counts[bucket];
        int mask = keys.Length - 1;
        int at = Place(key, keys.Length);
        while (counts[at] != 0)
        {
            if (keys[at] == key)
            {
                counts[at]++;
                return;
            }
            at = (at + 1) & mask;
        }
        keys[at] = key;
        counts[at] = 1;
        if (++_used[bucket] * 2 > keys.Length)
        {
            Grow(bucket);
        }
    }

    /// <summary>Occurrences counted for <paramref name="key"/> in bucket <paramref name="bucket"/>'s table (0 when never counted).</summary>
    public int CountOf(int bucket, uint key)
    {
        var keys = _keys[bucket];
        var counts = _counts[bucket];
        int mask = keys.Length - 1;
        for (int at = Place(key, keys.Length); counts[at] != 0; at = (at + 1) & mask)
        {
            if (keys[at] == key)
            {
                return counts[at];
            }
        }
        return 0;
    }

    /// <summary>
    /// The keys counted at least <paramref name="threshold"/> times, each mapped back by <paramref name="inverse"/> (a
    /// key is a fingerprint times the counters' multiplier), ascending.
    /// </summary>
    public uint[] Frequent(int threshold, uint inverse)
    {
        var frequent = new List<uint>();
        for (int b = 0; b < _keys.Length; b++)
        {
            var (keys, counts) = (_keys[b], _counts[b]);
            for (int i = 0; i < keys.Length; i++)
            {
                if (counts[i] >= threshold)
                {
                    frequent.Add(keys[i] * inverse);
                }
            }
        }
        uint[] sorted = [.. frequent];
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Distinct keys counted, in all buckets.</summary>
    public long Distinct => _used.Sum(u => (long)u);

    private void Grow(int bucket)
    {
        var (keys, counts) = (_keys[bucket], _counts[bucket]);
        var grownKeys = new uint[keys.Length * 2];
        var grownCounts = new int[keys.Length * 2];
        int mask = grownKeys.Length - 1;
        for (int i = 0; i < keys.Length; i++)
        {
            if (counts[i] != 0)
            {
                int at = Place(keys[i], grownKeys.Length);
                while (grownCounts[at] != 0)
                {
                    at = (at + 1) & mask;
                }
                grownKeys[at] = keys[i];
                grownCounts[at] = counts[i];
            }
        }
        _keys[bucket] = grownKeys;
        _counts[bucket] = grownCounts;
    }

    /// <summary>A key's first place in a table of <paramref name="capacity"/> (a power of two) places.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Place(uint key, int capacity) =>
        (int)((key * PlaceMultiplier) >> (32 - System.Numerics.BitOperations.Log2((uint)capacity)));
}
