using System.Buffers;
using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>
/// Writes one flat JSON object of string properties per line (RFC 8259 escaping of quote,
/// backslash and control characters; everything else goes out as UTF-8, as crawl dumps do).
/// Hand-rolled because the text is long and almost escape-free: a vectorized IndexOfAny finds the
/// next special character and the run before it is transcoded in one call, with no per-line flush.
/// </summary>
internal sealed class JsonlWriter(Stream stream) : IDisposable
{
    private const int FlushThreshold = 1 << 16;
    private static readonly SearchValues<char> s_special = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private readonly Stream _stream = stream;
    private byte[] _buffer = new byte[FlushThreshold * 2];
    private int _length;
    private bool _firstProperty;

    public void BeginObject()
    {
        Reserve(1);
        _buffer[_length++] = (byte)'{';
        _firstProperty = true;
    }

    public void Property(string name, string value)
    {
        Reserve(1);
        if (!_firstProperty)
        {
            _buffer[_length++] = (byte)',';
        }

        _firstProperty = false;
        WriteString(name);
        Reserve(1);
        _buffer[_length++] = (byte)':';
        WriteString(value);
    }

    /// <summary>Closes the object and its line.</summary>
    public void EndObject()
    {
        Reserve(2);
        _buffer[_length++] = (byte)'}';
        _buffer[_length++] = (byte)'\n';
        if (_length >= FlushThreshold)
        {
            Flush();
        }
    }

    public void Flush()
    {
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose() => Flush();

    private void WriteString(ReadOnlySpan<char> s)
    {
        Reserve(1);
        _buffer[_length++] = (byte)'"';
        while (true)
        {
            int k = s.IndexOfAny(s_special);
            int run = k < 0 ? s.Length : k;
            if (run > 0)
            {
                Reserve(run * 3);
                _length += Encoding.UTF8.GetBytes(s[..run], _buffer.AsSpan(_length));
            }

            if (k < 0)
            {
                break;
            }

            char c = s[k];
            Reserve(6);
            _buffer[_length++] = (byte)'\\';
            switch (c)
            {
                case '"':
                case '\\':
                    _buffer[_length++] = (byte)c;
                    break;
                case '\n':
                    _buffer[_length++] = (byte)'n';
                    break;
                case '\r':
                    _buffer[_length++] = (byte)'r';
                    break;
                case '\t':
                    _buffer[_length++] = (byte)'t';
                    break;
                default:
                    _buffer[_length++] = (byte)'u';
                    _buffer[_length++] = (byte)'0';
                    _buffer[_length++] = (byte)'0';
                    _buffer[_length++] = (byte)"0123456789abcdef"[c >> 4];
                    _buffer[_length++] = (byte)"0123456789abcdef"[c & 0xF];
                    break;
            }

            s = s[(k + 1)..];
        }

        Reserve(1);
        _buffer[_length++] = (byte)'"';
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes <= _buffer.Length)
        {
            return;
        }

        Flush();
        if (bytes > _buffer.Length)
        {
            _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
        }
    }
}
