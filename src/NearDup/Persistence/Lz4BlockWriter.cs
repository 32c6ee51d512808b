using System.Buffers.Binary;
using System.IO.Hashing;
using K4os.Compression.LZ4;

namespace NearDup.Persistence;

/// <summary>
/// A write-only stream that cuts what is written into blocks of <see cref="IndexFormat.Lz4BlockBytes"/>, compresses
/// each with LZ4 (fast level) and writes it with its own header and checksum (layout in <see cref="IndexFormat"/>).
/// Blocks are independent so that a reader checks each block's checksum before it decodes a byte of it: a corrupt
/// section is rejected with the block named, never decoded into garbage that some later check might misreport.
/// </summary>
internal sealed class Lz4BlockWriter(Stream target) : Stream
{
    private readonly byte[] _raw = new byte[IndexFormat.Lz4BlockBytes];
    private readonly byte[] _encoded = new byte[IndexFormat.Lz4BlockHeaderBytes + LZ4Codec.MaximumOutputSize(IndexFormat.Lz4BlockBytes)];
    private int _used;

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
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, _raw.Length - _used);
            buffer[..n].CopyTo(_raw.AsSpan(_used));
            _used += n;
            buffer = buffer[n..];
            if (_used == _raw.Length)
            {
                WriteBlock();
            }
        }
    }

    /// <summary>Writes the last, partial block; the target is left open.</summary>
    public override void Flush()
    {
        if (_used > 0)
        {
            WriteBlock();
        }
    }

    private void WriteBlock()
    {
        var raw = _raw.AsSpan(0, _used);
        var body = _encoded.AsSpan(IndexFormat.Lz4BlockHeaderBytes);
        int stored = LZ4Codec.Encode(raw, body, LZ4Level.L00_FAST);
        if (stored <= 0 || stored >= raw.Length)
        {
            // Incompressible (band keys of distinct documents): kept as is, so a block never grows.
            raw.CopyTo(body);
            stored = raw.Length;
        }
        var header = _encoded.AsSpan(0, IndexFormat.Lz4BlockHeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(header, raw.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], stored);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], XxHash3.HashToUInt64(body[..stored], IndexFormat.ChecksumSeed));
        target.Write(_encoded.AsSpan(0, IndexFormat.Lz4BlockHeaderBytes + stored));
        _used = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
