using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using nietras.SeparatedValues;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Dedup;

/// <summary>
/// Copies the kept rows of a CSV or TSV file. In its own format: the header line, then each kept row's text as in the
/// input (its quotes, and the line breaks inside quoted fields, as they are), each row ended by <c>\n</c>. Between CSV
/// and TSV: the same fields, quoted where the other separator needs it. As JSONL or JSON: an object a row, the header's
/// names as keys and every value a string, as CSV holds them; as Parquet, a string column a header name
/// (<see cref="StringParquetSink"/>). Rows are matched by the line they start on, as the
/// first pass numbered them, and each kept row's id is checked.
/// </summary>
internal sealed class CsvCopier(string input, InputOptions options, char separator, DedupFormat format) : IRecordCopier
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CopyCount Copy(IReadOnlyList<RecordPosition> records, DedupResult result, string outPath, CancellationToken cancellationToken)
    {
        var count = default(CopyCount);
        OutputFile.Write("--out", outPath, stream => count = KeptStream.Write(stream, outPath, target => CopyRows(records, result, target, cancellationToken)));
        return count;
    }

    private CopyCount CopyRows(IReadOnlyList<RecordPosition> records, DedupResult result, Stream target, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(new Utf8CheckingStream(InputBytes.OpenText(input)), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        using var reader = Sep.New(separator).Reader(o => o with { HasHeader = false, Unescape = false, DisableColCountCheck = true }).From(text);
        using var output = new StreamWriter(target, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var json = format is DedupFormat.Jsonl or DedupFormat.Json ? new JsonRecordSink(target, format == DedupFormat.Json) : null;
        if (!Next(reader))
        {
            throw Changed("is empty");
        }
        string[] header = Fields(reader.Current);
        int idColumn = Array.IndexOf(header, options.IdField);
        using var parquet = format == DedupFormat.Parquet ? new StringParquetSink(target, header, input) : null;
        if (json is null && parquet is null)
        {
            WriteRow(output, reader.Current, header);
        }
        long written = 0, writtenBytes = 0, removedBytes = 0;
        int next = 0;
        var buffer = new MemoryStream();
        while (next < records.Count && Next(reader))
        {
            var row = reader.Current;
            if (row.LineNumberFrom != records[next].Line)
            {
                continue;
            }
            var record = records[next++];
            long bytes = Encoding.UTF8.GetByteCount(row.Span) + 1;
            if (!result.IsKept(record.Id))
            {
                removedBytes += bytes;
                continue;
            }
            string[] fields = Fields(row);
            if (idColumn < 0 || idColumn >= fields.Length || fields[idColumn] != record.Id)
            {
                throw Changed($"holds id '{(idColumn >= 0 && idColumn < fields.Length ? fields[idColumn] : "")}' at line {row.LineNumberFrom} on the second read, where the first read '{record.Id}'");
            }
            if (parquet is not null)
            {
                parquet.Add(fields);
            }
            else if (json is null)
            {
                WriteRow(output, row, fields);
            }
            else
            {
                json.Write(Object(header, fields, buffer));
            }
            written++;
            writtenBytes += bytes;
            cancellationToken.ThrowIfCancellationRequested();
        }
        output.Flush();
        json?.End();
        parquet?.End();
        return next == records.Count ? new CopyCount(written, writtenBytes, removedBytes)
            : throw Changed($"ended before line {records[next].Line:N0} (document '{records[next].Id}')");
    }

    private InputException Changed(string what) => new($"{input}: {what}: the file changed while dedup ran.");

    private bool Next(SepReader reader)
    {
        try
        {
            return reader.MoveNext();
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"{input}: {e.Message.TrimEnd('.')}.");
        }
    }

    /// <summary>A row in the output's separated format: its text as read for the same separator, else its fields quoted for the other.</summary>
    private void WriteRow(StreamWriter output, SepReader.Row row, string[] fields)
    {
        char target = format == DedupFormat.Tsv ? '\t' : ',';
        if (target == separator)
        {
            output.Write(row.Span);
        }
        else
        {
            output.Write(string.Join(target, fields.Select(f => Quote(f, target))));
        }
        output.Write('\n');
    }

    /// <summary>A field as RFC 4180 writes it: in double quotes (doubled inside) when it holds the separator, a quote or a line break.</summary>
    internal static string Quote(string field, char separator) =>
        field.AsSpan().IndexOfAny(separator, '"', '\n') < 0 && !field.Contains('\r', StringComparison.Ordinal) ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The row's fields, unquoted: a field in double quotes loses them, and a doubled quote inside is one.</summary>
    private static string[] Fields(SepReader.Row row)
    {
        var fields = new string[row.ColCount];
        for (int i = 0; i < fields.Length; i++)
        {
            var span = row[i].Span;
            fields[i] = span.Length >= 2 && span[0] == '"' && span[^1] == '"' ? span[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : span.ToString();
        }
        return fields;
    }

    private static ReadOnlySpan<byte> Object(string[] header, string[] fields, MemoryStream buffer)
    {
        buffer.SetLength(0);
        using (var json = new Utf8JsonWriter(buffer, s_json))
        {
            json.WriteStartObject();
            for (int i = 0; i < header.Length; i++)
            {
                json.WriteString(header[i], i < fields.Length ? fields[i] : "");
            }
            json.WriteEndObject();
        }
        return buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
    }
}
