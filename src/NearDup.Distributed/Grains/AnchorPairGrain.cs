using NearDup.Clustering;

namespace NearDup.Distributed.Grains;

/// <summary>
/// A range of group pairs of one batch run's anchor pairing (<see cref="IAnchorPairGrain"/>), in memory: the pair
/// occurrences as sent, 8 bytes each, counted when the run asks by the stage's own counter (<see cref="AnchorPairs.Shared"/>):
/// a pair's occurrences are the keys its two groups share, each key in one anchor-key range.
/// </summary>
public sealed class AnchorPairGrain : Grain, IAnchorPairGrain
{
    private readonly Dictionary<int, long[]> _sent = [];

    /// <inheritdoc/>
    public Task Tally(int sender, long[] pairs)
    {
        _sent[sender] = pairs;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<long[]> Shared(int minShared)
    {
        var pairs = _sent.Values.SelectMany(p => p).ToArray();
        return Task.FromResult(AnchorPairs.Shared(pairs, minShared));
    }

    /// <inheritdoc/>
    public Task Drop()
    {
        _sent.Clear();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
