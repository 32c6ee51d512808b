using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// The distinct values that occur at least a given number of times in a short list (a query's anchor hits: the group of
/// each posting of each anchor, a few hundred), counted in a small open-addressing table of the calling thread, reused
/// from call to call: reading the runs off the sorted list would take an introsort of a few hundred values, where the
/// counting touches each value once, in a table that stays in L1.
/// </summary>
internal static class FrequentValues
{
    /// <summary>Slots of the smallest table: 512 bytes.</summary>
    private const int MinSlots = 64;

    /// <summary>Fibonacci hashing (2^32 over the golden ratio): the product's top bits are the slot.</summary>
    private const uint SlotMultiplier = 0x9E3779B1u;

    // Slot layout: bits 0-31 the value plus one (0 = empty slot), bits 32-63 its count so far.
    [ThreadStatic]
    private static ulong[]? t_slots;

    /// <summary>
    /// Adds to <paramref name="frequent"/> each distinct value of <paramref name="values"/> (none negative) that occurs
    /// at least <paramref name="minCount"/> times, once, when its count reaches <paramref name="minCount"/>: the order
    /// is that of those occurrences, not ascending.
    /// </summary>
    public static void Add(ReadOnlySpan<int> values, int minCount, List<int> frequent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        if (values.IsEmpty)
        {
            return;
        }
        // At most half full, so a probe ends after a slot or two.
        int bits = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinSlots, 2 * values.Length)));
        if (t_slots is null || t_slots.Length < 1 << bits)
        {
            t_slots = new ulong[1 << bits];
        }
        var slots = t_slots.AsSpan(0, 1 << bits);
        slots.Clear();
        int shift = 32 - bits, mask = (1 << bits) - 1;
        foreach (int value in values)
        {
            Debug.Assert(value >= 0);
            ulong tag = (uint)value + 1u;
            int slot = SlotOf(value, shift);
            while (slots[slot] != 0 && (uint)slots[slot] != tag)
            {
                slot = (slot + 1) & mask;
            }
            ulong entry = (slots[slot] | tag) + (1UL << 32);
            slots[slot] = entry;
            if ((int)(entry >> 32) == minCount)
            {
                frequent.Add(value);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SlotOf(int value, int shift) => (int)(((uint)value * SlotMultiplier) >> shift);
}
