// SimHash: Charikar, "Similarity Estimation Techniques from Rounding Algorithms", STOC 2002 (random
// hyperplane rounding); applied to web near-duplicates by Manku, Jain, Das Sarma, "Detecting
// Near-Duplicates for Web Crawling", WWW 2007 (64-bit fingerprints, Hamming distance ≤ 3 at 8B pages).
// Bit b of the fingerprint is the sign of Σ_f w_f·(bit b of hash_f ? +1 : −1). For two feature
// multisets whose ±1 sums have correlation ρ, each bit differs with probability arccos(ρ)/π.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NearDup.Signatures;

/// <summary>
/// Computes 64-bit SimHash fingerprints of feature hashes. Immutable and thread-safe; allocates nothing.
/// </summary>
/// <remarks>
/// Each occurrence of a hash adds its weight (1 without weights), so repeats count as term frequency.
/// Bit b is 1 iff the weighted votes for 1 strictly exceed those for 0; an empty input gives 0.
/// Near-duplicates have a small <see cref="HammingDistance(ulong, ulong)"/>; unrelated documents about 32.
/// </remarks>
public sealed partial class SimHasher
{
    private readonly ulong _seed;
    private readonly SignatureKernel _kernel;

    /// <summary>Creates a hasher; <paramref name="options"/> defaults to <see cref="SimHashOptions.Default"/>.</summary>
    /// <param name="options">The options.</param>
    public SimHasher(SimHashOptions? options = null)
        : this(options, SignatureKernels.Current)
    {
    }

    /// <summary>Creates a hasher pinned to one kernel tier (tests and benchmarks).</summary>
    internal SimHasher(SimHashOptions? options, SignatureKernel kernel)
    {
        Options = options ?? SimHashOptions.Default;
        _seed = Options.Seed;
        _kernel = kernel;
    }

    /// <summary>The options this hasher was built from.</summary>
    public SimHashOptions Options { get; }

    internal SignatureKernel Kernel => _kernel;

    /// <summary>Computes the fingerprint of <paramref name="featureHashes"/>, each occurrence weighing 1.</summary>
    /// <param name="featureHashes">The document's feature hashes; order does not matter, repeats count.</param>
    /// <returns>The 64-bit fingerprint; 0 for an empty input.</returns>
    public ulong Compute(ReadOnlySpan<ulong> featureHashes) => _kernel switch
    {
        SignatureKernel.Vector512 => CountVector512(featureHashes, _seed),
        SignatureKernel.Vector256 => CountVector256(featureHashes, _seed),
        SignatureKernel.Vector128 => CountVector128(featureHashes, _seed),
        _ => CountScalar(featureHashes, _seed),
    };

    /// <summary>Computes the fingerprint of <paramref name="featureHashes"/> with per-occurrence weights (e.g. IDF).</summary>
    /// <param name="featureHashes">The document's feature hashes; order does not matter.</param>
    /// <param name="weights">One finite weight per hash; 0 ignores the feature, a negative weight votes against its bits.</param>
    /// <returns>The 64-bit fingerprint: bit b is 1 iff Σ (bit b set ? w : −w) &gt; 0 (float sums in input order).</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public ulong Compute(ReadOnlySpan<ulong> featureHashes, ReadOnlySpan<float> weights)
    {
        if (weights.Length != featureHashes.Length)
        {
            SignatureThrow.LengthMismatch(nameof(weights), featureHashes.Length, weights.Length);
        }
        return ComputeWeighted(featureHashes, weights);
    }

    /// <summary>Number of differing bits between two fingerprints, 0..64.</summary>
    /// <param name="a">A fingerprint.</param>
    /// <param name="b">Another fingerprint.</param>
    /// <returns><c>PopCount(a ^ b)</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int HammingDistance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    private ulong ComputeWeighted(ReadOnlySpan<ulong> featureHashes, ReadOnlySpan<float> weights) => _kernel switch
    {
        SignatureKernel.Vector512 => WeightedVector512(featureHashes, weights, _seed),
        SignatureKernel.Vector256 => WeightedVector256(featureHashes, weights, _seed),
        SignatureKernel.Vector128 => WeightedVector128(featureHashes, weights, _seed),
        _ => WeightedScalar(featureHashes, weights, _seed),
    };

    /// <summary>The feature's bits: the hash itself, or a seeded bijective remix of it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Feature(ulong hash, ulong seed) => seed == 0 ? hash : SignatureMix.Strong(hash ^ seed);
}
