using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Clustering;

/// <summary>
/// One merge of two sorted, distinct sets that serves a query's score and its judge: <see cref="Collect"/> counts the
/// values they share as <see cref="QueryScoring.CountShared"/> does and notes each meeting of two blocks that shared
/// some; <see cref="Tell{TSink}"/> later hands a sink the index pair of every shared value, the pairs and the order
/// <see cref="SharedIndexMerge.Merge{TSink}"/> gives, from those meetings alone (no merge runs again). Only the pairs
/// that turn out to be matches are told (about three in four of a query's candidates), and the score's merge stays as
/// cheap as a count: a store per meeting, where writing every pair out made it dearer than the judge's merge it saved.
/// One per querying thread, overwritten by each candidate's <see cref="Collect"/>.
/// </summary>
internal sealed class SharedIndexPairs
{
    private const int Block = 8;

    // A meeting as one word: a's block number above b's (block numbers of an int index fit in 28 bits), then a's matched lanes.
    private const int BlockBits = 28;
    private const int LaneBits = 8;

    private ulong[] _meetingsNoted = [];
    private int _meetings;
    private int _tailA;
    private int _tailB;
    private int _lengthA = -1;
    private int _lengthB = -1;

    /// <summary>
    /// Merges <paramref name="a"/> with <paramref name="b"/>, notes where they share values, and returns how many they share.
    /// Blocks of eight meet as in <see cref="SharedIndexMerge.Merge{TSink}"/>; a meeting is noted unconditionally and
    /// kept when it matched a lane, so the loop has no branch on the data; the rest after the last whole blocks is the
    /// scalar merge's, redone by <see cref="Tell{TSink}"/>.
    /// </summary>
    public int Collect(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        Reserve(a.Length / Block + b.Length / Block + 1);
        int i = 0, j = 0, shared = 0, meetings = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref uint a0 = ref MemoryMarshal.GetReference(a);
            ref uint b0 = ref MemoryMarshal.GetReference(b);
            var noted = _meetingsNoted;
            while (i + Block <= a.Length && j + Block <= b.Length)
            {
                uint lanes = SharedIndexMerge.MatchedLanes(Vector256.LoadUnsafe(ref a0, (nuint)i), Vector256.LoadUnsafe(ref b0, (nuint)j));
                noted[meetings] = (ulong)(uint)(i / Block) << (BlockBits + LaneBits) | (ulong)(uint)(j / Block) << LaneBits | lanes;
                meetings += lanes != 0 ? 1 : 0;
                shared += BitOperations.PopCount(lanes);
                uint lastA = a[i + Block - 1], lastB = b[j + Block - 1];
                i += lastA <= lastB ? Block : 0;
                j += lastB <= lastA ? Block : 0;
            }
        }
        (_meetings, _tailA, _tailB, _lengthA, _lengthB) = (meetings, i, j, a.Length, b.Length);
        return shared + QueryScoring.CountSharedScalar(a[i..], b[j..]);
    }

    /// <summary>Drops what the last <see cref="Collect"/> noted, so that no judge reads it for a pair that was not merged.</summary>
    public void Forget() => (_meetings, _lengthA, _lengthB) = (0, -1, -1);

    /// <summary>Whether the last <see cref="Collect"/> merged sets of these lengths: a cheap check that the pair told is the one merged.</summary>
    public bool Merged(int lengthA, int lengthB) => _lengthA == lengthA && _lengthB == lengthB;

    /// <summary>
    /// Tells <paramref name="sink"/> of each value <paramref name="a"/> and <paramref name="b"/>, the two sets of the
    /// last <see cref="Collect"/>, share, as (index in a, index in b), ascending: at each noted meeting the k-th
    /// matched lane of a's block pairs with the k-th of b's (<see cref="SharedIndexMerge"/>), then the scalar tail.
    /// </summary>
    public void Tell<TSink>(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, ref TSink sink)
        where TSink : ISharedFingerprintSink, allows ref struct
    {
        System.Diagnostics.Debug.Assert(Merged(a.Length, b.Length));
        ref uint a0 = ref MemoryMarshal.GetReference(a);
        ref uint b0 = ref MemoryMarshal.GetReference(b);
        foreach (ulong meeting in _meetingsNoted.AsSpan(0, _meetings))
        {
            int i = (int)(meeting >> (BlockBits + LaneBits)) * Block, j = (int)(meeting >> LaneBits & ((1u << BlockBits) - 1)) * Block;
            uint maskB = SharedIndexMerge.MatchedLanes(Vector256.LoadUnsafe(ref b0, (nuint)j), Vector256.LoadUnsafe(ref a0, (nuint)i));
            for (uint maskA = (byte)meeting; maskA != 0; maskA &= maskA - 1, maskB &= maskB - 1)
            {
                sink.Add(i + BitOperations.TrailingZeroCount(maskA), j + BitOperations.TrailingZeroCount(maskB));
            }
        }
        SharedIndexMerge.MergeScalar(a, b, _tailA, _tailB, ref sink);
    }

    private void Reserve(int meetings)
    {
        if (_meetingsNoted.Length < meetings)
        {
            _meetingsNoted = new ulong[Math.Max(meetings, 2 * _meetingsNoted.Length)];
        }
    }
}
