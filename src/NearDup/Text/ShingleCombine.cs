using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Text;

/// <summary>
/// The word-shingle sums, in place over an array of word hashes: shingle i is the avalanche of
/// <c>k + Σ word[i + j]·key[j]</c> (then XOR the seed), written over <c>word[i]</c>, which no later shingle reads. The
/// vector forms compute eight or four neighbouring shingles per step from k overlapping loads;
/// <see cref="Scalar"/> is the reference, and all give <see cref="Shingler"/>'s streaming ring's values.
/// </summary>
internal static class ShingleCombine
{
    /// <summary>Overwrites the first <paramref name="count"/> of <paramref name="hashes"/> (which holds count + k - 1 word hashes) with the shingle hashes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Combine(Span<ulong> hashes, int count, ReadOnlySpan<ulong> keys, ulong seed)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            CombineVector512(hashes, count, keys, seed);
            return;
        }
        if (Vector256.IsHardwareAccelerated)
        {
            CombineVector256(hashes, count, keys, seed);
            return;
        }
        Scalar(hashes, 0, count, keys, seed);
    }

    /// <summary>The reference: one shingle at a time, from <paramref name="from"/> to <paramref name="count"/>.</summary>
    internal static void Scalar(Span<ulong> hashes, int from, int count, ReadOnlySpan<ulong> keys, ulong seed)
    {
        int k = keys.Length;
        if (count <= 0)
        {
            return;
        }
        _ = hashes[..(count + k - 1)];
        ref ulong word0 = ref MemoryMarshal.GetReference(hashes);
        ref ulong key0 = ref MemoryMarshal.GetReference(keys);
        for (int i = from; i < count; i++)
        {
            ref ulong oldest = ref Unsafe.Add(ref word0, i);
            ulong acc = (ulong)k;
            for (int j = 0; j < k; j++)
            {
                acc += Unsafe.Add(ref oldest, j) * Unsafe.Add(ref key0, j);
            }
            oldest = Shingler.Avalanche(acc ^ seed);
        }
    }

    /// <summary>Four shingles a step; the scalar form finishes the last one to three.</summary>
    /// <remarks>
    /// AVX2 has no 64-bit multiply, and a lane's product built from three 32x32 ones (what the JIT emits for
    /// <c>a * b</c>) costs three multiplies, three shifts and two adds. Only the sum's low 64 bits count, so each
    /// product's cross terms <c>lo(a)·hi(b) + hi(a)·lo(b)</c> are summed modulo 2^32 in the lanes' halves (one vpmulld
    /// against the key with its halves swapped) and shifted up once per shingle, beside the low products (vpmuludq).
    /// </remarks>
    internal static void CombineVector256(Span<ulong> hashes, int count, ReadOnlySpan<ulong> keys, ulong seed)
    {
        int k = keys.Length;
        if (count <= 0)
        {
            return;
        }
        _ = hashes[..(count + k - 1)];
        if (!Avx2.IsSupported || k > Shingler.MaxWordSize)
        {
            Scalar(hashes, 0, count, keys, seed);
            return;
        }
        Span<Vector256<uint>> lows = stackalloc Vector256<uint>[k];
        Span<Vector256<uint>> swapped = stackalloc Vector256<uint>[k];
        for (int j = 0; j < k; j++)
        {
            lows[j] = Vector256.Create(keys[j]).AsUInt32();
            swapped[j] = Vector256.Create(keys[j] >> 32 | keys[j] << 32).AsUInt32();
        }
        ref ulong word0 = ref MemoryMarshal.GetReference(hashes);
        var seeds = Vector256.Create(seed);
        int i = 0;
        for (; i <= count - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
        {
            // All loads of a step happen before its store, and the store covers only words this step alone reads.
            var low = Vector256<ulong>.Zero;
            var cross = Vector256<uint>.Zero;
            for (int j = 0; j < k; j++)
            {
                var word = Vector256.LoadUnsafe(ref word0, (nuint)(i + j)).AsUInt32();
                low += Avx2.Multiply(word, lows[j]);
                cross += Avx2.MultiplyLow(word, swapped[j]);
            }
            Finish(low, cross, k, seeds).StoreUnsafe(ref word0, (nuint)i);
        }
        Scalar(hashes, i, count, keys, seed);
    }

    /// <summary>
    /// The shingles from the sums of <see cref="CombineVector256"/>: the two halves of each lane's cross sum added
    /// (modulo 2^32) and shifted up onto the low products, then k added, the seed and the avalanche.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Finish(Vector256<ulong> low, Vector256<uint> cross, int k, Vector256<ulong> seeds)
    {
        var halves = cross.AsUInt64();
        var sum = low + ((halves + (halves >> 32)) << 32) + Vector256.Create((ulong)k);
        return Avalanche(sum ^ seeds);
    }

    /// <summary>Eight shingles a step (64-bit multiplies are native with AVX-512DQ); the four-lane form finishes.</summary>
    internal static void CombineVector512(Span<ulong> hashes, int count, ReadOnlySpan<ulong> keys, ulong seed)
    {
        int k = keys.Length;
        if (count <= 0)
        {
            return;
        }
        _ = hashes[..(count + k - 1)];
        ref ulong word0 = ref MemoryMarshal.GetReference(hashes);
        ref ulong key0 = ref MemoryMarshal.GetReference(keys);
        var start = Vector512.Create((ulong)k);
        var seeds = Vector512.Create(seed);
        int i = 0;
        for (; i <= count - Vector512<ulong>.Count; i += Vector512<ulong>.Count)
        {
            // As in the four-lane form: every load of a step comes before its store, which covers words only it reads.
            var acc = start;
            for (int j = 0; j < k; j++)
            {
                acc += Vector512.LoadUnsafe(ref word0, (nuint)(i + j)) * Vector512.Create(Unsafe.Add(ref key0, j));
            }
            Avalanche(acc ^ seeds).StoreUnsafe(ref word0, (nuint)i);
        }
        CombineVector256(hashes[i..], count - i, keys, seed);
    }

    /// <summary><see cref="Shingler.Avalanche"/> on eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Avalanche(Vector512<ulong> h)
    {
        h ^= Vector512.ShiftRightLogical(h, 33);
        h *= Vector512.Create(0xC2B2AE3D27D4EB4FUL);
        h ^= Vector512.ShiftRightLogical(h, 29);
        h *= Vector512.Create(0x165667B19E3779F9UL);
        return h ^ Vector512.ShiftRightLogical(h, 32);
    }

    /// <summary><see cref="Shingler.Avalanche"/> on four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Avalanche(Vector256<ulong> h)
    {
        h ^= Vector256.ShiftRightLogical(h, 33);
        h *= Vector256.Create(0xC2B2AE3D27D4EB4FUL);
        h ^= Vector256.ShiftRightLogical(h, 29);
        h *= Vector256.Create(0x165667B19E3779F9UL);
        return h ^ Vector256.ShiftRightLogical(h, 32);
    }
}
