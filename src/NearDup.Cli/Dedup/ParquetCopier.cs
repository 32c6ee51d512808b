using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Clustering;
using Parquet;
using Parquet.Schema;

namespace NearDup.Cli.Dedup;

/// <summary>
/// Copies the kept rows of a Parquet file. As Parquet: the input's schema, every column (nested and list columns
/// too), the kept rows of each input row group as one output row group (a row group left with none is dropped). As
/// JSONL or JSON: an object a row, typed (<see cref="ParquetValues.Write"/>); a schema with nested or list columns is
/// refused there, since JSON would need its own shape for them. Rows are matched by their number across the file, as
/// the first pass numbered them (<c>FILE row N</c>), and each kept row's id is checked.
/// </summary>
internal sealed class ParquetCopier(string input, InputOptions options, DedupFormat format) : IRecordCopier
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CopyCount Copy(IReadOnlyList<RecordPosition> records, DedupResult result, string outPath, CancellationToken cancellationToken)
    {
        var count = default(CopyCount);
        OutputFile.Write("--out", outPath, stream => count = Parquet(() =>
            format == DedupFormat.Parquet ? CopyParquet(records, result, stream, cancellationToken)
                : KeptStream.Write(stream, outPath, target => CopyJson(records, result, new JsonRecordSink(target, format == DedupFormat.Json), cancellationToken))));
        return count;
    }

    /// <summary>The copier, once the schema is checked for what it can write: JSON takes only flat columns.</summary>
    public static ParquetCopier Checked(string input, InputOptions options, DedupFormat format)
    {
        if (format != DedupFormat.Parquet)
        {
            CheckFlat(input, format);
        }
        return new ParquetCopier(input, options, format);
    }

    private static void CheckFlat(string input, DedupFormat format)
    {
        using var file = File.OpenRead(input);
        using var reader = new SyncDisposable<ParquetReader>(Parquet(() => ParquetValues.Open(file).GetAwaiter().GetResult()));
        var fields = reader.Value.Schema.GetDataFields();
        if (fields.FirstOrDefault(f => f.Path.ToList().Count > 1 || f.MaxRepetitionLevel > 0) is { } nested)
        {
            throw new InputException($"--output-format {KeptStream.Name(format)}: {input} has the nested or list column \"{string.Join('.', nested.Path.ToList())}\", "
                + "which dedup carries only into Parquet: use --output-format parquet.");
        }
    }

    private CopyCount CopyParquet(IReadOnlyList<RecordPosition> records, DedupResult result, Stream target, CancellationToken cancellationToken)
    {
        using var file = File.OpenRead(input);
        using var reader = new SyncDisposable<ParquetReader>(ParquetValues.Open(file).GetAwaiter().GetResult());
        var fields = reader.Value.Schema.GetDataFields();
        using var writer = new SyncDisposable<ParquetWriter>(ParquetWriter.CreateAsync(reader.Value.Schema, target, null, false, cancellationToken).GetAwaiter().GetResult());
        var rows = new RowMatcher(records, result, input);
        bool anyGroup = false;
        for (int g = 0; g < reader.Value.RowGroupCount; g++)
        {
            using var group = reader.Value.OpenRowGroupReader(g);
            bool[] kept = rows.Next(group.RowCount, Ids(reader.Value, group));
            if (!kept.Contains(true) && (anyGroup || g < reader.Value.RowGroupCount - 1))
            {
                continue;
            }
            anyGroup = true;
            using var output = writer.Value.CreateRowGroup();
            foreach (var field in fields)
            {
                ParquetValues.CopyColumn(group, output, field, kept);
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        if (reader.Value.RowGroupCount == 0)
        {
            using var empty = writer.Value.CreateRowGroup();
            foreach (var field in fields)
            {
                ParquetValues.CopyColumn(null, empty, field, []);
            }
        }
        return rows.End(new FileInfo(input).Length);
    }

    private CopyCount CopyJson(IReadOnlyList<RecordPosition> records, DedupResult result, JsonRecordSink target, CancellationToken cancellationToken)
    {
        using var file = File.OpenRead(input);
        using var reader = new SyncDisposable<ParquetReader>(ParquetValues.Open(file).GetAwaiter().GetResult());
        var fields = reader.Value.Schema.GetDataFields();
        var rows = new RowMatcher(records, result, input);
        var buffer = new MemoryStream();
        for (int g = 0; g < reader.Value.RowGroupCount; g++)
        {
            using var group = reader.Value.OpenRowGroupReader(g);
            bool[] kept = rows.Next(group.RowCount, Ids(reader.Value, group));
            var columns = fields.Select(f => ParquetValues.ReadFlat(group, f)).ToArray();
            for (int row = 0; row < kept.Length; row++)
            {
                if (kept[row])
                {
                    target.Write(Object(fields, columns, row, buffer));
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        target.End();
        return rows.End(new FileInfo(input).Length);
    }

    /// <summary>The ids of a row group, read when asked, to check against the first pass's.</summary>
    private Func<string?[]> Ids(ParquetReader reader, ParquetRowGroupReader group) => () =>
    {
        var field = reader.Schema.GetDataFields().First(f => string.Join('.', f.Path.ToList()) == options.IdField);
        return [.. ParquetValues.ReadFlat(group, field).Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture))];
    };

    private static ReadOnlySpan<byte> Object(DataField[] fields, object?[][] columns, int row, MemoryStream buffer)
    {
        buffer.SetLength(0);
        using (var json = new Utf8JsonWriter(buffer, s_json))
        {
            json.WriteStartObject();
            for (int c = 0; c < fields.Length; c++)
            {
                json.WritePropertyName(fields[c].Name);
                ParquetValues.Write(json, columns[c][row]);
            }
            json.WriteEndObject();
        }
        return buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
    }

    /// <summary>Runs a Parquet.Net call; what it throws on a damaged file becomes an error naming it.</summary>
    private static T Parquet<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not (InputException or OutOfMemoryException or OperationCanceledException))
        {
            throw new InputException($"Parquet on the second pass: {e.Message}");
        }
    }
}
