using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Documents per sizing call to a document partition.</summary>
    private const int SizeChunk = 8192;

    /// <summary>
    /// Each listed document's fingerprints that are not in <paramref name="common"/>, counted by the document partition
    /// that stores it (docs/scale-out.md, "Batch clustering"): what goes there is where the documents are in the
    /// partition's order and a digest of them (<see cref="SizeRequest"/>), not their ids, and what comes back is a size a
    /// document, not their fingerprints. A chunk the partition does not find in its place (a document added, changed or
    /// removed there since the listing) is sent again by ids, and if one of them changed it is sized by
    /// <paramref name="fromListing"/> instead (which fails a batch run).
    /// </summary>
    /// <param name="ids">The listed ids, by document number (ordinal order).</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="common">The run's boilerplate fingerprints, ascending.</param>
    /// <param name="fromListing">Document i's size counted from the listing.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    internal async Task<int[]> SizeDocumentsAsync(string[] ids, ulong[] content, uint[] common, Func<int, int> fromListing,
        CancellationToken cancellationToken)
    {
        byte[] packed = PackedFingerprints.Pack(common);
        var calls = new List<(int[] Chunk, Task<int[]> Counted)>();
        foreach (var owned in Enumerable.Range(0, ids.Length).GroupBy(i => PartitionMap.OfDocument(ids[i], Partitions)))
        {
            string? after = null;
            foreach (int[] chunk in owned.Chunk(SizeChunk))
            {
                var digest = ListingDigest.Of(chunk.Select(i => (ids[i], content[i])));
                var request = new SizeRequest(after, ids[chunk[^1]], chunk.Length, digest, packed);
                int partition = owned.Key;
                calls.Add((chunk, ByPlaceThenIdsAsync($"sizes at document partition {partition}", sent => DocumentPartition(partition).Sizes(request with { Ids = sent }),
                    answer => answer.Length > 0, () => [.. chunk.Select(i => ids[i])], cancellationToken)));
                after = ids[chunk[^1]];
            }
        }
        await Task.WhenAll(calls.Select(c => c.Counted));
        cancellationToken.ThrowIfCancellationRequested();
        var sizes = new int[ids.Length];
        foreach (var (chunk, counted) in calls)
        {
            var answer = await counted;
            for (int k = 0; k < chunk.Length; k++)
            {
                sizes[chunk[k]] = answer.Length == 0 ? fromListing(chunk[k]) : answer[k];
            }
        }
        return sizes;
    }
}
