using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Documents per sizing call to a document partition.</summary>
    private const int SizeChunk = 8192;

    /// <summary>
    /// Each listed document's fingerprints that are not in <paramref name="common"/>, counted by the document partition
    /// that stores it (docs/scale-out.md, "Batch clustering"): what comes back is 4 bytes a document, not its
    /// fingerprints. A document changed or removed since the listing is sized by <paramref name="fromListing"/> instead.
    /// </summary>
    /// <param name="ids">The listed ids, by document number.</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="common">The run's boilerplate fingerprints, ascending.</param>
    /// <param name="fromListing">Document i's size counted from the listing.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    internal async Task<int[]> SizeDocumentsAsync(string[] ids, ulong[] content, uint[] common, Func<int, int> fromListing,
        CancellationToken cancellationToken)
    {
        var sizes = new int[ids.Length];
        var calls = new List<Task>();
        foreach (var owned in Enumerable.Range(0, ids.Length).GroupBy(i => PartitionMap.OfDocument(ids[i], Partitions)))
        {
            foreach (int[] chunk in owned.Chunk(SizeChunk))
            {
                var request = new SizeRequest([.. chunk.Select(i => ids[i])], [.. chunk.Select(i => content[i])], common);
                calls.Add(SizeChunkAsync(owned.Key, chunk, request, sizes, cancellationToken));
            }
        }
        await Task.WhenAll(calls);
        cancellationToken.ThrowIfCancellationRequested();
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] < 0)
            {
                sizes[i] = fromListing(i);
            }
        }
        return sizes;
    }

    private async Task SizeChunkAsync(int partition, int[] chunk, SizeRequest request, int[] sizes, CancellationToken cancellationToken)
    {
        var counted = await RetriedAsync($"sizes at document partition {partition}", () => DocumentPartition(partition).Sizes(request), cancellationToken);
        for (int k = 0; k < chunk.Length; k++)
        {
            sizes[chunk[k]] = counted[k];
        }
    }
}
