using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public Task TallyCandidates(string run, int sender, CandidateTally tally)
    {
        RunState(run).TallyCandidates(sender, tally);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<MeasuredCandidates> MeasureCandidates(CandidateMeasureRequest request)
    {
        IReadOnlyCollection<CandidateTally> tallies = _runs.TryGetValue(request.Run, out var state) ? state.Candidates : [];
        long received = tallies.Sum(t => (long)t.Pairs.Length);
        if (received != request.Expected)
        {
            throw new InvalidOperationException($"Batch run {request.Run}: {this.GetPrimaryKeyString()} holds {received} of the {request.Expected} "
                + "candidate pairs sent to it (its silo left during the run?); run it again.");
        }
        var idOf = new Dictionary<int, string>();
        foreach (var tally in tallies)
        {
            for (int k = 0; k < tally.Numbers.Length; k++)
            {
                idOf[tally.Numbers[k]] = tally.Ids[k];
            }
        }
        // A pair found in several runs, on one key partition or several, is measured once.
        long[] pairs = [.. tallies.SelectMany(t => t.Pairs).Distinct(Internal.PairComparer.Instance).Order()];
        string[] first = Array.ConvertAll(pairs, p => idOf[PairKey.Unpack(p).A]);
        string[] second = Array.ConvertAll(pairs, p => idOf[PairKey.Unpack(p).B]);
        var answer = await MeasureAsync(request.Index, request.Partitions, first, second, listed: null, common: null);
        return MeasuredCandidates.Pack(pairs, answer);
    }
}
