using System.IO.Hashing;
using System.Text;
using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

/// <summary>
/// The partitioned index's client, with the calls of <see cref="DuplicateDetector"/> (add, remove, contains, count,
/// query). Texts are sketched here, by the library's sketcher; partitions receive sketches and keys only. Safe to share
/// between threads; many clients, in many processes, may write and read one index at once.
/// </summary>
/// <remarks>
/// An add stores the sketch in its document partition first, then its key rows; it is acknowledged (the task completes)
/// when every partition has written it to grain storage. A retried add of the same document (same id, text and date)
/// writes the key rows again, which is how an add interrupted by a failure is finished; another document under a taken
/// id is refused. Queries read the document partitions last, so a document whose removal has begun is not matched.
/// </remarks>
public sealed partial class NearDupClusterClient
{
    /// <summary>
    /// Documents sketched and sent per round of <see cref="AddRangeAsync(IEnumerable{DocumentInput}, CancellationToken)"/>: each round costs every partition concerned
    /// one call and one storage write (a commit), so larger rounds cost fewer of both per document.
    /// </summary>
    private const int BatchSize = 2048;

    /// <summary>Times a batch is sent before its failure is reported (<see cref="StoreWithRetriesAsync"/>).</summary>
    private const int StoreAttempts = 10;

    private readonly IGrainFactory _grains;
    private readonly Sketcher _sketcher;
    private readonly SketchKeys _keys;
    private readonly string _optionsJson;

    private NearDupClusterClient(IGrainFactory grains, string indexName, IndexManifest manifest, NearDupOptions options)
    {
        _grains = grains;
        IndexName = indexName;
        Partitions = manifest.Partitions;
        Options = options;
        _sketcher = new Sketcher(options);
        _keys = new SketchKeys(options);
        // A batch run's calls carry the options (once per partition and stage); queries do not: the document partitions
        // read them from the manifest.
        _optionsJson = PartitionScorer.OptionsJson(options);
    }

    private long _resentBatches;

    /// <summary>Batches sent again after a failure so far (<see cref="StoreWithRetriesAsync"/>).</summary>
    internal long ResentBatches => Interlocked.Read(ref _resentBatches);

    /// <summary>The index's name.</summary>
    public string IndexName { get; }

    /// <summary>Partitions of each kind, fixed when the index was created.</summary>
    public int Partitions { get; }

    /// <summary>The options (the index's: a client with others is refused).</summary>
    public NearDupOptions Options { get; }

    /// <summary>Creates index <paramref name="indexName"/> with <paramref name="partitions"/> partitions of each kind, or opens it if it exists with the same settings.</summary>
    /// <exception cref="InvalidOperationException">It exists with another partition count or other options.</exception>
    public static async Task<NearDupClusterClient> CreateAsync(IGrainFactory grains, string indexName, int partitions, NearDupOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        options ??= NearDupOptions.Default;
        options.Validate();
        var wanted = ManifestOf(partitions, options);
        var manifest = await grains.GetGrain<IIndexManifestGrain>(indexName).Create(wanted);
        if (manifest.Partitions != partitions)
        {
            throw new InvalidOperationException($"Index '{indexName}' exists with {manifest.Partitions} partitions, not {partitions}: the count is fixed when it is created.");
        }
        CheckOptions(indexName, manifest, wanted);
        return new NearDupClusterClient(grains, indexName, manifest, options);
    }

    /// <summary>Opens index <paramref name="indexName"/>.</summary>
    /// <exception cref="InvalidOperationException">It was never created, or with other options.</exception>
    public static async Task<NearDupClusterClient> OpenAsync(IGrainFactory grains, string indexName, NearDupOptions? options = null)
    {
        options ??= NearDupOptions.Default;
        options.Validate();
        var manifestGrain = grains.GetGrain<IIndexManifestGrain>(indexName);
        var manifest = await manifestGrain.Get()
            ?? throw new InvalidOperationException($"Index '{indexName}' does not exist in this cluster; create it first (neardup serve --partitions N creates it).");
        var wanted = ManifestOf(manifest.Partitions, options);
        CheckOptions(indexName, manifest, wanted);
        if (manifest.OptionsJson is null)
        {
            manifest = await manifestGrain.Create(wanted); // stored before the manifest kept the options' JSON: fill it in
        }
        return new NearDupClusterClient(grains, indexName, manifest, options);
    }

    /// <summary>Adds a document; completes when it is stored and indexed in every partition concerned.</summary>
    /// <exception cref="ArgumentException">The id is empty, or another document has it.</exception>
    public Task AddAsync(string id, string text, DateTimeOffset? date = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AddRangeAsync([new DocumentInput(id, text, date)]);
    }

