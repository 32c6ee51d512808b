using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>
/// A range of anchor keys of one batch run's anchor pairing (<see cref="IAnchorKeyGrain"/>), in memory: the postings
/// as sent, 8 bytes each, sorted and kept when the run asks by the anchor table's own rule
/// (<see cref="AnchorTable.SharedRunsOf"/>) and paired by the stage's own emitter (<see cref="AnchorPairs.Occurrences"/>).
/// </summary>
public sealed class AnchorKeyGrain : Grain, IAnchorKeyGrain
{
    private readonly Dictionary<string, (uint[] Keys, int[] Groups)> _sent = [];

    /// <inheritdoc/>
    public Task Post(string chunk, uint[] keys, int[] groups)
    {
        _sent[chunk] = (keys, groups);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<long> Pair(string index, string run, int range, int partitions, uint[] boilerplate)
    {
        // In chunk order, so that a retried call sends the very same pairs.
        var chunks = _sent.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value).ToArray();
        var keys = chunks.SelectMany(s => s.Keys).ToArray();
        var groups = chunks.SelectMany(s => s.Groups).ToArray();
        var pairs = AnchorPairs.Occurrences(AnchorTable.SharedRunsOf(keys, groups, BoilerplateFilter.Of(boilerplate)));
        await Task.WhenAll(pairs.GroupBy(p => PartitionMap.OfGroupPair(p, partitions))
            .Select(r => GrainFactory.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(index, run, r.Key)).Tally(range, [.. r])));
        return pairs.Length;
    }

    /// <inheritdoc/>
    public Task Drop()
    {
        _sent.Clear();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
