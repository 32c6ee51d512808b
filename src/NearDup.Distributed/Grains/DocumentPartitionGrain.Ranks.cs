using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public Task<int[]> ListedRanks(ListedRankRequest request)
    {
        if (request.Last is null)
        {
            return Task.FromResult(Enumerable.Repeat(-1, request.Ids.Length).ToArray());
        }
        // Every key partition of the run asks: the listing is read and its digest computed at the first only.
        var listed = RunState(request.Run).Listed(() =>
            ListedRows(after: null, request.Last, request.Count, request.Digest, ids: null)?.Select(r => r.Id).ToArray());
        if (listed is null)
        {
            return Task.FromResult<int[]>([]);
        }
        var ranks = new int[request.Ids.Length];
        for (int k = 0; k < ranks.Length; k++)
        {
            int rank = Array.BinarySearch(listed, request.Ids[k], StringComparer.Ordinal);
            ranks[k] = rank >= 0 ? rank : -1;
        }
        return Task.FromResult(ranks);
    }
}
