using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Dedup;

/// <summary>
/// Copies the kept lines of a JSONL file, plain or gzip-compressed, byte for byte: each line's bytes as read, then
/// <c>\n</c> (a <c>\r\n</c> ending and a UTF-8 byte order mark are not carried over), or as the elements of a JSON
/// array (<c>--output-format json</c>). The output is compressed as its name says (<see cref="KeptStream"/>). Lines
/// are counted as the first pass counted them, and each kept line's id is checked against the first pass, so an input
/// changed in between stops the copy.
/// </summary>
internal sealed class JsonLinesCopier(string input, InputOptions options, DedupFormat format) : IRecordCopier
{
    public CopyCount Copy(IReadOnlyList<RecordPosition> records, DedupResult result, string outPath, CancellationToken cancellationToken)
    {
        var count = default(CopyCount);
        OutputFile.Write("--out", outPath, stream =>
            count = KeptStream.Write(stream, outPath, target => CopyLines(records, result, new JsonRecordSink(target, format == DedupFormat.Json), cancellationToken)));
        return count;
    }

    private CopyCount CopyLines(IReadOnlyList<RecordPosition> records, DedupResult result, JsonRecordSink target, CancellationToken cancellationToken)
    {
        using var source = InputBytes.Open(input);
        var lines = new LineReader(source, options.MaxDocumentBytes + 4096);
        long lineNumber = 0, written = 0, writtenBytes = 0, removedBytes = 0;
        int next = 0;
        while (next < records.Count && ReadLine(lines, out var line))
        {
            lineNumber++;
            if (records[next].Line != lineNumber)
            {
                continue;
            }
            var record = records[next++];
            var bytes = lineNumber == 1 && line.Span.StartsWith("\uFEFF"u8) ? line[3..] : line;
            if (!result.IsKept(record.Id))
            {
                removedBytes += bytes.Length + 1;
                continue;
            }
            JsonRecordId.Check(bytes.Span, options.IdField, record, $"{input}:{lineNumber}");
            target.Write(bytes.Span);
            written++;
            writtenBytes += bytes.Length + 1;
            if ((written & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        target.End();
        return next == records.Count ? new CopyCount(written, writtenBytes, removedBytes)
            : throw new InputException($"{input}: ended at line {lineNumber:N0} on the second read, before line {records[next].Line:N0} (document '{records[next].Id}'): the file changed while dedup ran.");
    }

    private bool ReadLine(LineReader lines, out ReadOnlyMemory<byte> line)
    {
        try
        {
            return lines.TryReadLine(out line, out _);
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"{input}: {e.Message}");
        }
    }
}
