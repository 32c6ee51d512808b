using System.Text;
using NearDup.Clustering;
using Parquet;
using Parquet.Schema;

namespace NearDup.Cli.Input;

/// <summary>
/// Reading Parquet with Parquet.Net, the shape Hugging Face datasets and datatrove write: a string text column and an
/// id column of strings or integers, chosen by <c>--text-field</c> and <c>--id-field</c> (a path such as
/// <c>meta.body</c> names a field of a struct column). The file is read a row group at a time, and of each row group only
/// the chosen columns (and a string date column named by <c>--date-field</c>, if there is one), so memory holds one
/// row group's ids and texts, never the whole file. A null text or id is a bad
/// document named by its row (from 1 across the file): an error, or with <c>--skip-invalid</c> a counted skip.
/// </summary>
internal sealed partial class DocumentReader
{
    private IEnumerable<DocumentInput> ReadParquet(string path)
    {
        using var file = OpenFile(path);
        var reader = Parquet(path, () => ParquetReader.CreateAsync(file, null, leaveStreamOpen: true).GetAwaiter().GetResult());
        try
        {
            var id = FindParquetField(reader.Schema, path, _options.IdField, "--id-field");
            var text = FindParquetField(reader.Schema, path, _options.TextField, "--text-field");
            CheckParquetType(id, path, "--id-field", typeof(ReadOnlyMemory<char>), typeof(long), typeof(int));
            CheckParquetType(text, path, "--text-field", typeof(ReadOnlyMemory<char>));
            var date = OptionalParquetField(reader.Schema, _options.DateField);
            if (date is not null)
            {
                CheckParquetType(date, path, "--date-field", typeof(ReadOnlyMemory<char>));
            }
            long row = 0;
            long bytesPerGroup = file.Length / Math.Max(1, reader.RowGroupCount);
            for (int group = 0; group < reader.RowGroupCount; group++)
            {
                var (ids, texts, dates) = Parquet(path, () => ReadRowGroup(reader, group, id, text, date));
                AddBytesRead(group == reader.RowGroupCount - 1 ? file.Length - (bytesPerGroup * group) : bytesPerGroup);
                for (int i = 0; i < ids.Length; i++)
                {
                    row++;
                    if (Commit(ParquetRow(path, row, ids[i], texts[i], dates?[i])) is { } document)
                    {
                        yield return document;
                    }
                }
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read ({e.Message}).");
        }
    }

    /// <summary>Runs a Parquet.Net call; what it throws on a damaged or cut file becomes an error naming the file.</summary>
    private static T Parquet<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not (InputException or OutOfMemoryException or OperationCanceledException))
        {
            throw new InputException($"{path}: corrupt or truncated Parquet ({e.Message.TrimEnd('.')}); copy or export the file again.");
        }
    }

    /// <summary>The data field at a dotted path (<c>meta.body</c> is the field <c>body</c> of the struct <c>meta</c>), or null.</summary>
    private static DataField? OptionalParquetField(ParquetSchema schema, string name) =>
        schema.GetDataFields().FirstOrDefault(f => string.Join('.', f.Path.ToList()) == name);

    private static DataField FindParquetField(ParquetSchema schema, string path, string name, string flag)
    {
        var fields = schema.GetDataFields();
        return OptionalParquetField(schema, name) ?? throw new InputException($"{path}: no column \"{name}\" ({flag}) in the Parquet schema; its columns are: "
            + string.Join(", ", fields.Select(f => $"\"{string.Join('.', f.Path.ToList())}\"")) + $". Choose one with {flag}.");
    }

    private static void CheckParquetType(DataField field, string path, string flag, params Type[] accepted)
    {
        string name = string.Join('.', field.Path.ToList());
        if (field.MaxRepetitionLevel > 0)
        {
            throw new InputException($"{path}: column \"{name}\" ({flag}) is a list; it must hold one value a row.");
        }
        if (!accepted.Contains(field.ClrType))
        {
            string want = accepted.Length > 1 ? "a string or an integer" : "a string";
            string got = field.ClrType == typeof(ReadOnlyMemory<char>) ? "string" : field.ClrType.Name;
            throw new InputException($"{path}: column \"{name}\" ({flag}) holds {got} values; it must be {want}.");
        }
    }

    private static (string?[] Ids, string?[] Texts, string?[]? Dates) ReadRowGroup(ParquetReader reader, int group, DataField id, DataField text, DataField? date)
    {
        using var rows = reader.OpenRowGroupReader(group);
        return (ReadColumn(rows, id), ReadColumn(rows, text), date is null ? null : ReadColumn(rows, date));
    }

    /// <summary>
    /// One column of a row group as strings, null where the row has none. The values come packed (one per non-null
    /// row); a row's definition level below the field's maximum marks a null (in it or in a struct above it).
    /// </summary>
    private static string?[] ReadColumn(ParquetRowGroupReader rows, DataField field)
    {
        int count = checked((int)rows.RowCount);
        int[] levels = new int[count];
        var result = new string?[count];
        if (field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var values = new ReadOnlyMemory<char>[count];
            rows.ReadRawAsync(field, values.AsMemory(), levels.AsMemory(), null).AsTask().GetAwaiter().GetResult();
            Unpack(field, levels, result, k => values[k].ToString());
        }
        else if (field.ClrType == typeof(long))
        {
            var values = new long[count];
            rows.ReadRawAsync(field, values.AsMemory(), levels.AsMemory(), null).AsTask().GetAwaiter().GetResult();
            Unpack(field, levels, result, k => values[k].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            var values = new int[count];
            rows.ReadRawAsync(field, values.AsMemory(), levels.AsMemory(), null).AsTask().GetAwaiter().GetResult();
            Unpack(field, levels, result, k => values[k].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return result;
    }

    private static void Unpack(DataField field, int[] levels, string?[] result, Func<int, string> value)
    {
        for (int i = 0, k = 0; i < result.Length; i++)
        {
            result[i] = field.MaxDefinitionLevel == 0 || levels[i] == field.MaxDefinitionLevel ? value(k++) : null;
        }
    }

    private Parsed ParquetRow(string path, long row, string? id, string? text, string? dateText)
    {
        string source = $"{path} row {row}";
        DateTimeOffset? date = string.IsNullOrWhiteSpace(dateText) ? null : ParseDate(dateText);
        string? problem = id is null ? $"column \"{_options.IdField}\" is null"
            : string.IsNullOrWhiteSpace(id) ? $"column \"{_options.IdField}\" is empty"
            : text is null ? $"column \"{_options.TextField}\" is null (document '{id}')"
            : date is null && !string.IsNullOrWhiteSpace(dateText) ? $"column \"{_options.DateField}\" is not an ISO 8601 date"
            : null;
        if (problem is not null)
        {
            return new Parsed(source, 0, Problem: problem);
        }
        byte[] utf8 = Encoding.UTF8.GetBytes(text!);
        problem = Check(id!, utf8);
        return problem is null ? new Parsed(source, 0, new DocumentInput(id!, utf8, date)) : new Parsed(source, 0, Problem: problem);
    }
}
