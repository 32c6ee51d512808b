using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NearDup.Internal;

namespace NearDup.Clustering;

// Counting a set's boilerplate (CountNotBoilerplate) reads the bit filter for every fingerprint of every document and
// group core: a multiply, a shift and a bit looked up, a value at a time. Here eight values a step, as the passing
// filter does (PassingFilter.KeepVector256): the eight 32-bit words of the filter gathered at once (the ulong[] read as
// the uint[] it is in memory, little-endian), each lane's bit shifted out, and the hits left-packed and stored whole.
internal sealed partial class BoilerplateFilter
{
    /// <summary>
    /// <see cref="FilterHitsScalar"/> eight fingerprints a step with AVX2; the tail one at a time. The stores of eight
    /// lanes stay inside <paramref name="hits"/>: the hits written never pass the values read.
    /// </summary>
    internal unsafe int FilterHitsVector256(ReadOnlySpan<uint> batch, Span<uint> hits)
    {
        if (!Avx2.IsSupported)
        {
            return FilterHitsScalar(batch, hits);
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(hits.Length, batch.Length, nameof(hits));
        int length = batch.Length & ~(Vector256<uint>.Count - 1), m = 0;
        var multiplier = Vector256.Create(FilterSlotMultiplier);
        var low5 = Vector256.Create(31u);
        var one = Vector256<uint>.One;
        int shift = _filterShift;
        fixed (ulong* filter = _filter)
        fixed (uint* source = batch)
        fixed (uint* destination = hits)
        {
            for (int i = 0; i < length; i += Vector256<uint>.Count)
            {
                var values = Vector256.Load(source + i);
                var bit = Vector256.ShiftRightLogical(values * multiplier, shift);
                var words = Avx2.GatherVector256((uint*)filter, Vector256.ShiftRightLogical(bit, 5).AsInt32(), sizeof(uint));
                uint lanes = Vector256.Equals(Avx2.ShiftRightLogicalVariable(words, bit & low5) & one, one).ExtractMostSignificantBits();
                Vector256.Store(Vector256LeftPack.Pack(values, lanes), destination + m);
                m += BitOperations.PopCount(lanes);
            }
        }
        return m + FilterHitsScalar(batch[length..], hits[m..]);
    }
}
