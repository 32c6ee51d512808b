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
    public async Task<int[]?> CountSingles(SingleCountRequest request)
    {
        var singles = new List<StoredSketch>();
        var uncounted = new List<int>();
        if (request.Ids is null)
        {
            if (ListedRows(request.After, request.Last, request.Count, request.Digest, null) is not { } rows)
            {
                return null;
            }
            singles.AddRange(rows.Where((_, k) => (request.Singles[k >> 3] & (1 << (k & 7))) != 0));
        }
        else
        {
            for (int k = 0; k < request.Ids.Length; k++)
            {
                if (Table.TryGet(new StoredSketch { Id = request.Ids[k] }, out var row) && row.ContentHash == request.Content![k])
                {
                    singles.Add(row);
                }
                else
                {
                    uncounted.Add(k);
                }
            }
        }
        var tallies = new CountTallies(request.Partitions);
        uint[] union = [];
        foreach (var single in singles)
        {
            // A group of one's distinct fingerprints, by the same merge CountGroups runs over a group's members.
            if (union.Length < single.Fingerprints.Length)
            {
                union = new uint[Math.Max(single.Fingerprints.Length, union.Length * 2)];
            }
            foreach (uint fingerprint in union.AsSpan(0, GroupUnion.MergeDistinct([], single.Fingerprints, union)))
            {
                tallies.Add(fingerprint);
            }
        }
        await tallies.SendAsync(GrainFactory, request.Index, request.Run, request.Chunk);
        return [.. uncounted];
    }
}
