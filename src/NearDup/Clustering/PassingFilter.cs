using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// The passing bits of <see cref="BoilerplateFilter"/>'s pass 1 folded onto a bit array small enough for a core's L2
/// cache (at most 2^23 bits, 1 MiB): a folded bit is the OR of every passing bit whose slot has the same low bits. It
/// keeps every product whose slot passed, and drops most of the others (all but about the share of folded bits set) with
/// one read from the cache instead of a partition of every product, so pass 2 partitions and looks up only the few it
/// keeps. Exact counts come after, from the unfolded bits.
/// </summary>
internal readonly partial struct PassingFilter
{
    /// <summary>Folded bits per passing slot, 2^4 = 16 (rounded up to a power of two): about one in 16 of the rest is kept.</summary>
    private const int BitsPerPassingSlotLog2 = 4;

    /// <summary>
    /// Bounds of the folded array's size in bits: 2^12 (512 bytes) to 2^23 (1 MiB, a core's L2 cache on the 2-core EPYC
    /// machine). Pass 2 looks up in the unfolded bits, tens of megabytes at random, every product the fold keeps: at a
    /// million documents 2^23 bits keep half as many products that did not pass as 2^22, which costs less than the
    /// fold's lookups missing L2 more often (bench/results/amd-epyc/boilerplate-rooms.md).
    /// </summary>
    private const int MinBits = 12, MaxBits = 23;

    private readonly ulong[] _bits;
    private readonly int _slotShift;
    private readonly uint _mask;

    private PassingFilter(ulong[] bits, int slotShift, uint mask) => (_bits, _slotShift, _mask) = (bits, slotShift, mask);

    /// <summary>
    /// Folds <paramref name="passing"/>, a bit per slot of 2^<paramref name="slotBits"/> (a product's top bits), of which
    /// <paramref name="passingSlots"/> are set.
    /// </summary>
    public static PassingFilter Fold(ulong[] passing, long passingSlots, int slotBits)
    {
        int wanted = System.Numerics.BitOperations.Log2(System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, passingSlots)))
            + BitsPerPassingSlotLog2;
        // Never wider than the passing bits themselves (then nothing is folded), which have at least 2^6 bits.
        int bits = Math.Min(Math.Clamp(wanted, MinBits, MaxBits), Math.Max(6, System.Numerics.BitOperations.Log2((ulong)passing.LongLength * 64)));
        var folded = new ulong[1 << (bits - 6)];
        int words = folded.Length - 1;
        for (long i = 0; i < passing.LongLength; i++)
        {
            folded[i & words] |= passing[i];
        }
        return new PassingFilter(folded, 32 - slotBits, (uint)(1L << bits) - 1);
    }

    /// <summary>1 when the slot of <paramref name="product"/> (its top bits) may have passed, 0 when it has not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Keep(uint product)
    {
        uint bit = (product >> _slotShift) & _mask;
        return (int)(_bits[bit >> 6] >> (int)bit) & 1;
    }
}
