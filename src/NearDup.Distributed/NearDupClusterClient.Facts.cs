using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Documents per fact-counting call to a document partition.</summary>
    private const int FactChunk = 8192;

    /// <summary>
    /// The facts' words that <paramref name="threshold"/> or more of the groups' representatives report, counted where
    /// the facts are stored (docs/scale-out.md, "Batch clustering"), as <see cref="Clustering.CommonFacts.Find"/> counts
    /// them: each document partition is sent, per chunk of its listed documents, their place and digest (as the sizes
    /// are) and a bit a document marking the representatives, and sends those representatives' words to the count
    /// ranges; each range then returns the words counted often enough. A chunk a partition does not find in its place is
    /// sent again by ids, and if one of them changed since the listing it is counted from <paramref name="fromListing"/>
    /// instead (which fails a batch run).
    /// </summary>
    /// <param name="ids">The listed ids, by document number (ordinal order).</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="isRepresentative">Whether each document represents its group.</param>
    /// <param name="threshold">Representatives reporting a word for it to be common.</param>
    /// <param name="fromListing">Document i's facts' words (figure bit clear), from the listing.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    internal async Task<uint[]> CountCommonFactsAsync(string[] ids, ulong[] content, bool[] isRepresentative, int threshold,
        Func<int, uint[]> fromListing, CancellationToken cancellationToken)
    {
        string run = Guid.NewGuid().ToString("N");
        // The ranges drop their counts when they answer; a count failed before then drops them here.
        return await RunCleanup.DropIfFailedAsync(() => CountFactsAsync(ids, content, isRepresentative, threshold, fromListing, run, cancellationToken),
            () => DropCountAsync(run));
    }

    /// <summary><see cref="CountCommonFactsAsync"/> as count run <paramref name="run"/>.</summary>
    private async Task<uint[]> CountFactsAsync(string[] ids, ulong[] content, bool[] isRepresentative, int threshold, Func<int, uint[]> fromListing,
        string run, CancellationToken cancellationToken)
    {
        var calls = new List<(int[] Chunk, Task<bool> Counted)>();
        foreach (var owned in Enumerable.Range(0, ids.Length).GroupBy(i => PartitionMap.OfDocument(ids[i], Partitions)))
        {
            string? after = null;
            foreach (int[] chunk in owned.Chunk(FactChunk))
            {
                var marks = new byte[(chunk.Length + 7) / 8];
                for (int k = 0; k < chunk.Length; k++)
                {
                    marks[k >> 3] |= (byte)(isRepresentative[chunk[k]] ? 1 << (k & 7) : 0);
                }
                var request = new FactCountRequest(IndexName, Partitions, run, calls.Count, after, ids[chunk[^1]], chunk.Length,
                    ListingDigest.Of(chunk.Select(i => (ids[i], content[i]))), marks);
                int partition = owned.Key;
                calls.Add((chunk, ByPlaceThenIdsAsync($"fact count at document partition {partition}",
                    sent => DocumentPartition(partition).CountFacts(request with { Ids = sent }), counted => counted, () => [.. chunk.Select(i => ids[i])],
                    cancellationToken)));
                after = ids[chunk[^1]];
            }
        }
        await Task.WhenAll(calls.Select(c => c.Counted));
        cancellationToken.ThrowIfCancellationRequested();
        var uncounted = new List<uint[]>();
        foreach (var (chunk, counted) in calls)
        {
            if (!await counted)
            {
                uncounted.AddRange(chunk.Where(i => isRepresentative[i]).Select(fromListing));
            }
        }
        await TallyFromListingAsync(uncounted, run, calls.Count);
        return await CommonAsync(run, threshold);
    }
}
