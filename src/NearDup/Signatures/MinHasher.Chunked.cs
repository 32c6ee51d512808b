using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NearDup.Signatures;

// One-permutation hashing with the SplitMix64 mix of a chunk of shingles in vectors (eight a step with AVX-512, four
// with AVX2: IChunkMixer), then the chunk's bin updates; the Vector128 kernel keeps the scalar loop. The bin update
// stays scalar (a scatter-min into data-dependent bins).
public sealed partial class MinHasher
{
    /// <summary>Hashes mixed per chunk before their bin updates: the chunk's vector stores have left the store queue by the time they are read back.</summary>
    private const int MixChunk = 64;

    /// <summary>
    /// The bin updates of <see cref="OnePermutationScalar"/>, the mixed values made by <typeparamref name="TMixer"/> a
    /// chunk at a time into the stack first: a third of the instructions of a shingle's scalar step were the mix.
    /// </summary>
    [SkipLocalsInit]
    private static void OnePermutationChunked<TMixer>(ReadOnlySpan<ulong> hashes, ulong seed, Span<ulong> bins)
        where TMixer : struct, IChunkMixer
    {
        Span<ulong> mixed = stackalloc ulong[MixChunk];
        ref ulong mixed0 = ref MemoryMarshal.GetReference(mixed);
        ref ulong hash0 = ref MemoryMarshal.GetReference(hashes);
        uint k = (uint)bins.Length;
        int i = 0;
        for (; i + MixChunk <= hashes.Length; i += MixChunk)
        {
            TMixer.Mix(ref Unsafe.Add(ref hash0, i), MixChunk, seed, ref mixed0);
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
