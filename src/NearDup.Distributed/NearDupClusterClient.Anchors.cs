using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Documents per anchor-posting call to a document partition.</summary>
    private const int AnchorChunk = 8192;

    /// <summary>
    /// The weak-link stage's anchor candidates, paired at the anchor-key ranges (docs/scale-out.md, "Batch
    /// clustering"): the anchors of the groups of several were posted by the core calls (<see cref="CoreGroupsAsync"/>
    /// with the same <paramref name="run"/>); each document partition is sent, per chunk of its listed documents, their
    /// place and digest and the group of each group of one, and posts those documents' anchors; a chunk not found in its
    /// place is sent again by ids; a chunk no longer as listed, and <paramref name="unposted"/> groups, are posted from
    /// <paramref name="coreOf"/> (which fails a batch run). Each anchor-key range then pairs
    /// the groups under its shared keys (<see cref="IAnchorKeyGrain.Pair"/>) into the pair ranges, each the range of
    /// the document partition that owns the pairs' smaller groups, where the pairs sharing
    /// <see cref="NearDupOptions.MinSharedAnchors"/> anchors (<see cref="AnchorPairs.Candidates(IReadOnlyList{AnchorRuns}, bool[], int, ParallelOptions, long)"/>'s
    /// pairs) stay until that partition judges them: they do not come to the coordinator.
    /// </summary>
    /// <param name="ids">The listed ids, by document number (ordinal order).</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="single">The group of each document that is a group of one, -1 for the others.</param>
    /// <param name="run">The run's anchor pairing, as given to <see cref="CoreGroupsAsync"/>.</param>
    /// <param name="maxShort">The most fingerprints a short core holds, as given to <see cref="CoreGroupsAsync"/>.</param>
    /// <param name="unposted">Groups whose cores no partition posted (computed from the listing).</param>
    /// <param name="coreOf">Group g's core, as the stage reads it.</param>
    /// <param name="boilerplate">The run's boilerplate fingerprints, ascending.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    internal async Task AnchorCandidatesAsync(string[] ids, ulong[] content, int[] single, string run, int maxShort, IReadOnlyCollection<int> unposted,
        Func<int, uint[]> coreOf, uint[] boilerplate, CancellationToken cancellationToken)
    {
        uint mask = AnchorTable.MaskOf(Options);
        var calls = new List<(int[] Chunk, Task<bool> Posted)>();
        foreach (var owned in Enumerable.Range(0, ids.Length).GroupBy(i => PartitionMap.OfDocument(ids[i], Partitions)))
        {
            string? after = null;
            int partition = owned.Key;
            foreach (int[] chunk in owned.Chunk(AnchorChunk))
            {
                var request = new AnchorPostRequest(IndexName, Partitions, after, ids[chunk[^1]], chunk.Length,
                    ListingDigest.Of(chunk.Select(i => (ids[i], content[i]))), new AnchorPosting(run, $"documents {calls.Count}", mask, [.. chunk.Select(i => single[i])], partition, maxShort));
                calls.Add((chunk, ByPlaceThenIdsAsync($"anchor postings at document partition {partition}",
                    sent => DocumentPartition(partition).PostAnchors(request with { Ids = sent }), posted => posted, () => [.. chunk.Select(i => ids[i])],
                    cancellationToken)));
                after = ids[chunk[^1]];
            }
        }
        await Task.WhenAll(calls.Select(c => c.Posted));
        cancellationToken.ThrowIfCancellationRequested();
        // No partition keeps these groups' members: a pair of them judged later fails the run there.
        var fromListing = new AnchorPostings(mask, Partitions, owner: -1, maxShort);
        foreach (int g in unposted.Concat(calls.Where(c => !c.Posted.Result).SelectMany(c => c.Chunk).Select(i => single[i]).Where(g => g >= 0)))
        {
            fromListing.Add(g, coreOf(g));
        }
        await fromListing.SendAsync(_grains, IndexName, run, "listing");
        await PairAnchorsAsync(run, boilerplate, cancellationToken);
    }

    private IAnchorKeyGrain AnchorKeys(string run, int range) => _grains.GetGrain<IAnchorKeyGrain>(PartitionMap.AnchorKey(IndexName, run, range));

    private IAnchorPairGrain AnchorPairs(string run, int range) => _grains.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(IndexName, run, range));

    /// <summary>
    /// Pairs the posted anchors at every anchor-key range, into the pair ranges, where the pairs stay for the judging
    /// partitions (<see cref="JudgeRunLinksAsync"/>); the key ranges are dropped once all have paired.
    /// </summary>
    private async Task PairAnchorsAsync(string run, uint[] boilerplate, CancellationToken cancellationToken)
    {
        var common = boilerplate.GroupBy(f => PartitionMap.OfAnchor(f, Partitions)).ToDictionary(r => r.Key, r => r.ToArray());
        // Safe to send again: a range keeps its postings until dropped, and a tally sent again replaces its sender's first one.
        await Task.WhenAll(Enumerable.Range(0, Partitions).Select(r => RetriedAsync($"anchor pairing of key range {r}",
            () => AnchorKeys(run, r).Pair(IndexName, run, r, Partitions, common.GetValueOrDefault(r, [])), cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        await Task.WhenAll(Enumerable.Range(0, Partitions).Select(r => AnchorKeys(run, r).Drop()));
    }

    /// <summary>Drops what run <paramref name="run"/> keeps at the pair ranges and the document partitions (each partition's groups' members).</summary>
    internal Task DropRunAsync(string run) =>
        Task.WhenAll(Enumerable.Range(0, Partitions).SelectMany(r => new[] { AnchorKeys(run, r).Drop(), AnchorPairs(run, r).Drop(), DocumentPartition(r).DropRun(run) }));
}
