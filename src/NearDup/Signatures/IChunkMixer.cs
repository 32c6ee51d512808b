namespace NearDup.Signatures;

/// <summary>
/// Mixes a chunk of shingle hashes for one-permutation hashing (<see cref="SignatureMix.Strong(ulong)"/> of each hash
/// XOR the seed) with one vector width: a type parameter, so that the chunked loop is written once and compiled per width.
/// </summary>
internal interface IChunkMixer
{
    /// <summary>Writes the mixes of the <paramref name="count"/> hashes at <paramref name="hashes"/> (a multiple of the width) to <paramref name="mixed"/>.</summary>
    public static abstract void Mix(ref ulong hashes, int count, ulong seed, ref ulong mixed);
}
