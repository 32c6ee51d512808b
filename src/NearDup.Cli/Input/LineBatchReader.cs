using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace NearDup.Cli.Input;

/// <summary>
/// Reads a JSONL stream straight into pooled buffers of whole lines (<see cref="JsonLineBatch"/>), so a line is read
/// into memory once and parsed where it lies: the lines of a buffer are split at '\n' (a '\r' before it dropped), a
/// last line without a line break included; the partial line at a buffer's end starts the next one. A line of
/// <see cref="DocumentReader.MaxLineBytes"/> or more is skipped unread to its end and reported as too long, so one
/// huge line cannot exhaust memory.
/// </summary>
internal sealed class LineBatchReader(DocumentReader reader, Stream stream, string name)
{
    /// <summary>Bytes of a batch's buffer: a few hundred news articles, enough to share among the cores.</summary>
    internal const int BufferBytes = 4 << 20;

    /// <summary>Lines per batch at most, so that a file of tiny lines does not make huge batches.</summary>
    internal const int MaxLines = 16384;

    private readonly ConcurrentBag<byte[]> _pool = [];
    private readonly long _maxLine = reader.MaxLineBytes;
    private byte[] _carry = [];
    private int _carried;
    private long _lineNumber;
    private bool _eof;
    private bool _done;

    /// <summary>Buffer size of the batches (tests make it small to cross its edges).</summary>
    internal int BufferSize { get; init; } = BufferBytes;

    /// <summary>The batches, in order; the last one says so (<see cref="JsonLineBatch.IsLast"/>), and may hold no line.</summary>
    public IEnumerable<JsonLineBatch> ReadAll()
    {
        using (stream)
        {
            while (!_done)
            {
                yield return Next();
            }
        }
    }

    private JsonLineBatch Next()
    {
        var batch = new JsonLineBatch(reader, name, Rent(Math.Max(BufferSize, 2 * _carried)), _lineNumber + 1, GiveBack);
        int end = _carried;
        _carry.AsSpan(0, _carried).CopyTo(batch.Buffer);
        _carried = 0;
        int pos = 0;
        try
        {
            Fill(batch, ref pos, ref end);
        }
        catch (Exception e)
        {
            // Reported after the lines before it, as the sequential reader does.
            batch.ReadError = ExceptionDispatchInfo.Capture(e is InvalidDataException ? new InputException($"{name}: {e.Message}") : e);
            _eof = true;
            pos = end;
        }
        // The partial line at the end (or the lines past MaxLines) starts the next batch.
        _carried = end - pos;
        if (_carry.Length < _carried)
        {
            _carry = new byte[Math.Max(_carried, 2 * _carry.Length)];
        }
        batch.Buffer.AsSpan(pos, _carried).CopyTo(_carry);
        _done = batch.IsLast = _eof && _carried == 0;
        batch.Seal();
        return batch;
    }

    /// <summary>Adds whole lines from <paramref name="pos"/> on, reading as needed, until the buffer or <see cref="MaxLines"/> is full or the stream ends.</summary>
    private void Fill(JsonLineBatch batch, ref int pos, ref int end)
    {
        while (batch.Count < MaxLines)
        {
            byte[] buffer = batch.Buffer!;
            int newline = buffer.AsSpan(pos, end - pos).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                Add(batch, pos, newline);
                pos += newline + 1;
                continue;
            }
            if (end - pos >= _maxLine)
            {
                SkipLine(buffer, ref pos, ref end);
                _lineNumber++;
                batch.AddLine(-1, 0);
                continue;
            }
            if (_eof)
            {
                if (pos < end)
                {
                    Add(batch, pos, end - pos);
                    pos = end;
                }
                return;
            }
            if (end == buffer.Length)
            {
                if (batch.Count > 0)
                {
                    return;
                }
                // One line longer than the buffer (and under the limit): a larger buffer for this batch.
                var larger = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, 2L * buffer.Length));
                buffer.AsSpan(pos, end - pos).CopyTo(larger);
                (end, pos) = (end - pos, 0);
                batch.Grow(buffer = larger);
            }
            int read = stream.Read(buffer, end, buffer.Length - end);
            _eof = read == 0;
            end += read;
        }
    }

    /// <summary>Adds the line of <paramref name="length"/> bytes at <paramref name="start"/>, without a '\r' before its break; too long, as skipped.</summary>
    private void Add(JsonLineBatch batch, int start, int length)
    {
        _lineNumber++;
        if (length >= _maxLine)
        {
            batch.AddLine(-1, 0);
            return;
        }
        var buffer = batch.Buffer!;
        batch.AddLine(start, length > 0 && buffer[start + length - 1] == (byte)'\r' ? length - 1 : length);
    }

    /// <summary>Drops the too-long line starting at <paramref name="pos"/> (no break in the buffer yet) up to its break; what follows it lands at <paramref name="pos"/>.</summary>
    private void SkipLine(byte[] buffer, ref int pos, ref int end)
    {
        while (true)
        {
            int read = stream.Read(buffer, pos, buffer.Length - pos);
            if (read == 0)
            {
                _eof = true;
                end = pos;
                return;
            }
            int newline = buffer.AsSpan(pos, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                end = pos + read;
                pos += newline + 1;
                return;
            }
        }
    }

    private byte[] Rent(int size)
    {
        if (size == BufferSize && _pool.TryTake(out var buffer))
        {
            return buffer;
        }
        return GC.AllocateUninitializedArray<byte>(size);
    }

    /// <summary>Takes back a batch's buffer once its lines are sketched (on the sketching thread); larger ones a long line needed are let go.</summary>
    private void GiveBack(byte[] buffer)
    {
        if (buffer.Length == BufferSize)
        {
            _pool.Add(buffer);
        }
    }
}
