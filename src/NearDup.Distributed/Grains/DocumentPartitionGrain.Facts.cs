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
        var ranges = new List<uint>[request.Partitions];
        for (int r = 0; r < ranges.Length; r++)
        {
            ranges[r] = [];
        }
        for (int k = 0; k < rows.Count; k++)
        {
            if ((request.Representatives[k >> 3] & (1 << (k & 7))) == 0)
            {
                continue;
            }
            foreach (uint fact in rows[k].Facts)
            {
                uint word = fact & ~1u;
                ranges[PartitionMap.OfFingerprint(word, request.Partitions)].Add(word);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, ranges.Length).Where(r => ranges[r].Count > 0)
            .Select(r => GrainFactory.GetGrain<IFingerprintCountGrain>(PartitionMap.CountKey(request.Index, request.Run, r)).Tally(request.Chunk, [.. ranges[r]])));
        return true;
    }
}
