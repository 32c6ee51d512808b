using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

// One-permutation hashing with the SplitMix64 mix of four shingles a step on AVX2, as the Vector512 kernel does eight:
// the two 64-bit multiplies from 32-bit products (Vector256Multiply), which on an AVX2-only machine still cost less
// than the scalar mix's chain of multiplies. The bin update stays scalar (a scatter-min into data-dependent bins).
public sealed partial class MinHasher
{
    /// <summary>The bin updates of <see cref="OnePermutationScalar"/>, the mixed values made a <see cref="Vector256{T}"/> at a time into a stack chunk first.</summary>
    [SkipLocalsInit]
    private static void OnePermutationVector256(ReadOnlySpan<ulong> hashes, ulong seed, Span<ulong> bins)
    {
        Span<ulong> mixed = stackalloc ulong[MixChunk];
        ref ulong mixed0 = ref MemoryMarshal.GetReference(mixed);
        ref ulong hash0 = ref MemoryMarshal.GetReference(hashes);
        var seeds = Vector256.Create(seed);
        uint k = (uint)bins.Length;
        int i = 0;
        for (; i + MixChunk <= hashes.Length; i += MixChunk)
        {
            for (int j = 0; j < MixChunk; j += Vector256<ulong>.Count)
            {
                SignatureMix.Strong(Vector256.LoadUnsafe(ref hash0, (nuint)(i + j)) ^ seeds).StoreUnsafe(ref mixed0, (nuint)j);
            }
            foreach (ulong v in mixed)
            {
                ref ulong slot = ref bins[(int)BinOf(v, k)];
                slot = SelectMin(slot, v);
            }
        }
        Debug.Assert(hashes.Length - i < MixChunk);
        OnePermutationScalar(hashes[i..], seed, bins);
    }
}
