using NearDup.Distributed.Grains;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// One request's tallies for a batch run's count (the boilerplate fingerprints, the common facts' words): each value,
/// every occurrence, to the range that owns it (<see cref="PartitionMap.OfFingerprint"/>), sent packed
/// (<see cref="PackedFingerprints.PackTally"/>) to the ranges that got any.
/// </summary>
internal sealed class CountTallies
{
    private readonly List<uint>[] _ranges;

    public CountTallies(int partitions)
    {
        _ranges = new List<uint>[partitions];
        for (int r = 0; r < _ranges.Length; r++)
        {
            _ranges[r] = [];
        }
    }

    /// <summary>Adds one occurrence of <paramref name="value"/>.</summary>
    public void Add(uint value) => _ranges[PartitionMap.OfFingerprint(value, _ranges.Length)].Add(value);

    /// <summary>Sends each range its tally as request <paramref name="chunk"/> of run <paramref name="run"/>'s count.</summary>
    public Task SendAsync(IGrainFactory grains, string index, string run, int chunk) =>
        Task.WhenAll(Enumerable.Range(0, _ranges.Length).Where(r => _ranges[r].Count > 0).Select(r =>
            grains.GetGrain<IFingerprintCountGrain>(PartitionMap.CountKey(index, run, r)).Tally(chunk, PackedFingerprints.PackTally(_ranges[r]))));
}
