using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>
/// A range of anchor keys of one batch run's anchor pairing (<see cref="IAnchorKeyGrain"/>), in memory: the postings
/// as sent, 8 bytes each, sorted and kept when the run asks by the anchor table's own rule
/// (<see cref="AnchorTable.SharedRunsOf"/>) and paired by the stage's own emitter (<see cref="AnchorPairs.Occurrences"/>).
/// </summary>
[Hosting.PartitionPlacement]
public sealed class AnchorKeyGrain : Grain, IAnchorKeyGrain, IRunStateProbe
{
    private readonly Dictionary<string, (int Owner, uint[] Keys, int[] Groups, int[] Short)> _sent = [];

    /// <inheritdoc/>
    public Task Post(string chunk, int owner, uint[] keys, int[] groups, int[] shortGroups)
    {
        _sent[chunk] = (owner, keys, groups, shortGroups);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<long> Pair(string index, string run, int range, int partitions, uint[] boilerplate)
    {
        // In chunk order, so that a retried call sends the very same pairs.
        var chunks = _sent.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value).ToArray();
        var keys = chunks.SelectMany(s => s.Keys).ToArray();
        var groups = chunks.SelectMany(s => s.Groups).ToArray();
        var shortGroups = chunks.SelectMany(s => s.Short).ToHashSet();
        var pairs = AnchorPairs.Occurrences(AnchorTable.SharedRunsOf(keys, groups, BoilerplateFilter.Of(boilerplate)), shortGroups);
        var owners = new Dictionary<int, int>();
        foreach (var (owner, _, posted, _) in chunks)
        {
            foreach (int g in posted)
            {
                owners[g] = owner;
            }
        }
        // A pair goes to the range of its smaller group's owner, which judges it there; a group no partition keeps
        // (posted from the listing) to a range by number, where judging it fails the run.
        await Task.WhenAll(pairs.GroupBy(p => owners[PairKey.Unpack(p).A] is int owner and >= 0 ? owner : PartitionMap.OfGroupPair(p, partitions))
            .Select(r => GrainFactory.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(index, run, r.Key))
                .Tally(range, [.. r], [.. r.Select(p => owners[PairKey.Unpack(p).B])])));
        return pairs.Length;
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
