using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Group members per core call to a document partition.</summary>
    private const int CoreChunk = 8192;

    /// <summary>
    /// Each group's representative and core, computed where the fingerprints are stored (docs/scale-out.md, "Batch
    /// clustering"): each group of two or more goes, as its members' ids and listed content hashes, to the document
    /// partition of its first member, which reads the members' sketches and runs the stage's own
    /// <see cref="Clustering.GroupStage.Cores"/> over them. What comes back is each group's representative only: the
    /// cores' anchors are posted from there (<paramref name="anchorRun"/>), and the cores are kept there for the run, for
    /// the partitions that verify the weak links on them. Groups with a member changed or removed since the listing go to <paramref name="unlisted"/>.
    /// </summary>
    /// <param name="ids">The listed ids, by document number.</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="starts">Group g's members are <paramref name="members"/>[starts[g]..starts[g + 1]].</param>
    /// <param name="members">Document numbers, group after group.</param>
    /// <param name="unlisted">Receives the groups no partition computed, if any (a batch run fails there).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="anchorRun">When given, the run's anchor pairing (<see cref="AnchorCandidatesAsync"/>): each partition posts the anchors of the cores it computes there.</param>
    /// <param name="maxShort">With <paramref name="anchorRun"/>, the most fingerprints a short core holds (<see cref="DistinctiveAnchors.MaxShortIn"/>).</param>
    /// <returns>Each group's representative (a document number); a group's first member when it went to <paramref name="unlisted"/>.</returns>
    internal async Task<int[]> CoreGroupsAsync(string[] ids, ulong[] content, int[] starts, int[] members, Action<int[]> unlisted,
        CancellationToken cancellationToken, string? anchorRun = null, int maxShort = -1)
    {
        if (anchorRun is not null && maxShort < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxShort), maxShort, "the short cores' bound goes with the anchor run (DistinctiveAnchors.MaxShortIn)");
        }
        int groups = starts.Length - 1;
        var representatives = new int[groups];
        for (int g = 0; g < groups; g++)
        {
            representatives[g] = members[starts[g]];
        }
        var requests = CoreRequests(ids, content, starts, members, anchorRun, maxShort);
        var answers = await Task.WhenAll(requests.Select(r => RetriedAsync($"group cores at document partition {r.Partition}",
            () => DocumentPartition(r.Partition).Cores(r.Request), cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        var uncomputed = new List<int>();
        for (int k = 0; k < requests.Count; k++)
        {
            for (int j = 0; j < requests[k].Groups.Length; j++)
            {
                int g = requests[k].Groups[j], rep = answers[k].Representatives[j];
                if (rep < 0)
                {
                    uncomputed.Add(g);
                    continue;
                }
                representatives[g] = members[starts[g] + rep];
            }
        }
        if (uncomputed.Count > 0)
        {
            unlisted([.. uncomputed]);
        }
        return representatives;
    }

    /// <summary>The core calls: the groups of two or more by the partition of their first member, in chunks of about <see cref="CoreChunk"/> members.</summary>
    private List<(int Partition, int[] Groups, GroupCoreRequest Request)> CoreRequests(string[] ids, ulong[] content, int[] starts, int[] members,
        string? anchorRun, int maxShort)
    {
        var requests = new List<(int, int[], GroupCoreRequest)>();
        var owned = Enumerable.Range(0, starts.Length - 1).Where(g => starts[g + 1] - starts[g] >= 2)
            .GroupBy(g => PartitionMap.OfDocument(ids[members[starts[g]]], Partitions));
        foreach (var byOwner in owned)
        {
            var chunk = new List<int>();
            int size = 0;
            foreach (int g in byOwner)
            {
                chunk.Add(g);
                size += starts[g + 1] - starts[g];
                if (size >= CoreChunk)
                {
                    requests.Add(CoreRequest(ids, content, starts, members, byOwner.Key, chunk, anchorRun, maxShort, requests.Count));
                    chunk.Clear();
                    size = 0;
                }
            }
            if (chunk.Count > 0)
            {
                requests.Add(CoreRequest(ids, content, starts, members, byOwner.Key, chunk, anchorRun, maxShort, requests.Count));
            }
        }
        return requests;
    }

    private (int, int[], GroupCoreRequest) CoreRequest(string[] ids, ulong[] content, int[] starts, int[] members, int partition, List<int> chunk,
        string? anchorRun, int maxShort, int number)
    {
        var (at, memberIds, memberContent) = ChunkMembers(ids, content, starts, members, chunk);
        var anchors = anchorRun is null ? null : new AnchorPosting(anchorRun, $"cores {number}", AnchorTable.MaskOf(Options), [.. chunk], partition, maxShort);
        return (partition, [.. chunk], new GroupCoreRequest(IndexName, Partitions, at, memberIds, memberContent, anchors));
    }
}
