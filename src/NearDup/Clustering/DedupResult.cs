namespace NearDup.Clustering;

/// <summary>
/// What <see cref="Deduplicator.Decide(IProgress{ClusteringProgress}?, CancellationToken)"/> decided: which documents
/// are kept and which removed, with the clustering it read. Pass the records through
/// <see cref="KeptOf{T}(IEnumerable{T}, Func{T, string})"/> in a second streaming pass to copy the kept ones.
/// </summary>
public sealed class DedupResult
{
    private readonly Dictionary<string, DedupDecision> _removed;
    private readonly Dictionary<CopyKinds, int> _byKind;
    private readonly IReadOnlyDictionary<string, DocumentFacts> _documents;

    internal DedupResult(ClusteringResult clustering, IReadOnlyDictionary<string, DocumentFacts> documents, IReadOnlyList<DedupDecision> removed, long removedBytes)
    {
        Clustering = clustering;
        _documents = documents;
        Documents = documents.Count;
        Removed = removed;
        RemovedBytes = removedBytes;
        _removed = removed.ToDictionary(d => d.Id, StringComparer.Ordinal);
        _byKind = removed.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The clustering the decision read, within the bounds and kinds of the <see cref="DedupOptions"/>.</summary>
    public ClusteringResult Clustering { get; }

    /// <summary>Documents added.</summary>
    public int Documents { get; }

    /// <summary>Documents kept.</summary>
    public int Kept => Documents - Removed.Count;

    /// <summary>The documents removed, by id in ordinal order (so the list does not depend on the order they were added in).</summary>
    public IReadOnlyList<DedupDecision> Removed { get; }

    /// <summary>UTF-8 bytes of the removed texts.</summary>
    public long RemovedBytes { get; }

    /// <summary>Documents removed as copies of <paramref name="kind"/> (one kind).</summary>
    public int RemovedCount(CopyKinds kind) => _byKind.GetValueOrDefault(kind);

    /// <summary>Whether the document is kept; an id that was never added is not.</summary>
    public bool IsKept(string id) => !_removed.ContainsKey(id) && _documents.ContainsKey(id);

    /// <summary>The decision that removed <paramref name="id"/>; false when it is kept or unknown.</summary>
    public bool TryGetRemoved(string id, out DedupDecision decision) => _removed.TryGetValue(id, out decision);

    /// <summary>
    /// The records whose id is kept, streamed in their order: the second pass over the input, which never holds more
    /// than one record. A record whose id was never added is an error, since the input has changed since the first pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">A record's id was never added.</exception>
    public IEnumerable<T> KeptOf<T>(IEnumerable<T> records, Func<T, string> idOf)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(idOf);
        foreach (var record in records)
        {
            string id = idOf(record);
            if (_removed.ContainsKey(id))
            {
                continue;
            }
            if (!_documents.ContainsKey(id))
            {
                throw new InvalidOperationException($"'{id}' was not among the documents decided on: the records differ from the documents added.");
            }
            yield return record;
        }
    }
}
