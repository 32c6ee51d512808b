using NearDup.Clustering;
using NearDup.Distributed.Grains;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// A sender's anchor postings for a batch run's anchor pairing, gathered per anchor-key range (the partition of each
/// key's anchor rows, <see cref="PartitionMap.OfAnchor"/>) and sent in one call per range.
/// </summary>
internal sealed class AnchorPostings
{
    private readonly uint _mask;
    private readonly int _owner;
    private readonly int _maxShort;
    private readonly List<uint>[] _keys;
    private readonly List<int>[] _groups;
    private readonly List<int>[] _short;

    /// <param name="mask">The anchor mask (<see cref="AnchorTable.MaskOf"/>).</param>
    /// <param name="partitions">The index's partition count.</param>
    /// <param name="owner">The document partition that keeps the posted groups' members (<see cref="AnchorPosting.Owner"/>).</param>
    /// <param name="maxShort">The most fingerprints a short core holds (<see cref="AnchorPosting.MaxShort"/>).</param>
    public AnchorPostings(uint mask, int partitions, int owner, int maxShort)
    {
        (_mask, _owner, _maxShort) = (mask, owner, maxShort);
        _keys = [.. Enumerable.Range(0, partitions).Select(_ => new List<uint>())];
        _groups = [.. Enumerable.Range(0, partitions).Select(_ => new List<int>())];
        _short = [.. Enumerable.Range(0, partitions).Select(_ => new List<int>())];
    }

    /// <summary>
    /// Adds the anchors of group <paramref name="group"/>'s core (<see cref="AnchorTable.IsAnchor"/>), and the group
    /// to the short groups of each range it posts to when its core is short (<see cref="DistinctiveAnchors.MaxShortIn"/>).
    /// </summary>
    public void Add(int group, ReadOnlySpan<uint> core)
    {
        bool isShort = core.Length <= _maxShort;
        foreach (uint fingerprint in core)
        {
            if (AnchorTable.IsAnchor(fingerprint, _mask))
            {
                int range = PartitionMap.OfAnchor(fingerprint, _keys.Length);
                _keys[range].Add(fingerprint);
                _groups[range].Add(group);
                if (isShort && (_short[range].Count == 0 || _short[range][^1] != group))
                {
                    _short[range].Add(group);
                }
            }
        }
    }

    /// <summary>Sends the postings to their ranges of run <paramref name="run"/> under <paramref name="chunk"/>; ranges given none get no call.</summary>
    public Task SendAsync(IGrainFactory grains, string index, string run, string chunk) =>
        Task.WhenAll(Enumerable.Range(0, _keys.Length).Where(r => _keys[r].Count > 0)
            .Select(r => grains.GetGrain<IAnchorKeyGrain>(PartitionMap.AnchorKey(index, run, r)).Post(chunk, _owner, [.. _keys[r]], [.. _groups[r]], [.. _short[r]])));
}
