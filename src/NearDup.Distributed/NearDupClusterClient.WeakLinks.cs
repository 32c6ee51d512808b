using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>
    /// The weak-link stage's verification and judging, done where the sketches are stored (docs/scale-out.md, "Batch
    /// clustering"): each document partition judges the pairs whose smaller group it owns (its first member is stored
    /// there), the anchor candidates that its pair range holds (<see cref="AnchorCandidatesAsync"/> with the same
    /// <paramref name="run"/>) and the <paramref name="pairs"/> sent from here, with the groups' members, representatives and
    /// cores as kept for the run by the core calls and anchor postings, the run's boilerplate and common facts; it reads
    /// the sketches of the members the judge reads and judges each pair on the kept cores with the stage's own code
    /// (<see cref="WeakLinkStage.VerifyAndJudge"/>).
    /// What comes back is the verified links only, each with its score, verdict and lead, the pairs a partition could
    /// not judge because a member it read changed since the listing, and how many anchor candidates there were: the candidates
    /// themselves go from the pair ranges to the partitions, not through here.
    /// </summary>
    /// <param name="ids">The listed ids, by document number.</param>
    /// <param name="starts">Group g's members are <paramref name="members"/>[starts[g]..starts[g + 1]].</param>
    /// <param name="members">Document numbers, group after group.</param>
    /// <param name="run">The run's anchor pairing, as given to <see cref="CoreGroupsAsync"/> and <see cref="AnchorCandidatesAsync"/>.</param>
    /// <param name="pairs">Pairs to judge besides the anchor candidates, packed (smaller, larger) groups, ascending.</param>
    /// <param name="boilerplate">The run's boilerplate fingerprints, ascending.</param>
    /// <param name="commonFacts">The run's common facts, ascending.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The verified links (packed pair, <see cref="Verifier.Score"/>'s three counts, same story, lead), in no order, the pairs not judged and the anchor candidates' count.</returns>
    internal async Task<(List<(long Key, int Shared, int SizeA, int SizeB, bool Same, sbyte Lead)> Links, List<long> Unlisted, long AnchorCandidates)>
        JudgeRunLinksAsync(string[] ids, int[] starts, int[] members, string run, long[] pairs, uint[] boilerplate, uint[] commonFacts,
        CancellationToken cancellationToken)
    {
        int OwnerOf(int g) => PartitionMap.OfDocument(ids[members[starts[g]]], Partitions);
        var byOwner = pairs.GroupBy(p => OwnerOf(PairKey.Unpack(p).A)).ToDictionary(o => o.Key, o => o.ToArray());
        var answers = await Task.WhenAll(Enumerable.Range(0, Partitions).Select(p =>
        {
            long[] owned = byOwner.GetValueOrDefault(p, []);
            var request = new RunLinkRequest(IndexName, Partitions, p, run, _optionsJson, boilerplate, commonFacts, Options.MinSharedAnchors, owned,
                [.. owned.Select(k => OwnerOf(PairKey.Unpack(k).B))]);
            return RetriedAsync($"weak links at document partition {p}", () => DocumentPartition(p).JudgeRunLinks(request), cancellationToken);
        }));
        cancellationToken.ThrowIfCancellationRequested();
        var links = new List<(long, int, int, int, bool, sbyte)>();
        foreach (var answer in answers)
        {
            for (int j = 0; j < answer.Links.Length; j++)
            {
                links.Add((answer.Links[j], answer.Shared[j], answer.SizeA[j], answer.SizeB[j], answer.Same[j], answer.Leads[j]));
            }
        }
        return (links, [.. answers.SelectMany(a => a.Unlisted)], answers.Sum(a => (long)a.AnchorCandidates));
    }
}
