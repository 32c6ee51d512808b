namespace NearDup.Clustering;

/// <summary>Queries in batches: the CLI's <c>neardup query</c> path.</summary>
public sealed partial class DuplicateDetector
{
    /// <summary>
    /// Queries every record of <paramref name="batch"/> on up to <paramref name="parallel"/>'s threads, each parsed,
    /// sketched into the thread's <see cref="QueryRoom"/> and queried by one thread, so no text or sketch is allocated per
    /// record: <paramref name="results"/>[i] gets record i's matches (what <see cref="Query(ReadOnlySpan{byte}, DateTimeOffset?)"/>
    /// returns for the record's text and date), or null for a record with no text (blank or bad, which the batch's <see cref="DocumentBatch.Commit"/> reports).
    /// </summary>
    internal void QueryBatch(DocumentBatch batch, IReadOnlyList<QueryMatch>?[] results, ParallelOptions parallel)
    {
        var index = CurrentIndex(parallel.CancellationToken);
        try
        {
            if (batch.Count == 0)
            {
                return;
            }
            Parallel.For(0, batch.Count, parallel, i =>
            {
                results[i] = null;
                if (batch.TryParse(i, out var text))
                {
                    results[i] = QueryParsed(index, text, batch.DateTicks(i));
                }
            });
        }
        finally
        {
            batch.Sketched();
        }
    }

    /// <summary>
    /// The matches of a parsed text dated <paramref name="dateTicks"/> (<see cref="long.MaxValue"/> when undated), sketched
    /// in the thread's room, or on its own when too long for it.
    /// </summary>
    private IReadOnlyList<QueryMatch> QueryParsed(ClusterIndex index, ParsedText text, long dateTicks)
    {
        int maxShingles = text.IsUtf16 ? _sketcher.GetMaxShingleCount(text.Utf16.Length) : _sketcher.GetMaxShingleCountUtf8(text.Utf8.Length);
        if (maxShingles > QueryRoom.MaxShingles)
        {
            return index.Query(text.IsUtf16 ? _sketcher.Sketch("", text.Utf16, dateTicks) : _sketcher.Sketch("", text.Utf8, dateTicks));
        }
        return index.Query(QueryRoom.Sketch(text, dateTicks, maxShingles, _sketcher));
    }
}
