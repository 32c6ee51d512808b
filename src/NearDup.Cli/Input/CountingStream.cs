namespace NearDup.Cli.Input;

/// <summary>Counts the bytes read through a stream (for progress on compressed input).</summary>
internal sealed class CountingStream(Stream inner, Action<int> onRead) : ReadOnlyStream
{
    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        onRead(read);
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
