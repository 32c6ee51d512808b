namespace NearDup.Signatures;

/// <summary>Options of a <see cref="SimHasher"/>; every value is valid.</summary>
public sealed record SimHashOptions
{
    /// <summary>The defaults: <see cref="Seed"/> 0 (feature hashes used as they are).</summary>
    public static SimHashOptions Default { get; } = new();

    /// <summary>
    /// 0 (the default) uses the feature hashes' own bits, which is right for the well-mixed hashes the text
    /// core produces. Any other value first remixes each hash with a bijective mixer keyed by the seed,
    /// giving a fingerprint independent of the default one (e.g. for several SimHash tables), at about
    /// 1 ns per feature.
    /// </summary>
    public ulong Seed { get; init; }
}
