namespace NearDup.Corpus.Internal;

/// <summary>
/// Small, fast, seedable generator (wyrand: Wang Yi's 64-bit add-and-multiply-fold, public domain).
/// Every story, topic and site derives its own stream with <see cref="For"/> from
/// (corpus seed, entity index, stream), so output never depends on thread count or order of work.
/// </summary>
internal sealed class Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = Mix(seed);

    /// <summary>An independent stream for (seed, key, stream).</summary>
    public static Rng For(ulong seed, ulong key, ulong stream) =>
        new(Mix(seed + 0x9E3779B97F4A7C15UL) ^ Mix(key * 0xD6E8FEB86659FD93UL + 0x2545F4914F6CDD1DUL) ^ Mix(~stream * 0xA0761D6478BD642FUL));

    public ulong NextUInt64()
    {
        _state += 0xA0761D6478BD642FUL;
        ulong hi = Math.BigMul(_state, _state ^ 0xE7037ED1A0B428DBUL, out ulong lo);
        return hi ^ lo;
    }

    /// <summary>Uniform integer in [0, n) by Lemire's multiply-shift (bias below 2^-32, irrelevant here).</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)(uint)n) >> 32);

    /// <summary>Uniform integer in [min, max] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>SplitMix64 finalizer: a bijective avalanche mixer.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
