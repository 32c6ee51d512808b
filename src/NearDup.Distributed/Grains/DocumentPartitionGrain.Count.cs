using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public async Task<int[]> CountGroups(GroupCountRequest request)
    {
        var sketches = await FingerprintsOfAsync(request.Index, request.Partitions, request.Ids);
        var tallies = new CountTallies(request.Partitions);
        var uncounted = new List<int>();
        uint[] union = [], scratch = [];
        for (int g = 0; g + 1 < request.Starts.Length; g++)
        {
            int length = 0;
            for (int m = request.Starts[g]; m < request.Starts[g + 1]; m++)
            {
                if (!sketches.TryGetValue(request.Ids[m], out var member) || member.ContentHash != request.Content[m])
                {
                    length = -1;
                    break;
                }
                // The boilerplate stage's own merge (GroupUnion): the group's distinct fingerprints, ascending.
                var next = member.Fingerprints;
                if (scratch.Length < length + next.Length)
                {
                    scratch = new uint[Math.Max(length + next.Length, scratch.Length * 2)];
                }
                length = GroupUnion.MergeDistinct(union.AsSpan(0, length), next, scratch);
                (union, scratch) = (scratch, union);
            }
            if (length < 0)
            {
                uncounted.Add(g);
                continue;
            }
            foreach (uint fingerprint in union.AsSpan(0, length))
            {
                tallies.Add(fingerprint);
            }
        }
        await tallies.SendAsync(GrainFactory, request.Index, request.Run, request.Chunk);
        return [.. uncounted];
    }

    /// <inheritdoc/>
    public async Task<bool> CountSingles(SingleCountRequest request)
    {
        if (ListedRows(request.After, request.Last, request.Count, request.Digest, request.Ids) is not { } rows)
        {
            return false;
        }
        var tallies = new CountTallies(request.Partitions);
        uint[] union = [];
        for (int k = 0; k < rows.Count; k++)
        {
            if ((request.Singles[k >> 3] & (1 << (k & 7))) == 0)
            {
                continue;
            }
            // A group of one's distinct fingerprints, by the same merge CountGroups runs over a group's members.
            var fingerprints = rows[k].Fingerprints;
            if (union.Length < fingerprints.Length)
            {
                union = new uint[Math.Max(fingerprints.Length, union.Length * 2)];
            }
            foreach (uint fingerprint in union.AsSpan(0, GroupUnion.MergeDistinct([], fingerprints, union)))
            {
                tallies.Add(fingerprint);
            }
        }
        await tallies.SendAsync(GrainFactory, request.Index, request.Run, request.Chunk);
        return true;
    }
}
