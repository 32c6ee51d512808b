namespace NearDup.Signatures;

/// <summary>Options of a <see cref="MinHasher"/>; validated once by its constructor.</summary>
/// <remarks>
/// Signatures are only comparable between hashers built from equal options: changing any property
/// changes every slot.
/// </remarks>
public sealed record MinHashOptions
{
    /// <summary>The defaults: 128 slots, seed <c>0x5EED</c>, <see cref="MinHashScheme.OnePermutation"/>.</summary>
    public static MinHashOptions Default { get; } = new();

    /// <summary>
    /// Signature length <c>k</c> (number of permutations, or bins for <see cref="MinHashScheme.OnePermutation"/>).
    /// Default 128, giving a standard error of √(J(1−J)/128) ≤ 0.044 on the Jaccard estimate.
    /// Must be in 1..<see cref="MaxPermutations"/>.
    /// </summary>
    public int Permutations { get; init; } = 128;

    /// <summary>Seed of the permutations (and of the bin mixer and densification probes). Default <c>0x5EED</c>.</summary>
    public ulong Seed { get; init; } = 0x5EED;

    /// <summary>Signature scheme. Default <see cref="MinHashScheme.OnePermutation"/>, chosen by measurement (see README).</summary>
    public MinHashScheme Scheme { get; init; } = MinHashScheme.OnePermutation;

    /// <summary>Largest accepted <see cref="Permutations"/> (2^20), so that batch sizes and bin arithmetic stay far from overflow.</summary>
    public const int MaxPermutations = 1 << 20;
}
