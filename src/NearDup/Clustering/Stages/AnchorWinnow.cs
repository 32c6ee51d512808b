using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// Which fingerprints of a text are anchors: winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms
/// for document fingerprinting", SIGMOD 2003, as in MOSS). The fingerprints are put in text order (their first
/// positions) and, in every window of <see cref="WindowOf"/> consecutive ones, the one of least rank is an anchor.
/// Two texts that share a run of fingerprints share every window inside it, so a run of 2w shares two anchors
/// whatever its words (a rate chosen by the fingerprint's bits alone gave two in ten shingles 0.76 of the time at one
/// in 4); a text of fewer than w has its least one. About 2/(w+1) of a text's fingerprints are anchors.
/// </summary>
/// <remarks>
/// The choice depends on the neighbours, so both texts of a pair must winnow the same sequence: all a text's
/// fingerprints at the index's sample rate. Boilerplate is winnowed too and dropped after (a window whose least is a
/// site's footer has no anchor), so that a text's anchors do not depend on the corpus: a query, and a partitioned
/// index keying a document as it is added, choose them alone. Ranks are a bijective mix of the fingerprint, not the fingerprint itself, so that the anchors' top bits (by
/// which the anchor table buckets them) stay uniform.
/// </remarks>
internal static class AnchorWinnow
{
    // Per-thread scratch: the order of the fingerprints in the text and which are chosen.
    [ThreadStatic]
    private static int[]? t_slots;

    [ThreadStatic]
    private static int[]? t_order;

    [ThreadStatic]
    private static bool[]? t_chosen;

    /// <summary>Fingerprints per window: <see cref="NearDupOptions.AnchorRate"/> + 1, so that the default 4 needs a run of 10 for two anchors.</summary>
    public static int WindowOf(NearDupOptions options) => options.AnchorRate + 1;

    /// <summary>
    /// Writes the anchors among <paramref name="fingerprints"/> (ascending, the first position of fingerprint k at
    /// <paramref name="positions"/>[k]; in ascending order when there are no positions) to the front of
    /// <paramref name="destination"/>, ascending; returns how many.
    /// </summary>
    public static int Choose(ReadOnlySpan<uint> fingerprints, PositionList positions, int window, Span<uint> destination)
    {
        Debug.Assert(window >= 1 && (positions.IsEmpty || positions.Length == fingerprints.Length));
        int n = fingerprints.Length;
        if (n == 0)
        {
            return 0;
        }
        var order = Order(positions, n);
        var chosen = Scratch(ref t_chosen, n);
        chosen.Clear();
        MarkMinima(fingerprints, order, Math.Min(window, n), chosen);
        int count = 0;
        for (int k = 0; k < n; k++)
        {
            if (chosen[k])
            {
                destination[count++] = fingerprints[k];
            }
        }
        return count;
    }

    /// <summary>Marks in <paramref name="chosen"/> the least-ranked fingerprint of every window of <paramref name="window"/> consecutive ones of <paramref name="order"/>.</summary>
    private static void MarkMinima(ReadOnlySpan<uint> fingerprints, ReadOnlySpan<int> order, int window, Span<bool> chosen)
    {
        int least = -1;
        uint leastRank = 0;
        for (int end = 0; end < order.Length; end++)
        {
            uint rank = Rank(fingerprints[order[end]]);
            int start = end - window + 1;
            if (least < Math.Max(start, 0))
            {
                // The least one left the window: find the least of what is in it.
                least = Math.Max(start, 0);
                leastRank = Rank(fingerprints[order[least]]);
                for (int i = least + 1; i <= end; i++)
                {
                    uint r = Rank(fingerprints[order[i]]);
                    (least, leastRank) = r < leastRank ? (i, r) : (least, leastRank);
                }
            }
            else if (rank < leastRank)
            {
                (least, leastRank) = (end, rank);
            }
            if (start >= 0)
            {
                chosen[order[least]] = true;
            }
        }
    }

    /// <summary>
    /// The indexes of the fingerprints in text order: placed by position (a text's first positions are distinct), with
    /// a sort by (position, index) when two share one (positions saturate at 65,535) and the ascending order without positions.
    /// </summary>
    private static ReadOnlySpan<int> Order(PositionList positions, int n)
    {
        var order = Scratch(ref t_order, n);
        if (positions.IsEmpty)
        {
            for (int k = 0; k < n; k++)
            {
                order[k] = k;
            }
            return order;
        }
        int last = 0;
        for (int k = 0; k < n; k++)
        {
            last = Math.Max(last, positions[k]);
        }
        var slots = Scratch(ref t_slots, last + 1);
        slots.Fill(-1);
        for (int k = 0; k < n; k++)
        {
            ref int slot = ref slots[positions[k]];
            if (slot >= 0)
            {
                return SortedOrder(positions, order);
            }
            slot = k;
        }
        int placed = 0;
        foreach (int k in slots)
        {
            if (k >= 0)
            {
                order[placed++] = k;
            }
        }
        return order;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ReadOnlySpan<int> SortedOrder(PositionList positions, Span<int> order)
    {
        var keys = new long[order.Length];
        for (int k = 0; k < keys.Length; k++)
        {
            keys[k] = (long)positions[k] << 32 | (uint)k;
        }
        Array.Sort(keys);
        for (int k = 0; k < keys.Length; k++)
        {
            order[k] = (int)(uint)keys[k];
        }
        return order;
    }

    /// <summary>A bijective mix (murmur3's 32-bit finalizer): distinct fingerprints have distinct ranks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Rank(uint fingerprint)
    {
        uint h = fingerprint;
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }

    private static Span<T> Scratch<T>(ref T[]? scratch, int length)
    {
        if (scratch is null || scratch.Length < length)
        {
            scratch = new T[Math.Max(length, 2 * (scratch?.Length ?? 32))];
        }
        return scratch.AsSpan(0, length);
    }
}
