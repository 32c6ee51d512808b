using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

// One-permutation hashing with the SplitMix64 mix of eight shingles a step: the mix is two 64-bit multiplies, native
// (vpmullq) with AVX-512DQ. The Vector256 kernel builds them from vpmuludq (MinHasher.Vector256.cs); the Vector128
// kernel keeps the scalar loop. The bin update stays scalar (a scatter-min into data-dependent bins).
public sealed partial class MinHasher
{
    /// <summary>Hashes mixed per chunk before their bin updates: the chunk's vector stores have left the store queue by the time they are read back.</summary>
    private const int MixChunk = 64;

    /// <summary>
    /// The bin updates of <see cref="OnePermutationScalar"/>, the mixed values made a <see cref="Vector512{T}"/> at a
    /// time into a stack chunk first: a third of the instructions of a shingle's scalar step were the mix.
    /// </summary>
    [SkipLocalsInit]
    private static void OnePermutationVector512(ReadOnlySpan<ulong> hashes, ulong seed, Span<ulong> bins)
    {
        Span<ulong> mixed = stackalloc ulong[MixChunk];
        ref ulong mixed0 = ref MemoryMarshal.GetReference(mixed);
        ref ulong hash0 = ref MemoryMarshal.GetReference(hashes);
        var seeds = Vector512.Create(seed);
        uint k = (uint)bins.Length;
        int i = 0;
        for (; i + MixChunk <= hashes.Length; i += MixChunk)
        {
            for (int j = 0; j < MixChunk; j += Vector512<ulong>.Count)
            {
                SignatureMix.Strong(Vector512.LoadUnsafe(ref hash0, (nuint)(i + j)) ^ seeds).StoreUnsafe(ref mixed0, (nuint)j);
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
