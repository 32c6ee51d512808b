namespace NearDup.Signatures;

/// <summary>How a <see cref="MinHasher"/> turns a set of shingle hashes into <c>k</c> minima.</summary>
public enum MinHashScheme
{
    /// <summary>
    /// One-permutation hashing with optimal densification: each hash is mixed once and falls into one of
    /// <c>k</c> bins, each bin keeps its minimum, and empty bins borrow the value of a pseudo-randomly
    /// chosen non-empty bin (Li, Owen, Zhang, NIPS 2012; Shrivastava, ICML 2017). Cost grows with the
    /// number of hashes only, about 1 ns per hash; unbiased. The default.
    /// </summary>
    OnePermutation,

    /// <summary>
    /// Classic MinHash with <c>k</c> independent hash functions: <c>mins[j] = min(mins[j], Mix(seeds[j] ^ h))</c>,
    /// vectorized across permutations. Cost grows with hashes × k; useful as the textbook reference
    /// and when signatures must match other k-hash implementations' statistics exactly.
    /// </summary>
    KPermutation,
}
