using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// What boilerplate pass 1 (<see cref="BoilerplateFilter"/>) leaves for pass 2: a bit per counter slot whose count
/// reached the threshold, and the same bits folded to fit a core's L2 cache (<see cref="PassingFilter"/>). A
/// fingerprint whose slot passed is a candidate, which pass 2 counts exactly; every other one is held by fewer groups.
/// </summary>
internal sealed class PassingSlots
{
    private readonly ulong[] _bits;
    private readonly int _shift;

    /// <param name="bits">A bit per slot: whether its count reached the threshold.</param>
    /// <param name="passing">How many of <paramref name="bits"/> are set.</param>
    /// <param name="slotBits">Top bits of a product that name its slot.</param>
    /// <param name="bucketBits">Top bits of a product that name its radix bucket (both passes bucket by them).</param>
    public PassingSlots(ulong[] bits, long passing, int slotBits, int bucketBits)
    {
        _bits = bits;
        _shift = 32 - slotBits;
        SlotBits = slotBits;
        BucketBits = bucketBits;
        Folded = PassingFilter.Fold(bits, passing, slotBits);
    }

    /// <summary>Top bits of a product that name its slot.</summary>
    public int SlotBits { get; }

    /// <summary>Top bits of a product that name its radix bucket.</summary>
    public int BucketBits { get; }

    /// <summary>The passing bits folded to a cache-sized filter: every passing product and a few others get through.</summary>
    public PassingFilter Folded { get; }

    /// <summary>The passing bits, a bit per slot.</summary>
    public ulong[] Bits => _bits;

    /// <summary>Asks the cache for the word holding <paramref name="product"/>'s bit (see <see cref="Passes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(uint product) => Internal.CacheHint.Prefetch(in _bits[(product >> _shift) >> 6]);

    /// <summary>Whether the slot of <paramref name="product"/> (a fingerprint times the counters' multiplier) passed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Passes(uint product)
    {
        uint slot = product >> _shift;
        return (_bits[slot >> 6] & 1UL << (int)slot) != 0;
    }
}
