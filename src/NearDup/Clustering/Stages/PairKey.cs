namespace NearDup.Clustering;

/// <summary>
/// A pair of documents or groups packed in one <see cref="long"/>, the first in the high half: sorting the keys sorts
/// the pairs by (first, second), and a set or an array of them holds no objects.
/// </summary>
internal static class PairKey
{
    public static long Pack(int a, int b) => (long)a << 32 | (uint)b;

    public static (int A, int B) Unpack(long key) => ((int)(key >> 32), (int)(uint)key);

    /// <summary>The key of an unordered pair: (smaller, larger).</summary>
    public static long Ordered(int a, int b) => a < b ? Pack(a, b) : Pack(b, a);
}