    /// <summary>
    /// Adds documents, sketching each batch on all cores (up to <see cref="NearDupOptions.MaxDegreeOfParallelism"/>) and
    /// sending it to the partitions in one call per partition; a batch that fails for a reason of the cluster's (a silo
    /// died) is sent again, up to 10 times in about a minute and a half. Returns the number of documents stored and
    /// indexed that were not there before (a document stored by an attempt that failed counts as there before).
    /// </summary>
    /// <exception cref="ArgumentException">A document has an empty id, or an id another document has: the batches
    /// before it, and the other documents of its batch, stay added.</exception>
    public Task<long> AddRangeAsync(IEnumerable<DocumentInput> documents, CancellationToken cancellationToken = default) =>
        AddRangeAsync(documents, progress: null, cancellationToken);

    /// <summary>
    /// <see cref="AddRangeAsync(IEnumerable{DocumentInput}, CancellationToken)"/>, reporting to <paramref name="progress"/>
    /// the documents acknowledged so far (added, or there already) as each batch is.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="AddRangeAsync(IEnumerable{DocumentInput}, CancellationToken)"/>.</exception>
    public async Task<long> AddRangeAsync(IEnumerable<DocumentInput> documents, IProgress<long>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return (await AddBatchesAsync(documents, stopAtConflict: true, cancellationToken, progress: progress)).Added;
    }

    /// <summary>Adds a document given as UTF-8 text (never decoded into a string), as <see cref="AddAsync(string, string, DateTimeOffset?)"/> does.</summary>
    public Task AddAsync(string id, ReadOnlyMemory<byte> utf8Text, DateTimeOffset? date = null) =>
        AddRangeAsync([new DocumentInput(id, utf8Text, date)]);

    /// <summary>
    /// Sketches and stores <paramref name="documents"/> batch by batch (<see cref="AddRangeAsync(IEnumerable{DocumentInput}, CancellationToken)"/>, which stops at the
    /// first batch with a conflict; a shard's ingest counts them and goes on: <see cref="ShardIngestGrain"/>). What is
    /// counted is acknowledged: the batches stored before a failure, not the one being read; counted into
    /// <paramref name="into"/> when given, so that a caller catching the failure still has them.
    /// </summary>
    internal async Task<AddTally> AddBatchesAsync(IEnumerable<DocumentInput> documents, bool stopAtConflict, CancellationToken cancellationToken,
        AddTally? into = null, IProgress<long>? progress = null)
    {
        var tally = into ?? new AddTally();
        // The next batch is sketched while the one before is being stored: the writer's cores and the silos work at
        // once. Batches are still stored one after another, so a failure leaves the batches before it added.
        Task<StoreOutcome>? storing = null;
        try
        {
            foreach (var batch in documents.Chunk(BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var sketches = Sketch(batch);
                if (storing is not null)
                {
                    var previous = storing;
                    storing = null;
                    Count(tally, await previous, stopAtConflict);
                    progress?.Report(tally.Added + tally.AlreadyPresent);
                }
                storing = StoreWithRetriesAsync(sketches, cancellationToken);
            }
        }
        catch when (storing is not null)
        {
            // Reading or sketching failed with a batch in flight: it is finished (or fails, and that is reported, being
            // the earlier) before the caller hears of it, and counted.
            Count(tally, await storing, stopAtConflict);
            throw;
        }
        if (storing is not null)
        {
            Count(tally, await storing, stopAtConflict);
            progress?.Report(tally.Added + tally.AlreadyPresent);
        }
        return tally;
    }

    private void Count(AddTally tally, StoreOutcome outcome, bool stopAtConflict)
    {
        tally.Add(outcome);
        if (stopAtConflict && outcome.Conflicts.Count > 0)
        {
            var conflicts = outcome.Conflicts;
            throw new ArgumentException($"Another document with id '{conflicts[0]}' is in index '{IndexName}'; ids must be unique"
                + (conflicts.Count > 1 ? $" ({conflicts.Count} such ids in this batch)." : "."), "documents");
        }
    }

    /// <summary>Removes a document and its key rows; returns whether it was there.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        var sketch = await DocumentPartition(id).Remove(id);
        if (sketch is null)
        {
            return false;
        }
        await SendKeysAsync([sketch], remove: true);
        return true;
    }

    /// <summary>Whether a document with this id is stored (sent again while the cluster fails it, as a query is).</summary>
    public async Task<bool> ContainsAsync(string id) =>
        (await RetriedAsync($"the lookup of '{id}'", () => DocumentPartition(id).Get([id]), CancellationToken.None)).Length > 0;

    /// <summary>Number of documents stored (sent again while the cluster fails it, as a query is).</summary>
    public async Task<long> CountAsync()
    {
        var stats = await RetriedAsync("the count", () => Task.WhenAll(Enumerable.Range(0, Partitions).Select(p => DocumentPartition(p).Stats())),
            CancellationToken.None);
        return stats.Sum(s => (long)s.Rows);
    }

    /// <summary>Folds every partition's tail into its segment now (it happens anyway, on a threshold or a timer).</summary>
    public Task MergeAsync() =>
        Task.WhenAll(Enumerable.Range(0, Partitions).SelectMany(p =>
            SketchKeys.KeyKinds.Select(kind => KeyPartition(kind, p).Merge()).Append(DocumentPartition(p).Merge())));

