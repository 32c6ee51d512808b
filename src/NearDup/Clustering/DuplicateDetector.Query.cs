namespace NearDup.Clustering;

/// <summary>Queries in batches: the CLI's <c>neardup query</c> path.</summary>
public sealed partial class DuplicateDetector
{
    /// <summary>
    /// Queries every record of <paramref name="batch"/> on up to <paramref name="parallel"/>'s threads, each parsed,
    /// sketched into <paramref name="room"/> and queried by one thread, so no text or sketch is allocated per record:
    /// <paramref name="results"/>[i] gets record i's matches (what <see cref="Query(ReadOnlySpan{byte})"/> returns), or
    /// null for a record with no text (blank or bad, which the batch's <see cref="DocumentBatch.Commit"/> reports).
    /// </summary>
    internal void QueryBatch(DocumentBatch batch, SketchBatch room, IReadOnlyList<QueryMatch>?[] results, ParallelOptions parallel)
    {
        var index = CurrentIndex(parallel.CancellationToken);
        try
        {
            if (batch.Count == 0)
            {
                return;
            }
            if (room.TryPrepare(batch, _sketcher))
            {
                Parallel.For(0, batch.Count, parallel, i =>
                {
                    results[i] = null;
                    if (batch.TryParse(i, out var text))
                    {
                        room.Sketch(i, text, _sketcher);
                        results[i] = index.Query(room.QuerySketch(i));
                    }
                });
                return;
            }
            // Texts too large to share a room: each sketched on its own, as a single query is.
            Parallel.For(0, batch.Count, parallel, i =>
            {
                results[i] = !batch.TryParse(i, out var text) ? null
                    : index.Query(text.IsUtf16 ? _sketcher.Sketch("", text.Utf16, long.MaxValue) : _sketcher.Sketch("", text.Utf8, long.MaxValue));
            });
        }
        finally
        {
            batch.Sketched();
        }
    }
}
