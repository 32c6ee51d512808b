using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Candidate pairs per weak-link call to a document partition.</summary>
    private const int WeakLinkChunk = 4096;

    /// <summary>
    /// The weak-link stage's verification and judging, done where the sketches are stored (docs/scale-out.md, "Batch
    /// clustering"): each candidate pair of groups goes to the document partition of its smaller group's first member,
    /// with both groups' members as listed (ids and content hashes), the run's boilerplate and common facts; that
    /// partition reads the members' sketches, computes the two cores and judges the pair with the stage's own code
    /// (<see cref="WeakLinkStage.VerifyAndJudge"/>). What comes back is the verified links only, each with its score,
    /// verdict and lead, and the pairs a partition could not judge because a member changed since the listing.
    /// </summary>
    /// <param name="ids">The listed ids, by document number.</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="starts">Group g's members are <paramref name="members"/>[starts[g]..starts[g + 1]].</param>
    /// <param name="members">Document numbers, group after group.</param>
    /// <param name="pairs">The candidate pairs, packed (smaller, larger) groups, ascending.</param>
    /// <param name="boilerplate">The run's boilerplate fingerprints, ascending.</param>
    /// <param name="commonFacts">The run's common facts, ascending.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The verified links (packed pair, <see cref="Verifier.Score"/>'s three counts, same story, lead), in no order, and the pairs not judged.</returns>
    internal async Task<(List<(long Key, int Shared, int SizeA, int SizeB, bool Same, sbyte Lead)> Links, List<long> Unlisted)> JudgeLinksAsync(string[] ids,
        ulong[] content, int[] starts, int[] members, long[] pairs, uint[] boilerplate, uint[] commonFacts, CancellationToken cancellationToken)
    {
        var requests = new List<(long[] Pairs, int Partition, WeakLinkRequest Request)>();
        foreach (var owned in pairs.GroupBy(p => PartitionMap.OfDocument(ids[members[starts[PairKey.Unpack(p).A]]], Partitions)))
        {
            foreach (long[] chunk in owned.Chunk(WeakLinkChunk))
            {
                requests.Add((chunk, owned.Key, WeakLinkRequestOf(ids, content, starts, members, chunk, boilerplate, commonFacts)));
            }
        }
        var answers = await Task.WhenAll(requests.Select(r => RetriedAsync($"weak links at document partition {r.Partition}",
            () => DocumentPartition(r.Partition).JudgeLinks(r.Request), cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        var links = new List<(long, int, int, int, bool, sbyte)>();
        var unlisted = new List<long>();
        for (int k = 0; k < requests.Count; k++)
        {
            var (asked, answer) = (requests[k].Pairs, answers[k]);
            for (int j = 0; j < answer.Links.Length; j++)
            {
                links.Add((asked[answer.Links[j]], answer.Shared[j], answer.SizeA[j], answer.SizeB[j], answer.Same[j], answer.Leads[j]));
            }
            unlisted.AddRange(answer.Unlisted.Select(j => asked[j]));
        }
        return (links, unlisted);
    }

    /// <summary>A weak-link call for <paramref name="chunk"/>: its groups in ascending order with their listed members, the pairs over their places.</summary>
    private WeakLinkRequest WeakLinkRequestOf(string[] ids, ulong[] content, int[] starts, int[] members, long[] chunk, uint[] boilerplate,
        uint[] commonFacts)
    {
        var groups = chunk.SelectMany(p => new[] { PairKey.Unpack(p).A, PairKey.Unpack(p).B }).Distinct().Order().ToList();
        var place = new Dictionary<int, int>(groups.Count);
        for (int k = 0; k < groups.Count; k++)
        {
            place[groups[k]] = k;
        }
        var (at, memberIds, memberContent) = ChunkMembers(ids, content, starts, members, groups);
        long[] local = [.. chunk.Select(p => PairKey.Pack(place[PairKey.Unpack(p).A], place[PairKey.Unpack(p).B]))];
        return new WeakLinkRequest(IndexName, Partitions, _optionsJson, boilerplate, commonFacts, at, memberIds, memberContent, local);
    }
}
