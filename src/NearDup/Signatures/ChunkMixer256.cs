using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

/// <summary>Four hashes a step on AVX2: the two 64-bit multiplies from vpmuludq, still fewer cycles than the scalar mix's chain.</summary>
internal readonly struct ChunkMixer256 : IChunkMixer
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mix(ref ulong hashes, int count, ulong seed, ref ulong mixed)
    {
        var seeds = Vector256.Create(seed);
        for (int j = 0; j < count; j += Vector256<ulong>.Count)
        {
            SignatureMix.Strong(Vector256.LoadUnsafe(ref hashes, (nuint)j) ^ seeds).StoreUnsafe(ref mixed, (nuint)j);
        }
    }
}
