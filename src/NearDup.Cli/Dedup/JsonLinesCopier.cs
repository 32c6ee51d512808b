using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Dedup;

/// <summary>
/// Copies the kept lines of a JSONL file, plain or gzip-compressed, byte for byte: each line's bytes as read, then
/// <c>\n</c> (a <c>\r\n</c> ending and a UTF-8 byte order mark are not carried over). The output is plain JSONL
/// unless its name ends in <c>.gz</c>, then gzip. Lines are counted as the first pass counted them, and each kept
/// line's id is checked against the first pass, so an input changed in between stops the copy.
/// </summary>
internal sealed class JsonLinesCopier(string input, InputOptions options) : IRecordCopier
{
    private static readonly byte[] s_gzipMagic = [0x1f, 0x8b];

    public CopyCount Copy(IReadOnlyList<RecordPosition> records, DedupResult result, string outPath, CancellationToken cancellationToken)
    {
        var count = default(CopyCount);
        OutputFile.Write("--out", outPath, stream =>
        {
            if (!outPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                count = CopyLines(records, result, stream, cancellationToken);
                return;
            }
            // The writer owns the file stream: the gzip layer leaves it open, and ends its member when disposed.
            using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            count = CopyLines(records, result, gzip, cancellationToken);
        });
        return count;
    }

    private CopyCount CopyLines(IReadOnlyList<RecordPosition> records, DedupResult result, Stream target, CancellationToken cancellationToken)
    {
        using var source = Open();
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
            CheckId(bytes.Span, record, lineNumber);
            target.Write(bytes.Span);
            target.WriteByte((byte)'\n');
            written++;
            writtenBytes += bytes.Length + 1;
            if ((written & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
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

    /// <summary>The input's bytes: gzip is recognized by its magic number, as the first pass recognized it.</summary>
    private Stream Open()
    {
        var file = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic.SequenceEqual(s_gzipMagic) ? new GzipReader(file) : file;
    }

    /// <summary>Checks that the line holds the id the first pass read there.</summary>
    private void CheckId(ReadOnlySpan<byte> line, RecordPosition record, long lineNumber)
    {
        var reader = new Utf8JsonReader(line);
        string? id = null;
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (id is null && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isId = reader.ValueTextEquals(options.IdField);
                reader.Read();
                if (isId)
                {
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        if (id != record.Id)
        {
            throw new InputException($"{input}:{lineNumber}: holds id '{id}' on the second read, where the first read '{record.Id}': the file changed while dedup ran.");
        }
    }
}
