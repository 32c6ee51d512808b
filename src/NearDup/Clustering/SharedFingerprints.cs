using System.Runtime.CompilerServices;

namespace NearDup.Clustering;

/// <summary>
/// The merge of two sorted, distinct fingerprint sets that every verification runs: each shared fingerprint that is not
/// boilerplate goes to a sink, a struct the JIT specializes (counting, collecting positions for <see cref="PairEvidence"/>),
/// so the hot loop pays no call. <see cref="Verifier"/> counts with <see cref="CountShared"/>, which has no branch per step.
/// </summary>
internal static class SharedFingerprints
{
    /// <summary>
    /// Tells <paramref name="sink"/> of each fingerprint the two sorted sets share that is not boilerplate, in ascending
    /// order. As in <see cref="CountShared"/>, the merge moves its cursors by comparisons and writes each candidate
    /// match's indexes to a small buffer, so that it takes no branch per step (two sets that interleave at random
    /// mispredict the branch of a plain merge about every other step); the buffer's matches then go through the
    /// boilerplate filter and to the sink in order.
    /// </summary>
    [SkipLocalsInit]
    public static void Merge<TSink>(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common, ref TSink sink)
        where TSink : ISharedFingerprintSink, allows ref struct
    {
        Span<int> matchedA = stackalloc int[MatchBatch];
        Span<int> matchedB = stackalloc int[MatchBatch];
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            int m = 0;
            // At most MatchBatch steps, so at most MatchBatch matches: the buffers cannot overflow.
            for (int steps = 0; steps < MatchBatch && i < a.Length && j < b.Length; steps++)
            {
                uint x = a[i], y = b[j];
                matchedA[m] = i;
                matchedB[m] = j;
                m += x == y ? 1 : 0;
                i += x <= y ? 1 : 0;
                j += y <= x ? 1 : 0;
            }
            for (int k = 0; k < m; k++)
            {
                if (!common.IsBoilerplate(a[matchedA[k]]))
                {
                    sink.Add(matchedA[k], matchedB[k]);
                }
            }
        }
    }

    /// <summary>
    /// The number of fingerprints two sorted sets share that are not boilerplate: what <see cref="Merge{TSink}"/> with
    /// <see cref="Count"/> gives, without a branch per step. The merge writes each candidate match to a small buffer
    /// and moves its cursors by comparisons, so that the mispredicted branch of a merge of two sets that interleave at
    /// random is gone; the buffer's matches are then counted against the boilerplate filter in one batch.
    /// </summary>
    public static int CountShared(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, BoilerplateFilter common)
    {
        Span<uint> matched = stackalloc uint[MatchBatch];
        int shared = 0, i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            int m = 0;
            // At most MatchBatch steps, so at most MatchBatch matches: the buffer cannot overflow.
            for (int steps = 0; steps < MatchBatch && i < a.Length && j < b.Length; steps++)
            {
                uint x = a[i], y = b[j];
                matched[m] = x;
                m += x == y ? 1 : 0;
                i += x <= y ? 1 : 0;
                j += y <= x ? 1 : 0;
            }
            shared += common.CountNotBoilerplate(matched[..m]);
        }
        return shared;
    }

    /// <summary>Merge steps <see cref="Merge{TSink}"/> and <see cref="CountShared"/> take before they pass on their matches (1 KiB a buffer on the stack).</summary>
    private const int MatchBatch = 256;

    /// <summary>Counts the shared fingerprints.</summary>
    public struct Count : ISharedFingerprintSink
    {
        public int Shared;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int indexA, int indexB) => Shared++;
    }
}
