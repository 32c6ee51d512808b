using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>
/// One worker's pass over groups in the anchor table: for each group, the later groups that share enough anchors
/// with it, verified on the two cores without boilerplate. The counters are one array for all the worker's groups,
/// reset through the list of those touched (not one array per group: at ten million documents that is tens of
/// megabytes a time).
/// </summary>
internal sealed class AnchorScan(GroupCores cores, PostingTable<uint> anchors, uint anchorMask, int minSharedAnchors, Boilerplate boilerplate)
{
    private readonly int[] _counts = new int[boilerplate.CoreSizes.Length];
    private readonly List<int> _touched = [];

    /// <summary>The verified links found so far, keyed by (this group, later group).</summary>
    public List<(long Key, Verifier.Score Score)> Found { get; } = [];

    /// <summary>Scans group <paramref name="g"/>; returns how many candidates it verified.</summary>
    public int Scan(int g)
    {
        foreach (uint fp in cores[g])
        {
            if ((fp & anchorMask) != 0)
            {
                continue;
            }
            foreach (int other in anchors.Find(fp))
            {
                if (other > g && _counts[other]++ == 0)
                {
                    _touched.Add(other);
                }
            }
        }
        int candidates = 0;
        var verifier = boilerplate.Verifier;
        var coreSizes = boilerplate.CoreSizes;
        foreach (int other in _touched)
        {
            if (_counts[other] >= minSharedAnchors)
            {
                candidates++;
                var score = verifier.Measure(cores[g], coreSizes[g], cores[other], coreSizes[other]);
                if (verifier.IsCopy(score))
                {
                    Found.Add((PairKey.Pack(g, other), score));
                }
            }
            _counts[other] = 0;
        }
        _touched.Clear();
        return candidates;
    }
}
