using System.Text.Encodings.Web;
using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Dedup;

/// <summary>
/// Copies the kept elements of a JSON array: as a JSON array, each element's bytes as in the input (white space inside
/// it included), one a line; as JSONL, each element on one line: its bytes when it already is one line, else written
/// again compactly (the same fields in the same order, the same values; numbers keep their digits, strings may be
/// escaped differently). Elements are matched by their place in the array, as the first pass numbered them
/// (<c>FILE[N]</c>), and each kept one's id is checked.
/// </summary>
internal sealed class JsonArrayCopier(string input, InputOptions options, DedupFormat format) : IRecordCopier
{
    private static readonly JsonWriterOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CopyCount Copy(IReadOnlyList<RecordPosition> records, DedupResult result, string outPath, CancellationToken cancellationToken)
    {
        var count = default(CopyCount);
        OutputFile.Write("--out", outPath, stream =>
            count = KeptStream.Write(stream, outPath, target => CopyElements(records, result, new JsonRecordSink(target, format == DedupFormat.Json), cancellationToken)));
        return count;
    }

    private CopyCount CopyElements(IReadOnlyList<RecordPosition> records, DedupResult result, JsonRecordSink target, CancellationToken cancellationToken)
    {
        using var source = InputBytes.OpenText(input);
        long index = 0, written = 0, writtenBytes = 0, removedBytes = 0;
        int next = 0;
        var compact = new MemoryStream();
        foreach (var element in DocumentReader.ArrayElements(source, input, options.MaxDocumentBytes))
        {
            index++;
            if (next == records.Count || Index(records[next]) != index)
            {
                continue;
            }
            var record = records[next++];
            if (!result.IsKept(record.Id))
            {
                removedBytes += element.Length;
                continue;
            }
            JsonRecordId.Check(element.Span, options.IdField, record, $"{input}[{index}]");
            target.Write(format == DedupFormat.Json || element.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0 ? element.Span : Compact(element, compact));
            written++;
            writtenBytes += element.Length;
            cancellationToken.ThrowIfCancellationRequested();
        }
        target.End();
        return next == records.Count ? new CopyCount(written, writtenBytes, removedBytes)
            : throw new InputException($"{input}: has {index:N0} elements on the second read, fewer than the first pass read (document '{records[next].Id}'): the file changed while dedup ran.");
    }

    /// <summary>The element written again on one line.</summary>
    private static ReadOnlySpan<byte> Compact(ReadOnlyMemory<byte> element, MemoryStream buffer)
    {
        buffer.SetLength(0);
        using (var document = JsonDocument.Parse(element, new JsonDocumentOptions { MaxDepth = DocumentReader.JsonOptions.MaxDepth }))
        using (var json = new Utf8JsonWriter(buffer, s_compact))
        {
            document.RootElement.WriteTo(json);
        }
        return buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
    }

    /// <summary>The element's place from 1, from the name the first pass gave it (<c>FILE[N]</c>).</summary>
    private static long Index(RecordPosition record)
    {
        int open = record.Source.LastIndexOf('[');
        return long.Parse(record.Source.AsSpan(open + 1, record.Source.Length - open - 2), System.Globalization.CultureInfo.InvariantCulture);
    }
}
