using NearDup.Clustering;
using NearDup.Distributed.Grains;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// A sender's anchor postings for a batch run's anchor pairing, gathered per anchor-key range (the partition of each
/// key's anchor rows, <see cref="PartitionMap.OfAnchor"/>) and sent in one call per range.
/// </summary>
internal sealed class AnchorPostings
{
    private readonly int _window;
    private readonly List<uint>[] _keys;
    private readonly List<int>[] _groups;
    private uint[] _scratch = [];

    /// <summary>Postings of anchors chosen in windows of <paramref name="window"/> (<see cref="AnchorWinnow.WindowOf"/>), to <paramref name="partitions"/> ranges.</summary>
    public AnchorPostings(int window, int partitions)
    {
        _window = window;
        _keys = [.. Enumerable.Range(0, partitions).Select(_ => new List<uint>())];
        _groups = [.. Enumerable.Range(0, partitions).Select(_ => new List<int>())];
    }

    /// <summary>Adds the anchors of <paramref name="document"/>, the one member of group <paramref name="group"/>.</summary>
    public void AddDocument(int group, StoredSketch document)
    {
        var fingerprints = document.Fingerprints;
        var positions = document.Positions.Length == fingerprints.Length ? document.Positions : [];
        var scratch = Scratch(fingerprints.Length);
        Add(group, scratch[..AnchorWinnow.Choose(fingerprints, positions, _window, scratch)]);
    }

    /// <summary>Adds the anchors of group <paramref name="g"/> of <paramref name="layout"/> over <paramref name="docs"/>, whose core is <paramref name="core"/>, as group <paramref name="group"/>.</summary>
    public void AddGroup(int group, DocumentTable docs, GroupLayout layout, ReadOnlySpan<uint> core, int g)
    {
        var scratch = Scratch(docs.FingerprintCount(layout.Rep[g]));
        Add(group, scratch[..GroupAnchors.OfGroup(docs, layout, core, g, _window, scratch)]);
    }

    /// <summary>Adds <paramref name="anchors"/> (<see cref="GroupAnchors"/>) under group <paramref name="group"/>.</summary>
    public void Add(int group, ReadOnlySpan<uint> anchors)
    {
        foreach (uint fingerprint in anchors)
        {
            int range = PartitionMap.OfAnchor(fingerprint, _keys.Length);
            _keys[range].Add(fingerprint);
            _groups[range].Add(group);
        }
    }

    private Span<uint> Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new uint[Math.Max(length, 2 * _scratch.Length)];
        }
        return _scratch.AsSpan(0, length);
    }

    /// <summary>Sends the postings to their ranges of run <paramref name="run"/> under <paramref name="chunk"/>; ranges given none get no call.</summary>
    public Task SendAsync(IGrainFactory grains, string index, string run, string chunk) =>
        Task.WhenAll(Enumerable.Range(0, _keys.Length).Where(r => _keys[r].Count > 0)
            .Select(r => grains.GetGrain<IAnchorKeyGrain>(PartitionMap.AnchorKey(index, run, r)).Post(chunk, [.. _keys[r]], [.. _groups[r]])));
}
