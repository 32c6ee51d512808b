using System.Runtime.CompilerServices;

namespace NearDup.Internal;

/// <summary>
/// Equality for document pairs packed as <c>(long)a &lt;&lt; 32 | b</c>, with a hash that mixes all 64 bits.
/// <see cref="long.GetHashCode"/> is <c>a ^ b</c> for such a key, so the pairs of nearby documents (copies with
/// neighbouring ids, which real corpora have) all land in a handful of buckets and a set of them turns quadratic:
/// that cost 40 s of a million-document run.
/// </summary>
internal sealed class PairComparer : IEqualityComparer<long>
{
    public static PairComparer Instance { get; } = new();

    public bool Equals(long x, long y) => x == y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetHashCode(long pair)
    {
        // The finalizer of MurmurHash3's 64-bit variant (fmix64).
        ulong h = (ulong)pair;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (int)h;
    }
}
