using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

/// <summary>Eight hashes a step: the two 64-bit multiplies native (vpmullq) with AVX-512DQ.</summary>
internal readonly struct ChunkMixer512 : IChunkMixer
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mix(ref ulong hashes, int count, ulong seed, ref ulong mixed)
    {
        var seeds = Vector512.Create(seed);
        for (int j = 0; j < count; j += Vector512<ulong>.Count)
        {
            SignatureMix.Strong(Vector512.LoadUnsafe(ref hashes, (nuint)j) ^ seeds).StoreUnsafe(ref mixed, (nuint)j);
        }
    }
}
