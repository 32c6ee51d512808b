using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>
/// A range of group pairs of one batch run's anchor pairing (<see cref="IAnchorPairGrain"/>), in memory: the pair
/// occurrences as sent, 8 bytes each, counted when the run asks by the stage's own counter (<see cref="AnchorPairs.Shared"/>):
/// a pair's occurrences are the keys its two groups share, each key in one anchor-key range.
/// </summary>
[Hosting.PartitionPlacement]
public sealed class AnchorPairGrain : Grain, IAnchorPairGrain, IRunStateProbe
{
    private readonly Dictionary<int, (long[] Pairs, int[] Owners)> _sent = [];

    /// <inheritdoc/>
    public Task Tally(int sender, long[] pairs, int[] owners)
    {
        _sent[sender] = (pairs, owners);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<AnchorPairAnswer> Shared(int minShared)
    {
        var ownerOf = new Dictionary<int, int>();
        foreach (var (pairs, owners) in _sent.Values)
        {
            for (int k = 0; k < pairs.Length; k++)
            {
                ownerOf[PairKey.Unpack(pairs[k]).B] = owners[k];
            }
        }
        var shared = AnchorPairs.Shared(_sent.Values.SelectMany(s => s.Pairs).ToArray(), minShared);
        return Task.FromResult(new AnchorPairAnswer(shared, Array.ConvertAll(shared, p => ownerOf[PairKey.Unpack(p).B])));
    }

    /// <inheritdoc/>
    public Task Drop()
    {
        _sent.Clear();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    Task<int> IRunStateProbe.HeldRunState() => Task.FromResult(_sent.Count);
}
