using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Text;

/// <summary>
/// The lengths of a text's word runs from their starts and ends, with the index of each run longer than
/// <see cref="ShortXxHash3.MaxLength"/>, which the batch word hash leaves to the scanner. Sixteen runs a step (eight with AVX2): the
/// lengths are one subtraction and the long runs one compare, whose mask is nearly always empty.
/// </summary>
internal static class RunLengths
{
    /// <summary>
    /// Writes <paramref name="ends"/>[i] - <paramref name="starts"/>[i] to <paramref name="lengths"/>[i] and, in order,
    /// each i whose length is over <see cref="ShortXxHash3.MaxLength"/> to <paramref name="longRuns"/>; returns how many
    /// of those. All four spans are as long as <paramref name="starts"/> or longer.
    /// </summary>
    public static int Compute(ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, Span<int> lengths, Span<int> longRuns) =>
        Vector512.IsHardwareAccelerated && starts.Length >= Vector512<int>.Count
            ? ComputeVector512(starts, ends, lengths, longRuns)
            : Vector256.IsHardwareAccelerated && starts.Length >= Vector256<int>.Count
            ? ComputeVector256(starts, ends, lengths, longRuns)
            : ComputeScalar(starts, ends, lengths, longRuns, 0, 0);

    /// <summary><see cref="Compute"/> one run at a time from <paramref name="from"/>, with <paramref name="longCount"/> long runs before it: the reference and the vector form's tail.</summary>
    internal static int ComputeScalar(ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, Span<int> lengths, Span<int> longRuns, int from, int longCount)
    {
        _ = ends[..starts.Length];
        _ = lengths[..starts.Length];
        _ = longRuns[..starts.Length];
        for (int i = from; i < starts.Length; i++)
        {
            int length = ends[i] - starts[i];
            lengths[i] = length;
            if (length > ShortXxHash3.MaxLength)
            {
                longRuns[longCount++] = i;
            }
        }
        return longCount;
    }

    /// <summary><see cref="Compute"/> sixteen runs a step; the runs past the last whole step one at a time.</summary>
    internal static int ComputeVector512(ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, Span<int> lengths, Span<int> longRuns)
    {
        _ = ends[..starts.Length];
        _ = lengths[..starts.Length];
        _ = longRuns[..starts.Length];
        ref int start0 = ref MemoryMarshal.GetReference(starts);
        ref int end0 = ref MemoryMarshal.GetReference(ends);
        ref int length0 = ref MemoryMarshal.GetReference(lengths);
        int i = 0, longCount = 0;
        for (; i <= starts.Length - Vector512<int>.Count; i += Vector512<int>.Count)
        {
            var length = Vector512.LoadUnsafe(ref end0, (nuint)i) - Vector512.LoadUnsafe(ref start0, (nuint)i);
            length.StoreUnsafe(ref length0, (nuint)i);
            ulong longs = Vector512.GreaterThan(length, Vector512.Create(ShortXxHash3.MaxLength)).ExtractMostSignificantBits();
            if (longs != 0)
            {
                longCount = AddLongRuns(longRuns, longCount, longs, i);
            }
        }
        return ComputeScalar(starts, ends, lengths, longRuns, i, longCount);
    }

    /// <summary><see cref="Compute"/> eight runs a step (AVX2); the runs past the last whole step one at a time.</summary>
    internal static int ComputeVector256(ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, Span<int> lengths, Span<int> longRuns)
    {
        _ = ends[..starts.Length];
        _ = lengths[..starts.Length];
        _ = longRuns[..starts.Length];
        ref int start0 = ref MemoryMarshal.GetReference(starts);
        ref int end0 = ref MemoryMarshal.GetReference(ends);
        ref int length0 = ref MemoryMarshal.GetReference(lengths);
        int i = 0, longCount = 0;
        for (; i <= starts.Length - Vector256<int>.Count; i += Vector256<int>.Count)
        {
            var length = Vector256.LoadUnsafe(ref end0, (nuint)i) - Vector256.LoadUnsafe(ref start0, (nuint)i);
            length.StoreUnsafe(ref length0, (nuint)i);
            uint longs = Vector256.GreaterThan(length, Vector256.Create(ShortXxHash3.MaxLength)).ExtractMostSignificantBits();
            if (longs != 0)
            {
                longCount = AddLongRuns(longRuns, longCount, longs, i);
            }
        }
        return ComputeScalar(starts, ends, lengths, longRuns, i, longCount);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int AddLongRuns(Span<int> longRuns, int longCount, ulong longs, int block)
    {
        for (; longs != 0; longs &= longs - 1)
        {
            longRuns[longCount++] = block + BitOperations.TrailingZeroCount(longs);
        }
        return longCount;
    }
}
