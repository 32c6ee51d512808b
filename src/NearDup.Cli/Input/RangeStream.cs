namespace NearDup.Cli.Input;

/// <summary>The next <c>length</c> bytes of a stream, then its end: a shard's byte range of a file (<see cref="DocumentReader.ReadRange"/>).</summary>
internal sealed class RangeStream(Stream inner, long length) : ReadOnlyStream
{
    private long _left = length;

    public override int Read(Span<byte> buffer)
    {
        if (_left <= 0)
        {
            return 0;
        }
        int read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        _left -= read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
