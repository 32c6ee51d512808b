using System.Text;
using nietras.SeparatedValues;
using NearDup.Clustering;

namespace NearDup.Cli.Input;

/// <summary>
/// Reading CSV or TSV with a header row (RFC 4180 quoting: a field in double quotes may hold the separator, line breaks
/// and doubled quotes) with Sep. The id, text and date columns are chosen by header name (<c>--id-field</c>,
/// <c>--text-field</c>, <c>--date-field</c>; a date column is optional). A missing column stops the read naming the
/// columns there are; a row with a different number of fields than the header, or a quote left open, is a bad document
/// named by its first line (skippable with <c>--skip-invalid</c>).
/// </summary>
internal sealed partial class DocumentReader
{
    /// <summary>Where the chosen columns are in a row; <see cref="Date"/> is -1 without a date column.</summary>
    private readonly record struct CsvColumns(int Id, int Text, int Date, int Count);

    private IEnumerable<DocumentInput> ReadCsv(Stream stream, string name, char separator)
    {
        using (stream)
        {
            using var reader = OpenCsv(stream, name, separator);
            var columns = FindCsvColumns(reader.Header, name, separator);
            while (NextCsvRow(reader, name))
            {
                if (Commit(ParseCsvRow(reader.Current, name, columns)) is { } document)
                {
                    yield return document;
                }
            }
        }
    }

    private static SepReader OpenCsv(Stream stream, string name, char separator)
    {
        try
        {
            // Invalid UTF-8 is refused, as in JSONL and text files, not decoded into U+FFFD.
            var text = new StreamReader(new Utf8CheckingStream(stream), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
            return Sep.New(separator).Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new InputException($"{name}: {e.Message.TrimEnd('.')}.");
        }
    }

    private static bool NextCsvRow(SepReader reader, string name)
    {
        try
        {
            return reader.MoveNext();
        }
        catch (InvalidDataException e)
        {
            // A compressed file cut short or damaged, or a row Sep cannot parse.
            throw new InputException($"{name}: {e.Message.TrimEnd('.')}.");
        }
    }

    private CsvColumns FindCsvColumns(SepReaderHeader header, string name, char separator)
    {
        int Find(string column, string flag)
        {
            if (header.TryIndexOf(column, out int index))
            {
                return index;
            }
            string kind = separator == '\t' ? "TSV" : "CSV";
            throw new InputException($"{name}: no column \"{column}\" ({flag}) in the {kind} header; its columns are: "
                + string.Join(", ", header.ColNames.Select(c => $"\"{c}\"")) + $". Choose one with {flag}.");
        }
        int id = Find(_options.IdField, "--id-field");
        int text = Find(_options.TextField, "--text-field");
        int date = header.TryIndexOf(_options.DateField, out int found) ? found : -1;
        return new CsvColumns(id, text, date, header.ColNames.Count);
    }

    /// <summary>One row as a document, or the problem with it, named by the row's first line in the file.</summary>
    private Parsed ParseCsvRow(SepReader.Row row, string name, CsvColumns columns)
    {
        long line = row.LineNumberFrom;
        var span = row.Span;
        if (row.ColCount == 1 && span.Trim().IsEmpty)
        {
            return new Parsed(name, line);
        }
        if (span.Count('"') % 2 != 0)
        {
            return new Parsed(name, line, Problem: "a quoted field is not closed: its closing double quote is missing");
        }
        if (row.ColCount != columns.Count)
        {
            return new Parsed(name, line, Problem: $"{row.ColCount} fields, but the header has {columns.Count} "
                + "(a field that holds the separator, a double quote or a line break must be in double quotes)");
        }
        string id = row[columns.Id].ToString();
        if (string.IsNullOrWhiteSpace(id))
        {
            return new Parsed(name, line, Problem: $"column \"{_options.IdField}\" is empty");
        }
        var chars = row[columns.Text].Span;
        byte[] text = new byte[Encoding.UTF8.GetByteCount(chars)];
        Encoding.UTF8.GetBytes(chars, text);
        DateTimeOffset? date = null;
        if (columns.Date >= 0 && !row[columns.Date].Span.Trim().IsEmpty)
        {
            date = ParseDate(row[columns.Date].ToString());
            if (date is null)
            {
                return new Parsed(name, line, Problem: $"column \"{_options.DateField}\" is not an ISO 8601 date");
            }
        }
        string? problem = Check(id, text);
        return problem is null ? new Parsed(name, line, new DocumentInput(id, text, date)) : new Parsed(name, line, Problem: problem);
    }
}
