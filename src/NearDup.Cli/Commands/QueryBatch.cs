using NearDup.Clustering;

namespace NearDup.Cli.Commands;

/// <summary>
/// The querying half of <c>neardup query</c> for one input batch at a time: its records parsed, sketched and queried on
/// all cores (<see cref="DuplicateDetector.QueryBatch"/>), then committed in input order, where a bad record stops the
/// run or is skipped exactly as the reader decides for <c>cluster</c>.
/// </summary>
internal sealed class QueryBatch
{
    private IReadOnlyList<QueryMatch>?[] _results = [];

    /// <summary>Queries every record of <paramref name="batch"/> on up to <paramref name="parallel"/>'s threads.</summary>
    public void Query(DuplicateDetector detector, DocumentBatch batch, ParallelOptions parallel)
    {
        if (_results.Length < batch.Count)
        {
            _results = new IReadOnlyList<QueryMatch>?[Math.Max(batch.Count, 2 * _results.Length)];
        }
        detector.QueryBatch(batch, _results, parallel);
    }

    /// <summary>
    /// Commits the queried batch's records in order, adding each document taken, with its matches, to
    /// <paramref name="lines"/>; throws at a record that stops the run, or after the last one for what ended the read.
    /// </summary>
    public void Commit(DocumentBatch batch, List<QueryLine> lines)
    {
        try
        {
            for (int i = 0; i < batch.Count; i++)
            {
                if (batch.Commit(i))
                {
                    lines.Add(new QueryLine(batch.Id(i), _results[i]!));
                }
            }
        }
        finally
        {
            Array.Clear(_results, 0, batch.Count);
        }
        batch.End();
    }
}
