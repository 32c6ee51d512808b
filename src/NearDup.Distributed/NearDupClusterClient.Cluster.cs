using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>
    /// Key in the <see cref="Exception.Data"/> of a batch run's error (<see cref="ClusterAsync(bool, IProgress{ClusteringProgress}?, CancellationToken)"/>)
    /// when the drop of the run's working state at the grains failed after it: the drop's error type and message. The
    /// run's own error is the one thrown; this says that the silos may still hold its state in memory.
    /// </summary>
    public const string DropFailureKey = RunCleanup.DropFailureKey;

    /// <summary>Summaries per page of the listing: about 80 KB at the defaults (a sketch whole was about 3 MB for 512).</summary>
    private const int ListingPage = 4096;

    /// <summary>Candidate pairs per scoring call to a document partition.</summary>
    private const int MeasureChunk = 8192;

    /// <summary>
    /// Clusters every document in the index, with the same result as <see cref="DuplicateDetector.Cluster(bool, CancellationToken)"/>
    /// over the same documents and options. Candidates come from the band and SimHash partitions' runs of equal keys,
    /// are scored by the document partitions that hold their sketches, the boilerplate fingerprints are counted there too
    /// (by group, each fingerprint at the partition of its range), and so are the sizes without them, the cores, the
    /// weak links, the members' roles and the pairs' scores; the other stages from groups on run here, over the listed
    /// summaries (no fingerprints): the library's own stage code throughout (docs/scale-out.md, "Batch clustering").
    /// </summary>
    /// <remarks>
    /// The result's clusters are kept in the index as its last run, which <see cref="ClusterOfAsync"/> answers from.
    /// The run clusters the documents it lists at its start, no others: rows of documents added later are left out.
    /// Every add acknowledged before the call is in the result; one that overlaps the listing may be in or out, and if it
    /// is in before its key rows are all written it may miss candidates. A listed document removed, or removed and added
    /// again with another text, before the run is done fails the run (<see cref="InvalidOperationException"/> naming it):
    /// the coordinator holds no sketch to work from, so run it again.
    /// </remarks>
    /// <param name="includePairs">Also return every verified pair.</param>
    /// <param name="progress">Receives each clustering stage as it starts.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public Task<ClusteringResult> ClusterAsync(bool includePairs = false, IProgress<ClusteringProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        ClusterAsync(includePairs, progress, afterListing: null, cancellationToken);

    /// <summary><see cref="ClusterAsync(bool, IProgress{ClusteringProgress}?, CancellationToken)"/>, calling
    /// <paramref name="afterListing"/> between the listing and the rest (tests change the index there).</summary>
    internal async Task<ClusteringResult> ClusterAsync(bool includePairs, IProgress<ClusteringProgress>? progress, Func<Task>? afterListing,
        CancellationToken cancellationToken)
    {
        var docs = await ListAsync(cancellationToken);
        if (afterListing is not null)
        {
            await afterListing();
        }
        var (candidates, shared, differ) = await CandidatePairsAsync(docs, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var stages = new PartitionedStages(this, docs, cancellationToken);
        var verifier = new Verifier(Options, BoilerplateFilter.None);
        var scores = new Verifier.Score[shared.Length];
        for (int k = 0; k < scores.Length; k++)
        {
            var (a, b) = candidates.Candidates[k];
            scores[k] = new Verifier.Score(shared[k], docs.FingerprintCount(a), docs.FingerprintCount(b));
        }
        var strong = StrongLinkStage.Classify(verifier, candidates, scores, k => differ[k]);
        // A run that failed on the way leaves nothing kept at the partitions for it either.
        var index = await RunCleanup.ThenDropAsync(
            () => Task.FromResult(ClusterBuilder.Build(docs, Options, includePairs, progress, strong, stages, cancellationToken)),
            stages.DropRunAsync);
        var result = index.ToResult();
        await PublishAsync(result.Clusters, docs, index.Groups, stages.BoilerplateFingerprints, stages.CommonFactWords);
        return result;
    }

    /// <summary>
    /// Every stored document's summary (id, date, content hash, shingle and fingerprint counts: no SimHash, band keys or
    /// fingerprints), read from all document partitions at once in pages, into one table numbered by id.
    /// </summary>
    private async Task<DocumentTable> ListAsync(CancellationToken cancellationToken)
    {
        var store = new SketchStore(bands: 0);
        var gate = new Lock();
        await Task.WhenAll(Enumerable.Range(0, Partitions).Select(async p =>
        {
            string? after = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? from = after;
                var page = await RetriedAsync($"listing of partition {p}", () => DocumentPartition(p).Scan(from, ListingPage, SketchParts.Summary),
                    cancellationToken);
                lock (gate)
                {
                    page.AddSummariesTo(store);
                }
                if (page.Count < ListingPage)
                {
                    return;
                }
                after = page.Ids[^1];
            }
        }));
        return new DocumentTable(store, [.. Enumerable.Range(0, store.Count)]);
    }

    /// <summary>
    /// Each pair's shared fingerprints, counted by the document partition of its first document, without the
    /// fingerprints of <paramref name="common"/> when given (the verified pairs' listing); without it also whether each
    /// pair's texts are a series' items dated apart (stage 2's check). A pair a partition no longer holds as listed fails the run.
    /// </summary>
    /// <param name="ids">The listed ids, by document number.</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="pairs">Pairs of document numbers.</param>
    /// <param name="common">The run's boilerplate fingerprints, ascending, or null for stage 2's candidates.</param>
    internal async Task<(int[] Shared, bool[]? SeriesApart)> MeasureAsync(string[] ids, ulong[] content, (int A, int B)[] pairs, uint[]? common)
    {
        var shared = new int[pairs.Length];
        var differ = common is null ? new bool[pairs.Length] : null;
        byte[]? packed = common is null ? null : PackedFingerprints.Pack(common);
        var calls = new List<Task>();
        foreach (var group in Enumerable.Range(0, pairs.Length).GroupBy(k => PartitionMap.OfDocument(ids[pairs[k].A], Partitions)))
        {
            foreach (var chunk in group.Chunk(MeasureChunk))
            {
                calls.Add(MeasureChunkAsync(ids, content, pairs, group.Key, chunk, packed, shared, differ));
            }
        }
        await Task.WhenAll(calls);
        return (shared, differ);
    }

    private async Task MeasureChunkAsync(string[] ids, ulong[] content, (int A, int B)[] pairs, int partition, int[] chunk, byte[]? common,
        int[] shared, bool[]? differ)
    {
        var request = new MeasureRequest(IndexName, Partitions, [.. chunk.Select(k => ids[pairs[k].A])], [.. chunk.Select(k => ids[pairs[k].B])],
            [.. chunk.Select(k => content[pairs[k].A])], [.. chunk.Select(k => content[pairs[k].B])], common);
        var answer = await RetriedAsync($"scoring at document partition {partition}", () => DocumentPartition(partition).Measure(request), CancellationToken.None);
        for (int j = 0; j < chunk.Length; j++)
        {
            var (a, b) = pairs[chunk[j]];
            if (answer.Shared[j] < 0)
            {
                throw ListingChanged(ids[a], ids[b]);
            }
            shared[chunk[j]] = answer.Shared[j];
            if (differ is not null)
            {
                differ[chunk[j]] = answer.IsSeriesApart(j);
            }
        }
    }
}
