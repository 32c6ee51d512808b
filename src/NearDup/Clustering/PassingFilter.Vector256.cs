using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NearDup.Internal;

namespace NearDup.Clustering;

// Boilerplate pass 2 filters every fingerprint of every document (BoilerplateFilter.KeepPassing): a multiply, a shift
// and a bit looked up in the folded array, a value at a time. Here eight values a step: the eight 32-bit words of the
// folded bits gathered at once, each lane's bit shifted out of its word, and the kept lanes packed to the front of a register
// and stored. The folded array is a ulong[], read here as the uint[] it is in memory (little-endian: bit b is
// bit b & 31 of 32-bit word b >> 5). AVX2's gather, then AVX-512VL's compress, or on AVX2 alone a left-pack
// (Vector256LeftPack).
internal readonly partial struct PassingFilter
{
    /// <summary>Whether <see cref="KeepVector256(ReadOnlySpan{uint}, uint, Span{uint})"/> runs on this machine.</summary>
    internal static bool KeepsVector256 => Avx2.IsSupported;

    /// <summary>
    /// Keeps, in order, the values of <paramref name="fingerprints"/> whose products with <paramref name="multiplier"/>
    /// this filter lets through, eight at a time into <paramref name="kept"/> (as long as <paramref name="fingerprints"/>
    /// at least); returns how many values it read (a multiple of eight: the tail is the caller's) and how many it kept.
    /// </summary>
    internal (int Read, int Kept) KeepVector256(ReadOnlySpan<uint> fingerprints, uint multiplier, Span<uint> kept) =>
        KeepVector256(fingerprints, multiplier, kept, compress: Avx512F.VL.IsSupported);

    /// <summary>
    /// <see cref="KeepVector256(ReadOnlySpan{uint}, uint, Span{uint})"/> packing the kept lanes with AVX-512VL's compress
    /// or with the left-pack table (for tests: a machine with AVX-512 runs both).
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal unsafe (int Read, int Kept) KeepVector256(ReadOnlySpan<uint> fingerprints, uint multiplier, Span<uint> kept, bool compress)
    {
        if (!KeepsVector256 || (compress && !Avx512F.VL.IsSupported))
        {
            return (0, 0);
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(kept.Length, fingerprints.Length, nameof(kept));
        int length = fingerprints.Length & ~(Vector256<uint>.Count - 1), n = 0;
        var multipliers = Vector256.Create(multiplier);
        var mask = Vector256.Create(_mask);
        var low5 = Vector256.Create(31u);
        var one = Vector256<uint>.One;
        int shift = _slotShift;
        fixed (ulong* bits = _bits)
        fixed (uint* source = fingerprints)
        fixed (uint* destination = kept)
        {
            for (int i = 0; i < length; i += Vector256<uint>.Count)
            {
                var values = Vector256.Load(source + i);
                var bit = Vector256.ShiftRightLogical(values * multipliers, shift) & mask;
                var words = Avx2.GatherVector256((uint*)bits, Vector256.ShiftRightLogical(bit, 5).AsInt32(), sizeof(uint));
                var keep = Vector256.Equals(Avx2.ShiftRightLogicalVariable(words, bit & low5) & one, one);
                // Compressed in a register and stored whole: the lanes past the kept ones land where later values go (n
                // stays at or below i), and a compressing store to memory is far slower than a plain one on some cores.
                uint lanes = keep.ExtractMostSignificantBits();
                var packed = compress ? Avx512F.VL.Compress(Vector256<uint>.Zero, keep, values) : Vector256LeftPack.Pack(values, lanes);
                Vector256.Store(packed, destination + n);
                n += BitOperations.PopCount(lanes);
            }
        }
        return (length, n);
    }
}
