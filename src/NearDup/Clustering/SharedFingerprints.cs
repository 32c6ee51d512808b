using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// The merge of two sorted, distinct fingerprint sets that every verification runs: each shared fingerprint that is not
/// boilerplate goes to a sink, a struct the JIT specializes (counting for <see cref="Verifier"/>, collecting positions
/// for <see cref="PairEvidence"/>), so the hot loop pays no call.
/// </summary>
internal static class SharedFingerprints
{
    public static void Merge<TSink>(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common, ref TSink sink)
        where TSink : ISharedFingerprintSink, allows ref struct
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            uint x = a[i], y = b[j];
            if (x < y)
            {
                i++;
            }
            else if (x > y)
            {
                j++;
            }
            else
            {
                if (!common.IsBoilerplate(x))
                {
                    sink.Add(i, j);
                }
                i++;
                j++;
            }
        }
    }

    /// <summary>Counts the shared fingerprints.</summary>
    public struct Count : ISharedFingerprintSink
    {
        public int Shared;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int indexA, int indexB) => Shared++;
    }
}
