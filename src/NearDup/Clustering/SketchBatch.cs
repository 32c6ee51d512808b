using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// Room for the sketches of one batch of added documents, reused from batch to batch: sized by the most the batch can
/// need (each text's shingle bound for fingerprints and positions, <see cref="FactHashes.MaxCount"/> facts, one key per
/// band), each document is sketched into it on any thread, then copied into the store in input order. The store copies a
/// sketch anyway, so the four arrays and the object a <see cref="DocumentSketch"/> allocates per document were garbage
/// the moment it was stored.
/// </summary>
internal sealed class SketchBatch(int maxRoom = SketchBatch.DefaultMaxRoom)
{
    /// <summary>Fingerprint room a batch may take (48 MB of fingerprints and positions); a batch of huge texts is sketched one document at a time instead.</summary>
    public const int DefaultMaxRoom = 8 << 20;

    private int[] _starts = [];
    private int[] _at = [];
    private int _used;
    private SketchHeader[] _headers = [];
    private uint[] _fingerprints = [];
    private ushort[] _positions = [];
    private uint[] _facts = [];
    private uint[] _bandKeys = [];
    private int _bands;

    /// <summary>Sizes the room for <paramref name="batch"/>; false when its texts need more than the room allowed (<see cref="DefaultMaxRoom"/> unless told).</summary>
    public bool TryPrepare(List<DocumentInput> batch, Sketcher sketcher) => TryPrepare(new InputBatch(batch), sketcher);

