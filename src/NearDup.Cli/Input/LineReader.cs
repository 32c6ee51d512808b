namespace NearDup.Cli.Input;

/// <summary>
/// Reads '\n'-terminated lines from a stream with a buffer that grows only to the longest line (capped): a line
/// longer than the cap is skipped to its end and reported as too long, so one huge line cannot exhaust memory.
/// The returned memory is valid until the next call.
/// </summary>
internal sealed class LineReader(Stream stream, long maxLineBytes)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        tooLong = false;
        int scanned = 0; // bytes after _start known to hold no newline
        while (true)
        {
            int newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int lineEnd = _start + scanned + newline;
                line = _buffer.AsMemory(_start, TrimCr(_start, lineEnd) - _start);
                _start = lineEnd + 1;
                return true;
            }
            if (_eof)
            {
                if (_start < _end)
                {
                    line = _buffer.AsMemory(_start, TrimCr(_start, _end) - _start);
                    _start = _end;
                    return true;
                }
                line = default;
                return false;
            }
            scanned = _end - _start;
            if (scanned >= maxLineBytes)
            {
                SkipRestOfLine();
                tooLong = true;
                line = default;
                return true;
            }
            Fill();
        }
    }

    private int TrimCr(int start, int end) => end > start && _buffer[end - 1] == (byte)'\r' ? end - 1 : end;

    private void Fill()
    {
        if (_start > 0)
        {
            // Move the partial line to the front.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min(Array.MaxLength, (long)_buffer.Length * 2));
        }
        int read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }
        _end += read;
    }

    private void SkipRestOfLine()
    {
        _start = _end = 0;
        while (true)
        {
            int read = stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                return;
            }
            int newline = _buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = newline + 1;
                _end = read;
                return;
            }
        }
    }
}
