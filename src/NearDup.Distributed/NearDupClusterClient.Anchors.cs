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
    /// the groups under its shared keys (<see cref="IAnchorKeyGrain.Pair"/>) into the pair ranges, which return the
    /// pairs sharing <see cref="NearDupOptions.MinSharedAnchors"/> anchors: <see cref="AnchorPairs.Candidates(IReadOnlyList{AnchorRuns}, int, int, ParallelOptions, long)"/>'s pairs.
    /// </summary>
    /// <param name="ids">The listed ids, by document number (ordinal order).</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="single">The group of each document that is a group of one, -1 for the others.</param>
    /// <param name="run">The run's anchor pairing, as given to <see cref="CoreGroupsAsync"/>.</param>
    /// <param name="unposted">Groups whose cores no partition posted (computed from the listing).</param>
    /// <param name="coreOf">Group g's core, as the stage reads it.</param>
    /// <param name="boilerplate">The run's boilerplate fingerprints, ascending.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    internal async Task<long[]> AnchorCandidatesAsync(string[] ids, ulong[] content, int[] single, string run, IReadOnlyCollection<int> unposted,
        Func<int, uint[]> coreOf, uint[] boilerplate, CancellationToken cancellationToken)
    {
        uint mask = AnchorTable.MaskOf(Options);
        var calls = new List<(int[] Chunk, Task<bool> Posted)>();
        foreach (var owned in Enumerable.Range(0, ids.Length).GroupBy(i => PartitionMap.OfDocument(ids[i], Partitions)))
        {
            string? after = null;
            foreach (int[] chunk in owned.Chunk(AnchorChunk))
            {
                var request = new AnchorPostRequest(IndexName, Partitions, after, ids[chunk[^1]], chunk.Length,
                    ListingDigest.Of(chunk.Select(i => (ids[i], content[i]))), new AnchorPosting(run, $"documents {calls.Count}", mask, [.. chunk.Select(i => single[i])]));
                int partition = owned.Key;
                calls.Add((chunk, ByPlaceThenIdsAsync($"anchor postings at document partition {partition}",
                    sent => DocumentPartition(partition).PostAnchors(request with { Ids = sent }), posted => posted, () => [.. chunk.Select(i => ids[i])],
                    cancellationToken)));
                after = ids[chunk[^1]];
            }
        }
        await Task.WhenAll(calls.Select(c => c.Posted));
        cancellationToken.ThrowIfCancellationRequested();
        var fromListing = new AnchorPostings(mask, Partitions);
        foreach (int g in unposted.Concat(calls.Where(c => !c.Posted.Result).SelectMany(c => c.Chunk).Select(i => single[i]).Where(g => g >= 0)))
        {
            fromListing.Add(g, coreOf(g));
        }
        await fromListing.SendAsync(_grains, IndexName, run, "listing");
        return await PairAnchorsAsync(run, boilerplate, cancellationToken);
    }

    private IAnchorKeyGrain AnchorKeys(string run, int range) => _grains.GetGrain<IAnchorKeyGrain>(PartitionMap.AnchorKey(IndexName, run, range));

    private IAnchorPairGrain AnchorPairs(string run, int range) => _grains.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(IndexName, run, range));

    /// <summary>Pairs the posted anchors at every anchor-key range, then collects the pairs sharing enough of them, ascending.</summary>
    private async Task<long[]> PairAnchorsAsync(string run, uint[] boilerplate, CancellationToken cancellationToken)
    {
        var common = boilerplate.GroupBy(f => PartitionMap.OfAnchor(f, Partitions)).ToDictionary(r => r.Key, r => r.ToArray());
        // Both calls are safe to send again: a range keeps its postings and tallies until dropped, and a tally sent
        // again replaces its sender's first one.
        await Task.WhenAll(Enumerable.Range(0, Partitions).Select(r => RetriedAsync($"anchor pairing of key range {r}",
            () => AnchorKeys(run, r).Pair(IndexName, run, r, Partitions, common.GetValueOrDefault(r, [])), cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        var shared = await Task.WhenAll(Enumerable.Range(0, Partitions)
            .Select(r => RetriedAsync($"shared anchors of pair range {r}", () => AnchorPairs(run, r).Shared(Options.MinSharedAnchors), cancellationToken)));
        await Task.WhenAll(Enumerable.Range(0, Partitions).SelectMany(r => new[] { AnchorKeys(run, r).Drop(), AnchorPairs(run, r).Drop() }));
        return [.. shared.SelectMany(s => s).Order()];
    }
}
