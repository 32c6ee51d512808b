using System.Buffers.Binary;
using System.IO.Hashing;
using K4os.Compression.LZ4;

namespace NearDup.Persistence;

/// <summary>
/// A read-only stream over the blocks <see cref="Lz4BlockWriter"/> wrote, read from <paramref name="stored"/> (which
/// bounds them by the section's stored length and hashes them for the section checksum). Each block's checksum is
/// compared before it is decoded; a block that fails is an <see cref="InvalidDataException"/> naming the section and block.
/// </summary>
/// <remarks>
/// The next block is read, hashed and decoded on a thread-pool thread while the caller consumes the one before: a load
/// is a single thread unpacking the decoded bytes, and this work (the file read, two hashes and the LZ4 decode) leaves
/// its path for the other core. One block at a time is ahead, so <paramref name="stored"/> is read in order, by one
/// thread at a time; a block's error surfaces when the caller reaches that block, as it would unpipelined.
/// </remarks>
internal sealed class Lz4BlockReader(PayloadReader stored) : Stream
{
    private readonly byte[] _encoded = new byte[LZ4Codec.MaximumOutputSize(IndexFormat.Lz4BlockBytes)];
    private byte[] _raw = new byte[IndexFormat.Lz4BlockBytes];
    private byte[] _next = new byte[IndexFormat.Lz4BlockBytes];
    private Task<int>? _ahead;
    private int _start;
    private int _end;
    private int _block;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_start == _end && !NextBlock())
        {
            return 0;
        }
        int n = Math.Min(buffer.Length, _end - _start);
        _raw.AsSpan(_start, n).CopyTo(buffer);
        _start += n;
        return n;
    }

    /// <summary>Takes the block decoded ahead (or decodes the first) and starts on the one after it; false at the end of the section's stored bytes.</summary>
    private bool NextBlock()
    {
        int raw = _ahead is { } ahead ? ahead.GetAwaiter().GetResult() : Decode(_next);
        _ahead = null;
        if (raw == 0)
        {
            return false;
        }
        (_raw, _next) = (_next, _raw);
        _start = 0;
        _end = raw;
        if (stored.Remaining > 0)
        {
            var into = _next;
            _ahead = Task.Run(() => Decode(into));
        }
        return true;
    }

    /// <summary>Reads, checks and decodes the next block into <paramref name="into"/>; returns its length, 0 at the end of the stored bytes.</summary>
    private int Decode(byte[] into)
    {
        if (stored.Remaining == 0)
        {
            return 0;
        }
        _block++;
        Span<byte> header = stackalloc byte[IndexFormat.Lz4BlockHeaderBytes];
        stored.Read(header);
        int raw = BinaryPrimitives.ReadInt32LittleEndian(header);
        int length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (raw <= 0 || raw > into.Length || length <= 0 || length > raw)
        {
            stored.Throw($"declares {length:N0} stored bytes for {raw:N0} raw in LZ4 block {_block}, which no NearDup writes");
        }
        var body = _encoded.AsSpan(0, length);
        stored.Read(body);
        if (XxHash3.HashToUInt64(body, IndexFormat.ChecksumSeed) != BinaryPrimitives.ReadUInt64LittleEndian(header[8..]))
        {
            stored.Throw($"fails its checksum in LZ4 block {_block}");
        }
        if (length == raw)
        {
            body.CopyTo(into);
        }
        else if (LZ4Codec.Decode(body, into.AsSpan(0, raw)) != raw)
        {
            stored.Throw($"cannot be decoded: LZ4 block {_block} does not decode to its {raw:N0} bytes");
        }
        return raw;
    }

    /// <summary>
    /// Waits for a block still being decoded ahead (a load stopped early by an error), so that nothing reads the file once
    /// the load has returned; that block's own error, if any, loses to the one already on its way.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ahead is { } ahead)
        {
            _ahead = null;
            ahead.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        }
        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
