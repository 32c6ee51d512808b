namespace NearDup.Cli.Input;

/// <summary>The bytes already read from a stream to sniff it (from <paramref name="skip"/> on, past a byte order mark), then the rest of it.</summary>
internal sealed class PrefixedStream(byte[] prefix, int length, int skip, Stream rest) : ReadOnlyStream
{
    private int _position = skip;

    public override int Read(Span<byte> buffer)
    {
        if (_position < length)
        {
            int count = Math.Min(buffer.Length, length - _position);
            prefix.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
        return rest.Read(buffer);
    }

    /// <summary>Reads up to <see cref="FormatSniffer.PrefixBytes"/> bytes, stopping early after the second line.</summary>
    public static (byte[] Prefix, int Length) ReadPrefix(Stream stream)
    {
        byte[] prefix = new byte[FormatSniffer.PrefixBytes];
        int length = 0, read;
        while (length < prefix.Length && (read = stream.Read(prefix, length, prefix.Length - length)) > 0)
        {
            length += read;
            if (prefix.AsSpan(0, length).Count((byte)'\n') >= 2)
            {
                break;
            }
        }
        return (prefix, length);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }
        base.Dispose(disposing);
    }
}
