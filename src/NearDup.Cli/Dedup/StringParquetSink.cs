using NearDup.Cli.Input;
using Parquet;
using Parquet.Schema;

namespace NearDup.Cli.Dedup;

/// <summary>
/// Writes CSV or TSV rows as Parquet: a required string column per header name, in the header's order (CSV has no
/// types, so every value stays the string it was; an empty field is an empty string), in row groups of
/// <see cref="RowsPerGroup"/> rows.
/// </summary>
internal sealed class StringParquetSink : IDisposable
{
    /// <summary>Rows per row group: a reader holds one group's texts at a time.</summary>
    public const int RowsPerGroup = 10_000;

    private readonly DataField<string>[] _fields;
    private readonly SyncDisposable<ParquetWriter> _writer;
    private readonly List<string[]> _rows = [];
    private bool _anyGroup;

    public StringParquetSink(Stream target, string[] header, string input)
    {
        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InputException($"--output-format parquet: {input} has the column \"{twice.Key}\" twice in its header; Parquet needs each column once.");
        }
        _fields = [.. header.Select(h => new DataField<string>(h))];
        _writer = new SyncDisposable<ParquetWriter>(ParquetWriter.CreateAsync(new ParquetSchema(_fields), target, null, false, CancellationToken.None).GetAwaiter().GetResult());
    }

    public void Add(string[] fields)
    {
        _rows.Add(fields);
        if (_rows.Count == RowsPerGroup)
        {
            Flush();
        }
    }

    /// <summary>Writes the last rows; a file with no rows still gets one row group, so that readers see its columns.</summary>
    public void End()
    {
        if (_rows.Count > 0 || !_anyGroup)
        {
            Flush();
        }
    }

    public void Dispose() => _writer.Dispose();

    private void Flush()
    {
        using (var group = _writer.Value.CreateRowGroup())
        {
            for (int c = 0; c < _fields.Length; c++)
            {
                group.WriteAsync(_fields[c], _rows.Select(r => c < r.Length ? r[c] : "").ToArray(), null).GetAwaiter().GetResult();
            }
        }
        _rows.Clear();
        _anyGroup = true;
    }
}
