using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NearDup.Internal;

/// <summary>
/// A large file read once from start to end past the page cache (<see cref="DirectIo"/>): an input corpus, an index.
/// Chunks of <see cref="ChunkBytes"/> are read straight into one aligned buffer, which stays in the cache and the TLB,
/// and copied out from there. Used only where it pays: a file of <see cref="MinBytes"/> or more that the page cache
/// mostly does not hold (one the cache holds is copied from memory, faster than any disk). The bytes are the file's,
/// as a <see cref="FileStream"/> reads them: after a short read, or one the system refuses, it reads on through the
/// cache. It seeks (a reader asks its position and length), rereading the chunk that holds the new position.
/// </summary>
internal sealed class DirectFileStream : Stream
{
    /// <summary>Smallest file read this way: below it the cache's copies cost little.</summary>
    public const long MinBytes = 64L << 20;

    /// <summary>Bytes read at a time: as the line reader's buffer, so that one read fills one batch.</summary>
    internal const int ChunkBytes = 4 << 20;

    /// <summary>Share of the file the page cache may hold for it to be read this way.</summary>
    private const double MaxCachedShare = 0.5;

    private readonly SafeFileHandle _handle;
    private readonly string _path;
    private readonly long _length;
    private readonly byte[] _chunk;
    private readonly int _start;
    private FileStream? _rest;

    // The chunk in _chunk holds the file's bytes [_chunkOffset, _chunkOffset + _filled); _at is the next one to give.
    private long _chunkOffset;
    private int _at;
    private int _filled;

    private DirectFileStream(SafeFileHandle handle, string path, long length)
    {
        _handle = handle;
        _path = path;
        _length = length;
        // Pinned, so that the aligned window within it stays where it is.
        _chunk = GC.AllocateUninitializedArray<byte>(ChunkBytes + DirectIo.Alignment, pinned: true);
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(_chunk, 0);
        _start = (int)((DirectIo.Alignment - (address % DirectIo.Alignment)) % DirectIo.Alignment);
    }

    /// <summary>
    /// <paramref name="path"/> (of <paramref name="length"/> bytes) to be read past the cache, or null to read it as
    /// usual: too small (below <paramref name="minBytes"/>), cached past <paramref name="maxCachedShare"/>, or on a system
    /// or file system without direct reads.
    /// </summary>
    public static Stream? TryOpen(string path, long length, long minBytes = MinBytes, double maxCachedShare = MaxCachedShare)
    {
        if (length < minBytes || DirectIo.TryOpen(path) is not { } handle)
        {
            return null;
        }
        if (DirectIo.CachedShare(handle, length) > maxCachedShare)
        {
            handle.Dispose();
            return null;
        }
        return new DirectFileStream(handle, path, length);
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    /// <summary>The file's length when it was opened.</summary>
    public override long Length => _length;

    public override long Position
    {
        get => _rest is not null && _at == _filled ? _rest.Position : _chunkOffset + _at;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_at == _filled)
        {
            if (_rest is null)
            {
                Fill(_chunkOffset + _filled);
            }
            if (_at == _filled)
            {
                return _rest!.Read(buffer);
            }
        }
        int count = Math.Min(buffer.Length, _filled - _at);
        _chunk.AsSpan(_start + _at, count).CopyTo(buffer);
        _at += count;
        return count;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (_rest is null && target >= _chunkOffset && target <= _chunkOffset + _filled)
        {
            _at = (int)(target - _chunkOffset);
            return target;
        }
        _rest?.Dispose();
        _rest = null;
        long aligned = target - (target % DirectIo.Alignment);
        Fill(aligned);
        _at = (int)Math.Min(target - aligned, _filled);
        if (target > aligned + _filled)
        {
            // Past what the direct read gave (past the end, or refused): the cache's reader takes it from there.
            _rest!.Position = target;
        }
        return target;
    }

    /// <summary>
    /// Reads the chunk at <paramref name="offset"/> (aligned). After a short one (the end of the file, most likely),
    /// and after a direct read the system refuses, the cache reads on from where it ended (<see cref="_rest"/>): to
    /// the end, the file's growth, or the real error.
    /// </summary>
    private void Fill(long offset)
    {
        int read;
        try
        {
            read = RandomAccess.Read(_handle, _chunk.AsSpan(_start, ChunkBytes), offset);
        }
        catch (IOException)
        {
            read = 0;
        }
        (_chunkOffset, _at, _filled) = (offset, 0, read);
        if (read < ChunkBytes)
        {
            _rest = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan) { Position = offset + read };
        }
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
            _rest?.Dispose();
        }
        base.Dispose(disposing);
    }
}
