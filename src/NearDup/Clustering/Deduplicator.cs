using System.Text;

namespace NearDup.Clustering;

/// <summary>
/// Removes copies from a corpus in two streaming passes, never holding the texts: add the documents once (each is
/// sketched as it comes, as by <see cref="DuplicateDetector"/>, and only its id, order, length and date are kept), call
/// <see cref="Decide(IProgress{ClusteringProgress}?, CancellationToken)"/>, then stream the records again through
/// <see cref="DedupResult.KeptOf{T}(IEnumerable{T}, Func{T, string})"/> to copy the kept ones.
/// </summary>
/// <example><code>
/// using var dedup = new Deduplicator(dedup: new DedupOptions { Kinds = CopyKinds.Roles });
/// dedup.AddRange(ReadDocuments(path));
/// DedupResult result = dedup.Decide();
/// foreach (var record in result.KeptOf(ReadRecords(path), r => r.Id)) { Write(record); }
/// </code></example>
/// <remarks>
/// Which documents are kept depends only on the set of documents and the options, except under
/// <see cref="KeepRule.First"/>, which reads the order they were added in.
/// </remarks>
public sealed class Deduplicator : IDisposable
{
    private readonly DuplicateDetector _detector;
    private readonly Dictionary<string, DocumentFacts> _facts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Action<string, long, long> _record;

    /// <summary>Creates a deduplicator; both option records are validated here.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public Deduplicator(NearDupOptions? options = null, DedupOptions? dedup = null)
    {
        Dedup = dedup ?? DedupOptions.Default;
        Dedup.Validate();
        _detector = new DuplicateDetector(options);
        _record = Record;
    }

    /// <summary>The engine's options.</summary>
    public NearDupOptions Options => _detector.Options;

    /// <summary>What is removed and kept.</summary>
    public DedupOptions Dedup { get; }

    /// <summary>Documents added.</summary>
    public int Count => _detector.Count;

    /// <summary>Adds a document.</summary>
    /// <exception cref="ArgumentException">The id is empty or already added.</exception>
    public void Add(string id, string text, DateTimeOffset? date = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        _detector.Add(id, text, date);
        Record(id, Encoding.UTF8.GetByteCount(text), date);
    }

    /// <summary>Adds a document given as UTF-8 bytes.</summary>
    /// <exception cref="ArgumentException">The id is empty or already added.</exception>
    public void Add(string id, ReadOnlySpan<byte> utf8Text, DateTimeOffset? date = null)
    {
        _detector.Add(id, utf8Text, date);
        Record(id, utf8Text.Length, date);
    }

    /// <summary>Adds a stream of documents, sketched on all cores while it is read (see <see cref="DuplicateDetector.AddRange"/>).</summary>
    /// <returns>The number of documents added.</returns>
    /// <exception cref="ArgumentException">A document has an empty or repeated id.</exception>
    public long AddRange(IEnumerable<DocumentInput> documents, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return AddBatches(InputBatch.Chunk(documents), progress, cancellationToken);
    }

    /// <summary>
    /// <see cref="AddRange"/> for batches whose records are parsed by the sketching threads (the CLI's JSONL lines):
    /// each text's length is taken where it is parsed, and the facts are noted as the detector commits the records, in input order.
    /// </summary>
    internal long AddBatches(IEnumerable<DocumentBatch> batches, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        _detector.AddBatches(batches.Select(batch => (DocumentBatch)new FactsBatch(batch, _record)), progress, cancellationToken);

    /// <summary>
    /// Clusters the documents and decides which are kept. <see cref="CopyKinds.Template"/> needs the texts to judge
    /// reuse links: use <see cref="Decide(Func{IReadOnlyList{VerifiedPair}, IEnumerable{VerifiedPair}}, IProgress{ClusteringProgress}?, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options remove templates.</exception>
    public DedupResult Decide(IProgress<ClusteringProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if ((Dedup.Kinds & CopyKinds.Template) != 0)
        {
            throw new InvalidOperationException("DedupOptions.Kinds holds Template: pass the template links to Decide(templateLinks, …).");
        }
        return DedupPlanner.Plan(_detector.Cluster(false, progress, cancellationToken), Snapshot(), Dedup, null);
    }

    /// <summary>
    /// Clusters the documents and decides which are kept; <paramref name="templateLinks"/> gets the verified reuse
    /// links (different stories sharing text) and returns those that are templates.
    /// </summary>
    public DedupResult Decide(Func<IReadOnlyList<VerifiedPair>, IEnumerable<VerifiedPair>> templateLinks, IProgress<ClusteringProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templateLinks);
        bool templates = (Dedup.Kinds & CopyKinds.Template) != 0;
        var clustering = _detector.Cluster(templates, progress, cancellationToken);
        var links = templates ? templateLinks(clustering.Pairs.Where(p => p.Relation == PairRelation.Reuse).ToArray()) : null;
        return DedupPlanner.Plan(clustering, Snapshot(), Dedup, links);
    }

    /// <summary>Lets go of the detector's spill file, if any.</summary>
    public void Dispose() => _detector.Dispose();

    private void Record(string id, long bytes, DateTimeOffset? date)
    {
        lock (_lock)
        {
            // A repeated id is the detector's error to report; the first document's facts stay.
            _facts.TryAdd(id, new DocumentFacts(_facts.Count, bytes, date));
        }
    }

    /// <summary>
    /// <see cref="Record(string, long, DateTimeOffset?)"/> for a batch's record: a date in UTC ticks compares as the
    /// document's own did (<see cref="DateTimeOffset.CompareTo(DateTimeOffset)"/> compares instants).
    /// </summary>
    private void Record(string id, long bytes, long dateTicks) =>
        Record(id, bytes, dateTicks == long.MaxValue ? null : new DateTimeOffset(dateTicks, TimeSpan.Zero));

    private Dictionary<string, DocumentFacts> Snapshot()
    {
        lock (_lock)
        {
            return new Dictionary<string, DocumentFacts>(_facts, StringComparer.Ordinal);
        }
    }
}
