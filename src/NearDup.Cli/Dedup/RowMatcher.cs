using NearDup.Cli.Input;
using NearDup.Clustering;

namespace NearDup.Cli.Dedup;

/// <summary>
/// Matches a Parquet file's rows, a row group at a time, with the documents the first pass read (numbered by row from
/// 1 across the file, <c>FILE row N</c>): which rows are kept, with each kept row's id checked. A row the first pass
/// skipped (<c>--skip-invalid</c>) is not kept.
/// </summary>
internal sealed class RowMatcher(IReadOnlyList<RecordPosition> records, DedupResult result, string input)
{
    private int _next;
    private long _row;
    private long _written;
    private long _removed;

    /// <summary>Which of the next <paramref name="count"/> rows are kept; <paramref name="ids"/> gives their ids when asked.</summary>
    public bool[] Next(long count, Func<string?[]> ids)
    {
        var kept = new bool[checked((int)count)];
        string?[]? groupIds = null;
        for (int i = 0; i < kept.Length; i++)
        {
            _row++;
            if (_next == records.Count || Row(records[_next]) != _row)
            {
                continue;
            }
            var record = records[_next++];
            if (!result.IsKept(record.Id))
            {
                _removed++;
                continue;
            }
            groupIds ??= ids();
            if (groupIds[i] != record.Id)
            {
                throw new InputException($"{input} row {_row}: holds id '{groupIds[i]}' on the second read, where the first read '{record.Id}': the file changed while dedup ran.");
            }
            kept[i] = true;
            _written++;
        }
        return kept;
    }

    /// <summary>The count, once every row was read; bytes are the file's, shared by rows (a row's own bytes are not known in Parquet).</summary>
    public CopyCount End(long fileBytes)
    {
        if (_next < records.Count)
        {
            throw new InputException($"{input}: has {_row:N0} rows on the second read, fewer than the first pass read (document '{records[_next].Id}'): the file changed while dedup ran.");
        }
        long rows = Math.Max(1, _written + _removed);
        return new CopyCount(_written, fileBytes * _written / rows, fileBytes * _removed / rows);
    }

    private static long Row(RecordPosition record)
    {
        int at = record.Source.LastIndexOf(" row ", StringComparison.Ordinal);
        return long.Parse(record.Source.AsSpan(at + 5), System.Globalization.CultureInfo.InvariantCulture);
    }
}
