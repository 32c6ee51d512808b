using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Cluster members per stage-7 call to a document partition.</summary>
    private const int CanonicalChunk = 8192;

    /// <summary>
    /// Stage 7's judging of members, done where the sketches are stored (docs/scale-out.md, "Batch clustering"): each
    /// cluster of two or more goes to the document partition of its proposed canonical, with its members as listed (ids
    /// and content hashes), the run's boilerplate and common facts; that partition reads the members' sketches and runs
    /// the stage's own code (<see cref="CanonicalStage.Cluster"/>). What comes back is each cluster's canonical and every
    /// member's role and rounded scores; a cluster of one needs no sketch (its member is its canonical).
    /// </summary>
    /// <param name="ids">The listed ids, by document number.</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="canonicals">Each cluster's proposed canonical (a document number among its members).</param>
    /// <param name="starts">Cluster k's members are <paramref name="members"/>[starts[k]..starts[k + 1]].</param>
    /// <param name="members">Document numbers, cluster after cluster, each cluster's in document order.</param>
    /// <param name="boilerplate">The run's boilerplate fingerprints, ascending.</param>
    /// <param name="commonFacts">The run's common facts, ascending.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>Per cluster its canonical's place among its members (-1: a member changed since the listing), and per member its answer.</returns>
    internal async Task<CanonicalAnswer> JudgeClustersAsync(string[] ids, ulong[] content, int[] canonicals, int[] starts, int[] members,
        uint[] boilerplate, uint[] commonFacts, CancellationToken cancellationToken)
    {
        var judged = new CanonicalAnswer(new int[canonicals.Length], new byte[members.Length], new double[members.Length], new double[members.Length]);
        Array.Fill(judged.Jaccard, 1);
        Array.Fill(judged.Containment, 1);
        var requests = CanonicalRequests(ids, content, canonicals, starts, members, boilerplate, commonFacts);
        var answers = await Task.WhenAll(requests.Select(r => RetriedAsync($"canonicals at document partition {r.Partition}",
            () => DocumentPartition(r.Partition).JudgeClusters(r.Request), cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        for (int r = 0; r < requests.Count; r++)
        {
            var (clusters, answer) = (requests[r].Clusters, answers[r]);
            for (int k = 0; k < clusters.Length; k++)
            {
                int from = starts[clusters[k]], at = requests[r].Request.Starts[k];
                judged.Canonicals[clusters[k]] = answer.Canonicals[k];
                Array.Copy(answer.Roles, at, judged.Roles, from, starts[clusters[k] + 1] - from);
                Array.Copy(answer.Jaccard, at, judged.Jaccard, from, starts[clusters[k] + 1] - from);
                Array.Copy(answer.Containment, at, judged.Containment, from, starts[clusters[k] + 1] - from);
            }
        }
        return judged;
    }

    /// <summary>The stage-7 calls: the clusters of two or more by the partition of their proposed canonical, in chunks of about <see cref="CanonicalChunk"/> members.</summary>
    private List<(int Partition, int[] Clusters, CanonicalRequest Request)> CanonicalRequests(string[] ids, ulong[] content, int[] canonicals,
        int[] starts, int[] members, uint[] boilerplate, uint[] commonFacts)
    {
        var requests = new List<(int, int[], CanonicalRequest)>();
        var owned = Enumerable.Range(0, canonicals.Length).Where(k => starts[k + 1] - starts[k] >= 2)
            .GroupBy(k => PartitionMap.OfDocument(ids[canonicals[k]], Partitions));
        foreach (var byOwner in owned)
        {
            foreach (var chunk in ChunksOf(byOwner, k => starts[k + 1] - starts[k], CanonicalChunk))
            {
                var (at, memberIds, memberContent) = ChunkMembers(ids, content, starts, members, chunk);
                int[] places = [.. chunk.Select(k => Array.IndexOf(members, canonicals[k], starts[k], starts[k + 1] - starts[k]) - starts[k])];
                requests.Add((byOwner.Key, [.. chunk], new CanonicalRequest(IndexName, Partitions, _optionsJson, boilerplate, commonFacts, at, memberIds,
                    memberContent, places)));
            }
        }
        return requests;
    }

    /// <summary><paramref name="items"/> in order, cut into runs whose <paramref name="sizeOf"/> sums reach <paramref name="chunk"/> (the last one may not).</summary>
    private static IEnumerable<List<int>> ChunksOf(IEnumerable<int> items, Func<int, int> sizeOf, int chunk)
    {
        var current = new List<int>();
        int size = 0;
        foreach (int item in items)
        {
            current.Add(item);
            size += sizeOf(item);
            if (size >= chunk)
            {
                yield return current;
                (current, size) = ([], 0);
            }
        }
        if (current.Count > 0)
        {
            yield return current;
        }
    }
}
