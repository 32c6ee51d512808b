using System.Numerics;
using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// A frozen set of 32-bit values in one flat array with linear probing, at most half full: a lookup is a multiply, a
/// shift and usually one cache line, where <see cref="HashSet{T}"/> goes through buckets, entries and a comparer.
/// Zero marks an empty slot, so whether zero is in the set is kept apart.
/// </summary>
internal sealed class FlatSet
{
    /// <summary>An odd multiplier (MurmurHash3's) whose product's top bits are the home slot: not the bit filter's, so the two are unrelated.</summary>
    private const uint SlotMultiplier = 0x85EBCA6Bu;

    private readonly uint[] _slots;
    private readonly int _shift;
    private readonly bool _hasZero;

    /// <summary>The set of <paramref name="values"/> (repeats allowed).</summary>
    public FlatSet(ReadOnlySpan<uint> values)
    {
        int bits = Math.Max(1, BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, values.Length))) + 1);
        _slots = new uint[1 << bits];
        _shift = 32 - bits;
        int mask = _slots.Length - 1;
        foreach (uint v in values)
        {
            if (v == 0)
            {
                _hasZero = true;
                continue;
            }
            int slot = Home(v);
            while (_slots[slot] != 0 && _slots[slot] != v)
            {
                slot = (slot + 1) & mask;
            }
            _slots[slot] = v;
        }
    }

    public long MemoryBytes => (long)_slots.Length * sizeof(uint);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(uint value)
    {
        if (value == 0)
        {
            return _hasZero;
        }
        var slots = _slots;
        int mask = slots.Length - 1;
        for (int slot = Home(value); ; slot = (slot + 1) & mask)
        {
            uint s = slots[slot];
            if (s == value)
            {
                return true;
            }
            if (s == 0)
            {
                return false;
            }
        }
    }

    /// <summary>Prefetches the line where a lookup of <paramref name="value"/> starts (see <see cref="Internal.CacheHint"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(uint value) => Internal.CacheHint.Prefetch(in _slots[Home(value)]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(uint value) => (int)((value * SlotMultiplier) >> _shift);
}
