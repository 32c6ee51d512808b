namespace NearDup.Clustering;

/// <summary>
/// A batch of documents as <see cref="DuplicateDetector"/> adds them (<see cref="DuplicateDetector.AddBatches"/>): each
/// document is parsed on whichever thread sketches it (<see cref="TryParse"/>), so a reader can hand over raw records
/// (the CLI's JSONL lines in one pooled buffer) and no text outlives its sketch; then the sketches are stored in input
/// order, each after <see cref="Commit"/> has decided, in that order, whether it is stored, skipped or stops the add.
/// </summary>
/// <remarks>
/// Calls, per batch: <see cref="HasEmptyId"/>; <see cref="GetMaxShingleCount"/> and <see cref="TryParse"/> (any
/// thread, each document once; <see cref="Id"/> and <see cref="DateTicks"/> of a record it parsed); <see cref="Sketched"/>
/// once every document is sketched; then, in input order on one thread, <see cref="Commit"/>, and <see cref="Id"/> and
/// <see cref="DateTicks"/> of each record it accepted; <see cref="End"/> after the last.
/// A batch whose add stops early (an error, a cancellation) may see <see cref="Sketched"/> without the rest.
/// </remarks>
internal abstract class DocumentBatch
{
    /// <summary>Records in the batch (blank lines and bad records included: <see cref="Commit"/> leaves them out).</summary>
    public abstract int Count { get; }

    /// <summary>Whether a document has an empty id: the add stops before the batch (the library's <see cref="DuplicateDetector.AddRange"/>).</summary>
    public virtual bool HasEmptyId => false;

    /// <summary>Most shingles record <paramref name="i"/>'s text can have, known before it is parsed (room to sketch into).</summary>
    public abstract int GetMaxShingleCount(int i, Sketcher sketcher);

    /// <summary>
    /// Parses record <paramref name="i"/> on the calling thread; false when it has no text to sketch (a blank line, a
    /// bad record: <see cref="Commit"/> reports it). Must not throw: a failure is kept for <see cref="Commit"/>.
    /// </summary>
    public abstract bool TryParse(int i, out ParsedText text);

    /// <summary>Every record is parsed and sketched: what held their texts may go (a pooled buffer goes back).</summary>
    public virtual void Sketched()
    {
    }

    /// <summary>
    /// In input order: true to store record <paramref name="i"/>, false to leave it out (blank, or skipped as bad);
    /// throws to stop the add at it (the records before stay added).
    /// </summary>
    public abstract bool Commit(int i);

    /// <summary>The id of record <paramref name="i"/>, once <see cref="TryParse"/> returned true for it.</summary>
    public abstract string Id(int i);

    /// <summary>The date of record <paramref name="i"/> in UTC ticks, <see cref="long.MaxValue"/> for none.</summary>
    public abstract long DateTicks(int i);

    /// <summary>Where record <paramref name="i"/> was read, for a message about it (<c>docs.jsonl:12</c>), or null where the batch does not know.</summary>
    public virtual string? Location(int i) => null;

    /// <summary>After the last record is committed: throws what ended the read after it, if anything did.</summary>
    public virtual void End()
    {
    }
}
