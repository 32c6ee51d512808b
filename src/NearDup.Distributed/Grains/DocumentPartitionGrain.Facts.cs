using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public async Task<bool> CountFacts(FactCountRequest request)
    {
        if (ListedRows(request.After, request.Last, request.Count, request.Digest, request.Ids) is not { } rows)
        {
            return false;
        }
        // CommonFacts.Find's count, cut by word: each representative's facts as words (figure bit clear), every
        // occurrence, to the range that owns the word.
        var tallies = new CountTallies(request.Partitions);
        for (int k = 0; k < rows.Count; k++)
        {
            if ((request.Representatives[k >> 3] & (1 << (k & 7))) == 0)
            {
                continue;
            }
            foreach (uint fact in rows[k].Facts)
            {
                tallies.Add(fact & ~1u);
            }
        }
        await tallies.SendAsync(GrainFactory, request.Index, request.Run, request.Chunk);
        return true;
    }
}
