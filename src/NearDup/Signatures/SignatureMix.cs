using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NearDup.Internal;

namespace NearDup.Signatures;

/// <summary>
/// Integer mixers shared by the MinHash and SimHash kernels, with scalar and vector overloads that
/// compute bit-identical results lane by lane.
/// </summary>
/// <remarks>
/// <para><see cref="Strong(ulong)"/> is the SplitMix64 finalizer (Steele, Lea, Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014; constants from Stafford's "Mix13"): two multiplies,
/// a bijection with full avalanche. It places shingles into one-permutation bins, derives seeds and
/// remixes compact signatures, where it runs once per hash.</para>
/// <para><see cref="Permute(ulong)"/> is the per-permutation function of k-permutation MinHash, which runs
/// k times per hash, so it is the inner-loop cost: one 64×64 multiply by an odd constant then an
/// xor-shift. The inputs are already well-mixed shingle hashes xor a random per-permutation seed, so
/// each permutation's argmin is uniform over the set (collision probability exactly J); what the
/// multiply buys is that different seeds order the set nearly independently. The accuracy tests check
/// the variance of the estimate, not just its mean, to catch correlated permutations.</para>
/// </remarks>
internal static class SignatureMix
{
    public const ulong StrongMul1 = 0xBF58476D1CE4E5B9;
    public const ulong StrongMul2 = 0x94D049BB133111EB;
    public const ulong PermuteMul = 0xD6E8FEB86659FD93;

    /// <summary>SplitMix64 finalizer (bijective).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Strong(ulong x)
    {
        x ^= x >> 30;
        x *= StrongMul1;
        x ^= x >> 27;
        x *= StrongMul2;
        return x ^ (x >> 31);
    }

    /// <inheritdoc cref="Strong(ulong)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Strong(Vector512<ulong> x)
    {
        x ^= Vector512.ShiftRightLogical(x, 30);
        x *= Vector512.Create(StrongMul1);
        x ^= Vector512.ShiftRightLogical(x, 27);
        x *= Vector512.Create(StrongMul2);
        return x ^ Vector512.ShiftRightLogical(x, 31);
    }

    /// <inheritdoc cref="Strong(ulong)"/>
    /// <remarks>AVX2: the multiplies from 32-bit products (<see cref="Vector256Multiply"/>); callers check <see cref="Avx2.IsSupported"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Strong(Vector256<ulong> x)
    {
        x ^= Vector256.ShiftRightLogical(x, 30);
        x = Vector256Multiply.Low(x, StrongMul1);
        x ^= Vector256.ShiftRightLogical(x, 27);
        x = Vector256Multiply.Low(x, StrongMul2);
        return x ^ Vector256.ShiftRightLogical(x, 31);
    }

    /// <summary>Multiply-xorshift permutation (bijective) used once per (hash, permutation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Permute(ulong x)
    {
        x *= PermuteMul;
        return x ^ (x >> 32);
    }

    /// <inheritdoc cref="Permute(ulong)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ulong> Permute(Vector128<ulong> x)
    {
        x *= Vector128.Create(PermuteMul);
        return x ^ Vector128.ShiftRightLogical(x, 32);
    }

    /// <inheritdoc cref="Permute(ulong)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Permute(Vector256<ulong> x)
    {
        x *= Vector256.Create(PermuteMul);
        return x ^ Vector256.ShiftRightLogical(x, 32);
    }

    /// <inheritdoc cref="Permute(ulong)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Permute(Vector512<ulong> x)
    {
        x *= Vector512.Create(PermuteMul);
        return x ^ Vector512.ShiftRightLogical(x, 32);
    }

    /// <summary>SplitMix64 generator step: advances <paramref name="state"/> and returns the next value.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15;
        return Strong(state);
    }
}