    /// <summary>The sizes of every partition of <paramref name="kind"/>, by partition number.</summary>
    public async Task<PartitionStats[]> StatsAsync(PartitionKind kind) =>
        await Task.WhenAll(Enumerable.Range(0, Partitions).Select(p =>
            kind == PartitionKind.Document ? DocumentPartition(p).Stats() : KeyPartition(kind, p).Stats()));

    private StoredSketch[] Sketch(DocumentInput[] batch)
    {
        foreach (var document in batch)
        {
            if (string.IsNullOrEmpty(document.Id))
            {
                throw new ArgumentException("A document id must not be null or empty.", nameof(batch));
            }
        }
        var sketches = new StoredSketch[batch.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };
        Parallel.For(0, batch.Length, parallel, i =>
        {
            var document = batch[i];
            long ticks = document.Date?.UtcTicks ?? long.MaxValue;
            sketches[i] = StoredSketch.From(document.Text is not null
                ? _sketcher.Sketch(document.Id, document.Text, ticks)
                : _sketcher.Sketch(document.Id, document.Utf8Text.Span, ticks));
        });
        return sketches;
    }

    /// <summary>
    /// Stores a batch, sending it again while it fails for a reason of the cluster's (a silo died, a call timed out):
    /// a batch is safe to repeat (stored sketches answer <see cref="AddOutcome.AlreadyPresent"/> and their key rows are
    /// unique), and the batches before it are acknowledged, so a writer resumes at the failed batch instead of the
    /// caller re-running the whole add. A dead silo leaves the membership in 10 s or more on a loaded machine; the
    /// waits (1, 2, 4, 8, then 15 s) give it about a minute and a half before the failure is the caller's.
    /// </summary>
    private async Task<StoreOutcome> StoreWithRetriesAsync(StoredSketch[] sketches, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StoreAsync(sketches);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && attempt < StoreAttempts && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _resentBatches);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(15, 1 << (attempt - 1))), cancellationToken);
            }
        }
    }

    private async Task<StoreOutcome> StoreAsync(StoredSketch[] sketches)
    {
        var byPartition = sketches.GroupBy(s => PartitionMap.OfDocument(s.Id, Partitions)).ToArray();
        var outcomes = await Task.WhenAll(byPartition.Select(g => DocumentPartition(g.Key).Add(SketchPage.Pack([.. g], SketchParts.All))));
        var toIndex = new List<StoredSketch>(sketches.Length);
        var conflicts = new List<string>();
        long added = 0;
        for (int i = 0; i < byPartition.Length; i++)
        {
            int k = 0;
            foreach (var sketch in byPartition[i])
            {
                var outcome = outcomes[i][k++];
                if (outcome == AddOutcome.Conflict)
                {
                    conflicts.Add(sketch.Id);
                    continue;
                }
                toIndex.Add(sketch);
                added += outcome == AddOutcome.Added ? 1 : 0;
            }
        }
        await SendKeysAsync(toIndex, remove: false);
        conflicts.Sort(StringComparer.Ordinal);
        return new StoreOutcome(added, toIndex.Count - added, conflicts);
    }

    private Task SendKeysAsync(IReadOnlyList<StoredSketch> sketches, bool remove)
    {
        var calls = new List<Task>();
        var rows = new List<KeyEntry>();
        foreach (var kind in SketchKeys.KeyKinds)
        {
            rows.Clear();
            foreach (var sketch in sketches)
            {
                _keys.Rows(kind, sketch, rows);
            }
            foreach (var group in rows.GroupBy(r => PartitionMap.OfKey(r.Table, r.Value, Partitions)))
            {
                var partition = KeyPartition(kind, group.Key);
                var batch = KeyRowBatch.Pack([.. group]);
                calls.Add(remove ? partition.Remove(batch) : partition.Add(batch));
            }
        }
        return Task.WhenAll(calls);
    }

    private IDocumentPartitionGrain DocumentPartition(string id) => DocumentPartition(PartitionMap.OfDocument(id, Partitions));

    private IDocumentPartitionGrain DocumentPartition(int partition) =>
        _grains.GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey(IndexName, PartitionKind.Document, partition));

    private IKeyPartitionGrain KeyPartition(PartitionKind kind, int partition) =>
        _grains.GetGrain<IKeyPartitionGrain>(PartitionMap.GrainKey(IndexName, kind, partition));

    internal static IndexManifest ManifestOf(int partitions, NearDupOptions options)
    {
        // Threads and the spill folder change where and how fast, never what: they may differ between clients.
        var shared = options with { MaxDegreeOfParallelism = -1, SpillDirectory = null };
        string text = shared.ToString();
        return new IndexManifest(partitions, XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text)), text, PartitionScorer.OptionsJson(shared));
    }

    private static void CheckOptions(string indexName, IndexManifest existing, IndexManifest wanted)
    {
        if (existing.OptionsHash != wanted.OptionsHash)
        {
            throw new InvalidOperationException($"Index '{indexName}' was created with other options: {existing.OptionsText}; this client has {wanted.OptionsText}.");
        }
    }
}