    /// <summary>Sizes the room for <paramref name="batch"/> by each record's bound before parsing; false when they need more than the room allowed.</summary>
    public bool TryPrepare(DocumentBatch batch, Sketcher sketcher)
    {
        int n = batch.Count;
        _bands = sketcher.Lsh.Bands;
        Ensure(ref _starts, n + 1);
        Ensure(ref _at, n);
        Ensure(ref _headers, n);
        _used = 0;
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            _starts[i] = (int)total;
            total += batch.GetMaxShingleCount(i, sketcher);
            if (total > maxRoom)
            {
                return false;
            }
        }
        _starts[n] = (int)total;
        Ensure(ref _fingerprints, (int)total);
        Ensure(ref _positions, (int)total);
        Ensure(ref _facts, n * FactHashes.MaxCount);
        Ensure(ref _bandKeys, n * _bands);
        return true;
    }

    /// <summary>Sketches document <paramref name="i"/> of the prepared batch into its slice (thread-safe across documents).</summary>
    public void Sketch(int i, DocumentInput document, Sketcher sketcher) =>
        Sketch(i, document.Text is not null ? new ParsedText(document.Text.AsSpan()) : new ParsedText(document.Utf8Text.Span), sketcher);

    /// <summary>
    /// Sketches text <paramref name="i"/> of the prepared batch (thread-safe across documents): into the calling thread's
    /// <see cref="QueryRoom"/>, then copied to the batch's next free place, so that the batch's sketches lie side by
    /// side in a few megabytes. In slices sized by each text's bound (about three times its fingerprints) they spread
    /// over tens of megabytes, and a run touched every page of them, at 13 µs a fresh page on the VM of
    /// bench/results/amd-epyc/faults-dec17.md. A text whose bound passes the thread's room is sketched in place.
    /// </summary>
    public void Sketch(int i, ParsedText text, Sketcher sketcher)
    {
        int bound = _starts[i + 1] - _starts[i];
        if (bound > QueryRoom.MaxShingles)
        {
            SketchInPlace(i, text, sketcher, Reserve(i, bound), bound);
            return;
        }
        var sketch = QueryRoom.Sketch(text, long.MaxValue, bound, sketcher);
        int at = Reserve(i, sketch.Fingerprints.Length);
        sketch.Fingerprints.CopyTo(_fingerprints.AsSpan(at));
        sketch.Positions.CopyTo(_positions.AsSpan(at));
        sketch.BandKeys.CopyTo(_bandKeys.AsSpan(i * _bands, _bands));
        sketch.Facts.CopyTo(_facts.AsSpan(i * FactHashes.MaxCount));
        _headers[i] = new SketchHeader(sketch.ContentHash, sketch.SimHash, sketch.ShingleCount, sketch.Fingerprints.Length, sketch.Facts.Length);
    }

    /// <summary>Takes the next <paramref name="count"/> places of the room for text <paramref name="i"/>; returns the first.</summary>
    private int Reserve(int i, int count) => _at[i] = Interlocked.Add(ref _used, count) - count;

    /// <summary>Sketches text <paramref name="i"/> straight into the room at <paramref name="at"/>, which has <paramref name="bound"/> places for it.</summary>
    private void SketchInPlace(int i, ParsedText text, Sketcher sketcher, int at, int bound)
    {
        var bandKeys = _bandKeys.AsSpan(i * _bands, _bands);
        var fingerprints = _fingerprints.AsSpan(at, bound);
        var positions = _positions.AsSpan(at, bound);
        var facts = _facts.AsSpan(i * FactHashes.MaxCount, FactHashes.MaxCount);
        _headers[i] = text.IsUtf16
            ? sketcher.SketchInto(text.Utf16, bandKeys, fingerprints, positions, facts)
            : sketcher.SketchInto(text.Utf8, bandKeys, fingerprints, positions, facts);
    }

    /// <summary>
    /// Sketches text <paramref name="i"/> of the prepared batch into the front of the room, where every text sketched
    /// this way goes, for <see cref="AddFrontTo"/> to copy before the next: a batch sketched and stored a document at
    /// a time (one thread) then writes and reads the same few kilobytes, which stay in cache, instead of a slice of
    /// megabytes per batch that the store reads back from memory.
    /// </summary>
    public void SketchAtFront(int i, ParsedText text, Sketcher sketcher)
    {
        int room = _starts[i + 1] - _starts[i];
        var bandKeys = _bandKeys.AsSpan(0, _bands);
        var fingerprints = _fingerprints.AsSpan(0, room);
        var positions = _positions.AsSpan(0, room);
        var facts = _facts.AsSpan(0, FactHashes.MaxCount);
        _headers[i] = text.IsUtf16
            ? sketcher.SketchInto(text.Utf16, bandKeys, fingerprints, positions, facts)
            : sketcher.SketchInto(text.Utf8, bandKeys, fingerprints, positions, facts);
    }

    /// <summary>Copies document <paramref name="i"/>'s sketch, which <see cref="SketchAtFront"/> wrote, into <paramref name="store"/>; returns its slot.</summary>
    public int AddFrontTo(SketchStore store, int i, string id, long dateTicks)
    {
        var h = _headers[i];
        return store.Add(id, dateTicks, h.ContentHash, h.SimHash, h.ShingleCount, _bandKeys.AsSpan(0, _bands),
            _fingerprints.AsSpan(0, h.FingerprintCount), _positions.AsSpan(0, h.FingerprintCount), _facts.AsSpan(0, h.FactCount));
    }

    /// <summary>Copies document <paramref name="i"/>'s sketch into <paramref name="store"/>; returns its slot.</summary>
    public int AddTo(SketchStore store, int i, string id, long dateTicks)
    {
        var h = _headers[i];
        return store.Add(id, dateTicks, h.ContentHash, h.SimHash, h.ShingleCount, _bandKeys.AsSpan(i * _bands, _bands),
            _fingerprints.AsSpan(_at[i], h.FingerprintCount), _positions.AsSpan(_at[i], h.FingerprintCount),
            _facts.AsSpan(i * FactHashes.MaxCount, h.FactCount));
    }

    /// <summary>
    /// Makes <paramref name="array"/> hold <paramref name="length"/>, uninitialized (a place is written before it is
    /// read): the room is sized by the texts' bounds, and the pages past what the batches fill are then never touched.
    /// </summary>
    private static void Ensure<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = GC.AllocateUninitializedArray<T>(Math.Max(length, array.Length * 2));
        }
    }
}
