using System.IO.Hashing;

namespace NearDup.Persistence;

/// <summary>A write-only stream that hashes (XXH3-64) and counts the bytes it passes on to <paramref name="target"/>.</summary>
internal sealed class HashingWriteStream(Stream target, XxHash3 hash) : Stream
{
    /// <summary>Bytes written through.</summary>
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.Append(buffer);
        target.Write(buffer);
        Written += buffer.Length;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
