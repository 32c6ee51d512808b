namespace NearDup.Cli.Report;

/// <summary>
/// Write-only stream that makes UTF-8 JSON safe to embed in an HTML
/// <c>&lt;script type="application/json"&gt;</c> block: it rewrites <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as
/// <c>\u003C</c>, <c>\u003E</c>, <c>\u0026</c> (so neither <c>&lt;/script&gt;</c> nor <c>&lt;!--</c> can occur
/// and end or confuse the block) and U+2028/U+2029 as <c>\u2028</c>/<c>\u2029</c> (line terminators in
/// older JavaScript, harmless to escape).
/// </summary>
/// <remarks>
/// Rewriting the serialized bytes is sound because these characters can only occur inside JSON strings,
/// where the escapes mean the same characters (RFC 8259 §7); none is a UTF-8 continuation byte. An
/// U+2028 split across two writes is held back until the next write or <see cref="Dispose(bool)"/>.
/// </remarks>
internal sealed class ScriptJsonStream : Stream
{
    private const byte Lead = 0xE2;
    private const byte Second = 0x80;
    private static readonly byte[] s_lessThan = "\\u003C"u8.ToArray();
    private static readonly byte[] s_greaterThan = "\\u003E"u8.ToArray();
    private static readonly byte[] s_ampersand = "\\u0026"u8.ToArray();
    private static readonly byte[] s_lineSeparator = "\\u2028"u8.ToArray();
    private static readonly byte[] s_paragraphSeparator = "\\u2029"u8.ToArray();

    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _buffered;

    /// <summary>Bytes of a possible U+2028/9 seen so far: 0, 1 (E2) or 2 (E2 80).</summary>
    private int _pending;
    private bool _disposed;

    /// <summary>Wraps <paramref name="inner"/>; disposing this stream disposes it unless <paramref name="leaveOpen"/>.</summary>
    public ScriptJsonStream(Stream inner, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Escapes a whole UTF-8 JSON text at once; same result as writing it in any chunks.</summary>
    public static byte[] Escape(ReadOnlySpan<byte> utf8Json)
    {
        using var output = new MemoryStream(utf8Json.Length + 64);
        using (var escaper = new ScriptJsonStream(output, leaveOpen: true))
        {
            escaper.Write(utf8Json);
        }

        return output.ToArray();
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (var b in buffer)
        {
            if (_pending == 1)
            {
                _pending = 0;
                if (b == Second)
                {
                    _pending = 2;
                    continue;
                }

                Put(Lead);
            }
            else if (_pending == 2)
            {
                _pending = 0;
                if (b is 0xA8 or 0xA9)
                {
                    Put(b == 0xA8 ? s_lineSeparator : s_paragraphSeparator);
                    continue;
                }

                Put(Lead);
                Put(Second);
            }

            switch (b)
            {
                case Lead:
                    _pending = 1;
                    break;
                case (byte)'<':
                    Put(s_lessThan);
                    break;
                case (byte)'>':
                    Put(s_greaterThan);
                    break;
                case (byte)'&':
                    Put(s_ampersand);
                    break;
                default:
                    Put(b);
                    break;
            }
        }
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Writes buffered bytes to the inner stream (a held-back partial U+2028 stays held).</summary>
    public override void Flush()
    {
        if (_buffered > 0)
        {
            _inner.Write(_buffer, 0, _buffered);
            _buffered = 0;
        }

        _inner.Flush();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Writes any held-back bytes as they were, flushes, and disposes the inner stream unless left open.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (_pending >= 1)
            {
                Put(Lead);
            }

            if (_pending == 2)
            {
                Put(Second);
            }

            _pending = 0;
            Flush();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Put(byte b)
    {
        if (_buffered == _buffer.Length)
        {
            _inner.Write(_buffer, 0, _buffered);
            _buffered = 0;
        }

        _buffer[_buffered++] = b;
    }

    private void Put(byte[] bytes)
    {
        foreach (var b in bytes)
        {
            Put(b);
        }
    }
}
