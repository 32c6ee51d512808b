using System.Numerics;

namespace NearDup.Clustering;

/// <summary>
/// Which of a query's fingerprints are boilerplate: the same answer as <see cref="BoilerplateFilter.Keep"/>, laid out
/// for a query's sorted fingerprints. The bit filter is indexed by a fingerprint's top bits, not a hash of it (sketch
/// fingerprints are hashes already), so the ~900 probes of a query walk the filter in ascending order, line after
/// line, where hashed slots make each probe a random read of a 256 KiB array; each fingerprint is probed once, and
/// only the filter's hits (about one in twenty) are confirmed in the exact set, prefetched first.
/// </summary>
internal sealed class QueryBoilerplate
{
    /// <summary>Filter bits per boilerplate fingerprint, 2^4 = 16 (rounded up to a power of two), as <see cref="BoilerplateFilter"/>'s.</summary>
    private const int FilterBitsPerFingerprintLog2 = 4;

    /// <summary>Bounds of the filter's size in bits: 2^6 (one word) to 2^30 (128 MiB).</summary>
    private const int MinFilterBits = 6, MaxFilterBits = 30;

    // Per-thread scratch, reused from query to query: indexes of the fingerprints the filter lets through.
    [ThreadStatic]
    private static int[]? t_hits;

    private readonly ulong[] _filter;
    private readonly int _shift;
    private readonly FlatSet _set;
    private readonly bool _empty;

    /// <summary>The test for exactly the fingerprints of <paramref name="common"/> (repeats allowed).</summary>
    public QueryBoilerplate(ReadOnlySpan<uint> common)
    {
        _empty = common.IsEmpty;
        _set = new FlatSet(common);
        int bits = Math.Clamp(BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, common.Length))) + FilterBitsPerFingerprintLog2,
            MinFilterBits, MaxFilterBits);
        _shift = 32 - bits;
        _filter = new ulong[(1L << bits) / 64];
        foreach (uint fp in common)
        {
            uint bit = fp >> _shift;
            _filter[bit >> 6] |= 1UL << (int)bit;
        }
    }

    /// <summary>
    /// Writes the fingerprints of <paramref name="fingerprints"/> that are not boilerplate to <paramref name="kept"/>,
    /// in order; returns how many. <paramref name="kept"/> must be as long as <paramref name="fingerprints"/>.
    /// </summary>
    public int Keep(ReadOnlySpan<uint> fingerprints, Span<uint> kept)
    {
        if (_empty)
        {
            fingerprints.CopyTo(kept);
            return fingerprints.Length;
        }
        if (t_hits is null || t_hits.Length < fingerprints.Length)
        {
            t_hits = new int[Math.Max(fingerprints.Length, 2 * (t_hits?.Length ?? 512))];
        }
        var hits = t_hits;
        var filter = _filter;
        int shift = _shift, found = 0;
        for (int i = 0; i < fingerprints.Length; i++)
        {
            uint fp = fingerprints[i], bit = fp >> shift;
            if ((filter[bit >> 6] & 1UL << (int)bit) != 0)
            {
                hits[found++] = i;
                _set.Prefetch(fp);
            }
        }
        // Copy the runs between confirmed boilerplate; a filter hit the set does not hold stays in its run.
        int written = 0, next = 0;
        for (int h = 0; h < found; h++)
        {
            int i = hits[h];
            if (_set.Contains(fingerprints[i]))
            {
                fingerprints[next..i].CopyTo(kept[written..]);
                written += i - next;
                next = i + 1;
            }
        }
        fingerprints[next..].CopyTo(kept[written..]);
        return written + fingerprints.Length - next;
    }
}
