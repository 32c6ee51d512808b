using NearDup.Internal;

namespace NearDup.Clustering;

/// <summary>
/// The library's entry point: add documents (one by one, or as a stream that is sketched on all cores), then
/// <see cref="Cluster(bool, CancellationToken)"/> them into stories with their copies, or <see cref="Query(string)"/> a new text against them.
/// Texts are not kept: each document is reduced to a sketch as it is added (see README, "Memory").
/// </summary>
/// <example><code>
/// var detector = new DuplicateDetector();
/// detector.Add("wire", wireText);
/// detector.Add("blog", blogText);
/// foreach (var cluster in detector.Cluster().Clusters) { /* cluster.Canonical, cluster.Members */ }
/// </code></example>
/// <remarks>
/// <see cref="Add(string, string, DateTimeOffset?)"/> and <see cref="AddRange"/> may be called from several
/// threads; <see cref="Cluster(bool, CancellationToken)"/> and <see cref="Query(string)"/> see what was added before they started.
/// The result depends only on the set of documents and the options: never on the order they were added in,
/// nor on the number of threads. Dispose the detector to delete its spill file (<see cref="NearDupOptions.SpillDirectory"/>);
/// without one, disposing is optional.
/// </remarks>
public sealed partial class DuplicateDetector : IDisposable
{
    /// <summary>Batches the reading thread of <see cref="AddRange"/> may run ahead of the sketching.</summary>
    private const int QueuedBatches = 4;

    /// <summary>Removed documents up to which <see cref="Remove"/> never compacts: copying a small store is not worth it.</summary>
    private const int MinRemovedToCompact = 1024;

    private readonly Sketcher _sketcher;
    private readonly Dictionary<string, int> _documents = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private SketchStore _store;
    private ClusterIndex? _index;

    /// <summary>Creates a detector; the options are validated once, here.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    /// <exception cref="DirectoryNotFoundException">The <see cref="NearDupOptions.SpillDirectory"/> does not exist.</exception>
    /// <exception cref="IOException">The spill file cannot be created.</exception>
    public DuplicateDetector(NearDupOptions? options = null)
        : this(options ?? NearDupOptions.Default, spill: null, createSpill: true)
    {
    }

    private DuplicateDetector(NearDupOptions options, FingerprintSpill? spill, bool createSpill)
    {
        options.Validate();
        Options = options;
        _sketcher = new Sketcher(options);
        if (createSpill && options.SpillDirectory is { } directory)
        {
            spill = new FingerprintSpill(directory, options.SpillDirectFromBytes ?? FingerprintSpill.DirectWritesFrom());
        }
        _store = new SketchStore(_sketcher.Lsh.Bands, spill);
    }

    /// <summary>The options.</summary>
    public NearDupOptions Options { get; }

