using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

// Vector256 kernels (AVX2; 64-bit multiply and unsigned min are native only with AVX-512VL, emulated otherwise). Vectorized across permutations, never across
// shingles (STYLE 4.3).
public sealed partial class MinHasher
{
    /// <summary>
    /// k-permutation accumulate with <see cref="Vector256{T}"/>. Register-blocked: a block of four vectors of
    /// seeds and minima stays in registers while the loop runs over every hash, so the inner loop does one
    /// scalar load and a broadcast per hash instead of two vector loads and a store per vector. The lanes
    /// left over after whole vectors are redone by one vector that overlaps the previous ones, which is
    /// exact because min is idempotent; only k &lt; 4 falls back to scalar.
    /// </summary>
    internal static void AccumulateVector256(ReadOnlySpan<ulong> hashes, ReadOnlySpan<ulong> seeds, Span<ulong> mins)
    {
        Debug.Assert(seeds.Length == mins.Length);
        ref ulong s = ref MemoryMarshal.GetReference(seeds);
        ref ulong m = ref MemoryMarshal.GetReference(mins);
        ref ulong hRef = ref MemoryMarshal.GetReference(hashes);
        nuint n = (nuint)hashes.Length;
        nuint k = (nuint)mins.Length;
        nuint w = (nuint)Vector256<ulong>.Count;
        if (k < w)
        {
            AccumulateScalar(hashes, seeds, mins);
            return;
        }
        nuint j = 0;
        for (; j + 4 * w <= k; j += 4 * w)
        {
            Vector256<ulong> s0 = Vector256.LoadUnsafe(ref s, j);
            Vector256<ulong> s1 = Vector256.LoadUnsafe(ref s, j + w);
            Vector256<ulong> s2 = Vector256.LoadUnsafe(ref s, j + 2 * w);
            Vector256<ulong> s3 = Vector256.LoadUnsafe(ref s, j + 3 * w);
            Vector256<ulong> m0 = Vector256.LoadUnsafe(ref m, j);
            Vector256<ulong> m1 = Vector256.LoadUnsafe(ref m, j + w);
            Vector256<ulong> m2 = Vector256.LoadUnsafe(ref m, j + 2 * w);
            Vector256<ulong> m3 = Vector256.LoadUnsafe(ref m, j + 3 * w);
            for (nuint i = 0; i < n; i++)
            {
                Vector256<ulong> h = Vector256.Create(Unsafe.Add(ref hRef, i));
                m0 = Vector256.Min(m0, SignatureMix.Permute(s0 ^ h));
                m1 = Vector256.Min(m1, SignatureMix.Permute(s1 ^ h));
                m2 = Vector256.Min(m2, SignatureMix.Permute(s2 ^ h));
                m3 = Vector256.Min(m3, SignatureMix.Permute(s3 ^ h));
            }
            m0.StoreUnsafe(ref m, j);
            m1.StoreUnsafe(ref m, j + w);
            m2.StoreUnsafe(ref m, j + 2 * w);
            m3.StoreUnsafe(ref m, j + 3 * w);
        }
        for (; j < k; j += w)
        {
            j = Math.Min(j, k - w); // overlapping last vector
            Vector256<ulong> s0 = Vector256.LoadUnsafe(ref s, j);
            Vector256<ulong> m0 = Vector256.LoadUnsafe(ref m, j);
            for (nuint i = 0; i < n; i++)
            {
                m0 = Vector256.Min(m0, SignatureMix.Permute(s0 ^ Vector256.Create(Unsafe.Add(ref hRef, i))));
            }
            m0.StoreUnsafe(ref m, j);
        }
    }

    /// <summary>Match count with <see cref="Vector256{T}"/>: equal lanes that are not <see cref="EmptySlot"/>, popcounted from the mask.</summary>
    internal static int CountMatchesVector256(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        Debug.Assert(a.Length == b.Length);
        ref ulong ra = ref MemoryMarshal.GetReference(a);
        ref ulong rb = ref MemoryMarshal.GetReference(b);
        nuint n = (nuint)a.Length;
        nuint w = (nuint)Vector256<ulong>.Count;
        nuint i = 0;
        int count = 0;
        for (; i + w <= n; i += w)
        {
            Vector256<ulong> va = Vector256.LoadUnsafe(ref ra, i);
            Vector256<ulong> eq = Vector256.Equals(va, Vector256.LoadUnsafe(ref rb, i)) & ~Vector256.Equals(va, Vector256<ulong>.AllBitsSet);
            count += BitOperations.PopCount(eq.ExtractMostSignificantBits());
        }
        return count + CountMatchesScalar(a[(int)i..], b[(int)i..]);
    }

    /// <summary>Compact match count with <see cref="Vector256{T}"/>.</summary>
    internal static int CountMatchesVector256(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        Debug.Assert(a.Length == b.Length);
        ref uint ra = ref MemoryMarshal.GetReference(a);
        ref uint rb = ref MemoryMarshal.GetReference(b);
        nuint n = (nuint)a.Length;
        nuint w = (nuint)Vector256<uint>.Count;
        nuint i = 0;
        int count = 0;
        for (; i + w <= n; i += w)
        {
            Vector256<uint> va = Vector256.LoadUnsafe(ref ra, i);
            Vector256<uint> eq = Vector256.Equals(va, Vector256.LoadUnsafe(ref rb, i)) & ~Vector256.Equals(va, Vector256<uint>.AllBitsSet);
            count += BitOperations.PopCount(eq.ExtractMostSignificantBits());
        }
        return count + CountMatchesScalar(a[(int)i..], b[(int)i..]);
    }
}
