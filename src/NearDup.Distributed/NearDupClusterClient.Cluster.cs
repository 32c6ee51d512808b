using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
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
        var candidates = await CandidatePairsAsync(docs, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var stages = new PartitionedStages(this, docs, cancellationToken);
        var verifier = new Verifier(Options, BoilerplateFilter.None);
        var (shared, differ) = await MeasureAsync(stages.Ids, stages.Content, candidates.Candidates, common: null);
        var scores = new Verifier.Score[shared.Length];
        for (int k = 0; k < scores.Length; k++)
        {
            var (a, b) = candidates.Candidates[k];
            scores[k] = new Verifier.Score(shared[k], docs.FingerprintCount(a), docs.FingerprintCount(b));
        }
        var strong = StrongLinkStage.Classify(verifier, candidates, scores, k => differ![k]);
        var result = ClusterBuilder.Build(docs, Options, includePairs, progress, strong, stages, cancellationToken).ToResult();
        await PublishAsync(result.Clusters);
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
    /// Identical texts (from the listed content hashes) and the pairs of every band and SimHash run, each run cut to the
    /// listed documents whose rows it holds and paired by the candidate stage's own rules. The key partitions send a
    /// listed document's row as its number in the run's listing (<see cref="RunNumbering"/>), not its id.
    /// </summary>
    private async Task<CandidatePairs> CandidatePairsAsync(DocumentTable docs, CancellationToken cancellationToken)
    {
        var textDocs = SignatureKeys.DocumentsWithText(docs);
        var identical = CandidateStage.IdenticalTexts(docs, textDocs);
        var ids = new string[docs.Count];
        var content = new ulong[docs.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = docs.Id(i);
            content[i] = docs.ContentHash(i);
        }
        var (numbering, documentOf) = RunNumbering.Of(IndexName, Partitions, ids, content);
        var found = new HashSet<long>(Internal.PairComparer.Instance);
        var sink = new PairCollector(found);
        foreach (var kind in (PartitionKind[])[PartitionKind.Band, PartitionKind.SimHash])
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, Partitions)
                .Select(p => RetriedAsync($"runs of {kind} partition {p}", () => KeyPartition(kind, p).Runs(numbering), cancellationToken)));
            foreach (var run in runs.SelectMany(r => r.Unpack()))
            {
                var (members, hashes) = ListedMembers(docs, ids, documentOf, run);
                if (members.Length < 2)
                {
                    continue;
                }
                if (kind == PartitionKind.Band)
                {
                    CandidateStage.EmitRun(members, ref sink);
                }
                else
                {
                    Indexing.SimHashIndex.ForEachPairInRun(hashes, members, (int)run.Table, Options.SimHashMaxDistance, ref sink);
                }
            }
        }
        var packed = found.ToArray();
        Array.Sort(packed); // by (A, B), as the candidate stage sorts
        return new CandidatePairs(identical, Array.ConvertAll(packed, PairKey.Unpack), SignatureBytes: 0);
    }

    /// <summary>
    /// A run's documents that are in the listing with a text (a row of a document added after the listing is left out,
    /// by the key partition when it numbered the row, else here), as document numbers, ascending since the rows are in
    /// ordinal order of id, and their rows' payloads. The listing holds no keys to check the rows against: a row of a
    /// listed document removed and added again with another text since is kept, and the run fails on that document at
    /// the latest when the sizes without boilerplate are counted, which checks every listed document against its listed
    /// content hash (docs/scale-out.md, "Adds while a batch clustering runs").
    /// </summary>
    private static (int[] Members, ulong[] Hashes) ListedMembers(DocumentTable docs, string[] ids, int[] documentOf, KeyRun run)
    {
        var members = new List<int>(run.Ids.Length);
        var hashes = new List<ulong>(run.Ids.Length);
        for (int k = 0; k < run.Ids.Length; k++)
        {
            int number = run.NumberOf(k);
            int doc = number >= 0 ? DocumentOf(documentOf, number) : Array.BinarySearch(ids, run.Ids[k], StringComparer.Ordinal);
            if (doc >= 0 && docs.ShingleCount(doc) > 0)
            {
                members.Add(doc);
                hashes.Add(run.Payloads[k]);
            }
        }
        return ([.. members], [.. hashes]);
    }

    private static int DocumentOf(int[] documentOf, int number) =>
        (uint)number < (uint)documentOf.Length ? documentOf[number] : throw new InvalidDataException($"a key partition sent row number {number}; the run listed {documentOf.Length} documents");

    /// <summary>
    /// Each pair's shared fingerprints, counted by the document partition of its first document, without the
    /// fingerprints of <paramref name="common"/> when given (the verified pairs' listing); without it also whether each
    /// pair's facts differ apart (stage 2's check). A pair a partition no longer holds as listed fails the run.
    /// </summary>
    /// <param name="ids">The listed ids, by document number.</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="pairs">Pairs of document numbers.</param>
    /// <param name="common">The run's boilerplate fingerprints, ascending, or null for stage 2's candidates.</param>
    internal async Task<(int[] Shared, bool[]? DifferApart)> MeasureAsync(string[] ids, ulong[] content, (int A, int B)[] pairs, uint[]? common)
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
                differ[chunk[j]] = answer.DifferApart(j);
            }
        }
    }
}