    /// <summary>Number of documents added and not removed.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _documents.Count;
            }
        }
    }

    /// <summary>Slots the sketch store holds, removed documents not yet compacted away included (tests).</summary>
    internal int StoredSlots
    {
        get
        {
            lock (_lock)
            {
                return _store.Count;
            }
        }
    }

    /// <summary>The id in store slot <paramref name="slot"/>: slots are taken in the order documents were added (tests).</summary>
    internal string StoredId(int slot)
    {
        lock (_lock)
        {
            return _store.Id(slot);
        }
    }

    /// <summary>The LSH bands and rows derived from <see cref="NearDupOptions.LshThreshold"/>.</summary>
    public Indexing.LshParameters LshParameters => _sketcher.Lsh;

    /// <summary>Adds a document.</summary>
    /// <exception cref="ArgumentException">The id is empty or already added.</exception>
    public void Add(string id, string text, DateTimeOffset? date = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Store(_sketcher.Sketch(CheckId(id), text, Ticks(date)));
    }

    /// <summary>Adds a document given as UTF-8 bytes (never decoded into a string; invalid UTF-8 is tolerated).</summary>
    /// <exception cref="ArgumentException">The id is empty or already added.</exception>
    public void Add(string id, ReadOnlySpan<byte> utf8Text, DateTimeOffset? date = null) =>
        Store(_sketcher.Sketch(CheckId(id), utf8Text, Ticks(date)));

    /// <summary>
    /// Adds a stream of documents, sketching them on all cores (up to <see cref="NearDupOptions.MaxDegreeOfParallelism"/>)
    /// while the stream is read; texts are let go as soon as they are sketched.
    /// </summary>
    /// <param name="documents">The documents.</param>
    /// <param name="progress">Receives the number of documents added so far, now and then.</param>
    /// <param name="cancellationToken">Stops the work; documents already added stay added.</param>
    /// <returns>The number of documents added.</returns>
    /// <exception cref="ArgumentException">A document has an empty or repeated id; the documents before it stay added.</exception>
    public long AddRange(IEnumerable<DocumentInput> documents, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return AddBatches(InputBatch.Chunk(documents), progress, cancellationToken);
    }

    /// <summary>
    /// <see cref="AddRange"/> for batches whose records are parsed by the sketching threads (<see cref="DocumentBatch"/>):
    /// the CLI hands its JSONL lines over this way, so no text is copied out of the reader's buffer.
    /// </summary>
    internal long AddBatches(IEnumerable<DocumentBatch> batches, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        // Reading (and, for the library's documents, the caller's parsing) runs on its own thread, a few batches ahead
        // of the sketching, so the two overlap; the queue is bounded, so memory stays at a few batches.
        using var queue = new System.Collections.Concurrent.BlockingCollection<DocumentBatch>(boundedCapacity: QueuedBatches);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? readError = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var batch in batches)
                {
                    queue.Add(batch, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped first; its error is the one to report.
            }
            catch (Exception e)
            {
                readError = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        long added;
        try
        {
            added = SketchAndStore(queue.GetConsumingEnumerable(cancellationToken), progress, cancellationToken);
        }
        finally
        {
            stop.Cancel();
            reader.Wait(CancellationToken.None);
            // Batches read ahead of an add that stopped early give their buffers back.
            while (queue.TryTake(out var left))
            {
                left.Sketched();
            }
        }
        readError?.Throw();
        progress?.Report(added);
        return added;
    }

    /// <summary>Removes a document; returns whether it was there.</summary>
    public bool Remove(string id)
    {
        lock (_lock)
        {
            bool removed = _documents.Remove(id);
            if (removed)
            {
                _index = null;
                // The store is append-only; once removed documents outnumber the live ones, copy the live ones to a
                // new store so that the space is given back (clustering indexes built before keep the old one).
                if (_store.Count - _documents.Count > Math.Max(MinRemovedToCompact, _documents.Count))
                {
                    Compact();
                }
            }
            return removed;
        }
    }

    /// <summary>Whether a document with this id was added.</summary>
    public bool Contains(string id)
    {
        lock (_lock)
        {
            return _documents.ContainsKey(id);
        }
    }

    /// <summary>
    /// Groups the documents into stories: every document lands in exactly one cluster (singletons included),
    /// with a canonical document and a role and scores for each copy.
    /// </summary>
    /// <param name="includePairs">Also return every verified pair.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public ClusteringResult Cluster(bool includePairs = false, CancellationToken cancellationToken = default) =>
        Cluster(includePairs, progress: null, cancellationToken);

    /// <summary>Like <see cref="Cluster(bool, CancellationToken)"/>, reporting each stage as it starts.</summary>
    /// <param name="includePairs">Also return every verified pair.</param>
    /// <param name="progress">Receives each stage as it starts (on the calling thread).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public ClusteringResult Cluster(bool includePairs, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken = default) =>
        BuildIndex(includePairs, progress, cancellationToken).ToResult();

    /// <summary>Clusters the documents and keeps the index for queries; returns it, whatever an add does meanwhile.</summary>
    private ClusterIndex BuildIndex(bool includePairs, IProgress<ClusteringProgress>? progress, CancellationToken cancellationToken)
    {
        var index = ClusterBuilder.Build(Documents(), Options, includePairs, progress, cancellationToken);
        lock (_lock)
        {
            _index = index;
        }
        return index;
    }

    /// <summary>
    /// Finds the documents already added that <paramref name="text"/> copies or that copy it, best first. Uses the
    /// indexes of the last <see cref="Cluster(bool, CancellationToken)"/> call, and clusters first if documents were added or removed since;
    /// the first query after a clustering also builds the query indexes (see <see cref="PrepareQueries()"/>).
    /// The text is not added.
    /// </summary>
    public IReadOnlyList<QueryMatch> Query(string text) => Query(text, null);

    /// <summary>
    /// Like <see cref="Query(string)"/>, for a text published at <paramref name="date"/> (null when unknown): the rules
    /// that read the dates of two documents then apply as they do in the clusters, so that a series' next item or a flash
    /// repeated days later is a reuse match, not a copy, and a release rewritten within days can be a copy.
    /// </summary>
    public IReadOnlyList<QueryMatch> Query(string text, DateTimeOffset? date)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CurrentIndex().Query(_sketcher.Sketch("", text, date?.UtcTicks ?? long.MaxValue));
    }

    /// <summary>Like <see cref="Query(string)"/>, for UTF-8 text.</summary>
    public IReadOnlyList<QueryMatch> Query(ReadOnlySpan<byte> utf8Text) => Query(utf8Text, null);

    /// <summary>Like <see cref="Query(string, DateTimeOffset?)"/>, for UTF-8 text.</summary>
    public IReadOnlyList<QueryMatch> Query(ReadOnlySpan<byte> utf8Text, DateTimeOffset? date) =>
        CurrentIndex().Query(_sketcher.Sketch("", utf8Text, date?.UtcTicks ?? long.MaxValue));

    /// <summary>
    /// Builds now what <see cref="Query(string)"/> needs (clusters, then the LSH band tables, the SimHash index and the
    /// anchor table, which a clustering run lets go), so that the first query does not pay for it. Optional.
    /// </summary>
    public void PrepareQueries() => CurrentIndex(CancellationToken.None).PrepareQueries();

    /// <summary>Like <see cref="PrepareQueries()"/>, stopping a clustering it starts on <paramref name="cancellationToken"/>.</summary>
    internal void PrepareQueries(CancellationToken cancellationToken) => CurrentIndex(cancellationToken).PrepareQueries();

    /// <summary>
    /// Whether queries can be answered without clustering: a clustering of the present documents, or the query state
    /// of a loaded index (format 6 on, saved with one, loaded with its thresholds), is at hand.
    /// </summary>
    internal bool HasQueryState
    {
        get
        {
            lock (_lock)
            {
                return _index is not null;
            }
        }
    }

    private ClusterIndex CurrentIndex() => CurrentIndex(CancellationToken.None);

    private ClusterIndex CurrentIndex(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_index is not null)
            {
                return _index;
            }
        }
        // The index this clustering built, not _index: an add on another thread may have dropped it since.
        return BuildIndex(includePairs: false, progress: null, cancellationToken);
    }

    /// <summary>
    /// Sketches each batch on all cores while the batch before it is copied into the store: the copy runs in input
    /// order under the lock, one batch at a time, so on its own it would leave the other cores idle (8% of the stage's
    /// CPU time on gen 100k). Two rooms take turns; a room is sketched into again only after its copy ended.
    /// With one thread allowed, each batch is copied before the next is sketched.
    /// </summary>
    private long SketchAndStore(IEnumerable<DocumentBatch> batches, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var sketches = new DocumentSketch?[InputBatch.Size];
        SketchBatch[] rooms = [new SketchBatch(), new SketchBatch()];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        bool overlap = Options.MaxDegreeOfParallelism != 1;
        Task<long>? storing = null;
        long added = 0;
        int turn = 0;
        try
        {
            foreach (var batch in batches)
            {
                var room = rooms[turn];
                turn ^= 1;
                if (batch.HasEmptyId)
                {
                    // The batch before is stored first, and its error, if any, comes first, as when each batch was stored before the next.
                    added += EndStore(ref storing);
                    CheckId("");
                }
                if (!overlap && batch.Count > 0 && room.TryPrepare(batch, _sketcher))
                {
                    added += SketchAndStoreEach(batch, room, cancellationToken);
                    progress?.Report(added);
                    continue;
                }
                bool sketched = TrySketch(batch, room, parallel);
                added += EndStore(ref storing);
                if (!sketched)
                {
                    added += StoreLarge(batch, ref sketches, parallel);
                }
                else if (overlap)
                {
                    storing = Task.Run(() => StoreBatch(batch, room), CancellationToken.None);
                }
                else
                {
                    added += StoreBatch(batch, room);
                }
                progress?.Report(added);
            }
            added += EndStore(ref storing);
        }
        finally
        {
            if (storing is not null)
            {
                // Leaving on an error with a copy in flight: let it end (no thread outlives AddRange); the error
                // already thrown is the one to report.
                try
                {
                    storing.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Secondary to the error being thrown.
                }
            }
        }
        return added;
    }

    /// <summary>Waits for the copy in flight, if any, and rethrows its error; returns the documents it added.</summary>
    private static long EndStore(ref Task<long>? storing)
    {
        if (storing is null)
        {
            return 0;
        }
        var task = storing;
        storing = null;
        return task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Parses and sketches the batch into <paramref name="room"/>, each record on the thread that sketches it; false
    /// (nothing parsed yet) when its texts may need more room than a batch may take.
    /// </summary>
    private bool TrySketch(DocumentBatch batch, SketchBatch room, ParallelOptions parallel)
    {
        if (batch.Count == 0 || !room.TryPrepare(batch, _sketcher))
        {
            return false;
        }
        try
        {
            Parallel.For(0, batch.Count, parallel, i =>
            {
                if (batch.TryParse(i, out var text))
                {
                    room.Sketch(i, text, _sketcher);
                }
            });
        }
        finally
        {
            batch.Sketched();
        }
        return true;
    }

    /// <summary>
    /// On one thread, each document of the prepared batch parsed, sketched and stored before the next, so that its
    /// sketch is copied into the store while it is still in cache (<see cref="SketchBatch.SketchAtFront"/>). What
    /// <see cref="TrySketch"/> then <see cref="StoreBatch"/> add, in the same order, with the same stop at a repeated id.
    /// </summary>
    private long SketchAndStoreEach(DocumentBatch batch, SketchBatch room, CancellationToken cancellationToken)
    {
        long added = 0;
        try
        {
            for (int i = 0; i < batch.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (batch.TryParse(i, out var text))
                {
                    room.SketchAtFront(i, text, _sketcher);
                }
                if (batch.Commit(i))
                {
                    StoreFront(batch, room, i);
                    added++;
                }
            }
        }
        finally
        {
            batch.Sketched();
        }
        batch.End();
        return added;
    }

    /// <summary>Stores document <paramref name="i"/> of a batch sketched by <see cref="SketchAndStoreEach"/>; a repeated id throws.</summary>
    private void StoreFront(DocumentBatch batch, SketchBatch room, int i)
    {
        string id = batch.Id(i);
        lock (_lock)
        {
            if (!_documents.TryAdd(id, _store.Count))
            {
                ThrowDuplicate(id);
            }
            room.AddFrontTo(_store, i, id, batch.DateTicks(i));
            _index = null;
        }
    }

    /// <summary>Copies a sketched batch into the store in input order; a repeated id stops it there (the documents before stay added).</summary>
    private long StoreBatch(DocumentBatch batch, SketchBatch room)
    {
        int count = batch.Count;
        long added = 0;
        lock (_lock)
        {
            for (int i = 0; i < count; i++)
            {
                if (!batch.Commit(i))
                {
                    continue;
                }
                string id = batch.Id(i);
                if (!_documents.TryAdd(id, _store.Count))
                {
                    ThrowDuplicate(id);
                }
                room.AddTo(_store, i, id, batch.DateTicks(i));
                _index = null;
                added++;
            }
        }
        batch.End();
        return added;
    }

    /// <summary>A batch whose texts may need more room than <see cref="SketchBatch.DefaultMaxRoom"/>: each sketch in its own arrays.</summary>
    private long StoreLarge(DocumentBatch batch, ref DocumentSketch?[] sketches, ParallelOptions parallel)
    {
        if (sketches.Length < batch.Count)
        {
            sketches = new DocumentSketch?[batch.Count];
        }
        var into = sketches;
        try
        {
            Parallel.For(0, batch.Count, parallel, i =>
            {
                into[i] = !batch.TryParse(i, out var text) ? null
                    : text.IsUtf16 ? _sketcher.Sketch(batch.Id(i), text.Utf16, batch.DateTicks(i)) : _sketcher.Sketch(batch.Id(i), text.Utf8, batch.DateTicks(i));
            });
        }
        finally
        {
            batch.Sketched();
        }
        long added = 0;
        lock (_lock)
        {
            for (int i = 0; i < batch.Count; i++)
            {
                var sketch = into[i];
                into[i] = null;
                if (batch.Commit(i) && sketch is not null)
                {
                    StoreLocked(sketch);
                    added++;
                }
            }
        }
        batch.End();
        return added;
    }

    private void Store(DocumentSketch sketch)
    {
        lock (_lock)
        {
            StoreLocked(sketch);
        }
    }

    private void StoreLocked(DocumentSketch sketch)
    {
        if (!_documents.TryAdd(sketch.Id, _store.Count))
        {
            ThrowDuplicate(sketch.Id);
        }
        _store.Add(sketch);
        _index = null;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowDuplicate(string id) =>
        ThrowHelper.ThrowArgument("id", $"A document with id '{id}' was already added; ids must be unique.");

    /// <summary>The documents present now, in id order (the store only grows, so the table stays valid).</summary>
    private DocumentTable Documents()
    {
        SketchStore store;
        int[] slots;
        lock (_lock)
        {
            store = _store;
            slots = [.. _documents.Values];
        }
        return new DocumentTable(store, slots);
    }

    /// <summary>
    /// Deletes the spill file, if any, and unmaps its pages. No other call may be running or made afterwards (a call
    /// that reads spilled fingerprints then throws <see cref="ObjectDisposedException"/>).
    /// </summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _index = null;
            _store.Spill?.Dispose();
        }
    }

    private void Compact()
    {
        // The new store appends to the same spill file: clustering indexes built before may still read the old pages.
        var store = new SketchStore(_store.Bands, _store.Spill);
        var slots = _documents.Values.ToArray();
        Array.Sort(slots);
        ushort[] positions = [];
        foreach (int slot in slots)
        {
            var packed = _store.Positions(slot);
            if (positions.Length < packed.Length)
            {
                positions = new ushort[Math.Max(packed.Length, positions.Length * 2)];
            }
            packed.CopyTo(positions);
            int moved = store.Add(_store.Id(slot), _store.DateTicks(slot), _store.ContentHash(slot), _store.SimHash(slot), _store.ShingleCount(slot),
                _store.BandKeys(slot), _store.Fingerprints(slot), positions.AsSpan(0, packed.Length), _store.Facts(slot));
            _documents[_store.Id(slot)] = moved;
        }
        _store = store;
    }

    private static string CheckId(string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            ThrowHelper.ThrowArgument(nameof(id), "A document id must not be null or empty.");
        }
        return id;
    }

    private static long Ticks(DateTimeOffset? date) => date?.UtcTicks ?? long.MaxValue;
}
