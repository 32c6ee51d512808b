using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NearDup.Internal;

/// <summary>
/// A large file read once from start to end past the page cache (<see cref="DirectIo"/>): an input corpus, an index.
/// Chunks of <see cref="ChunkBytes"/> are read straight into two aligned buffers in turn, the next while the reader
/// copies out of the other; they stay in the cache and the TLB. Used only where it pays: a file of <see cref="MinBytes"/> or more that the page cache
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

    // Two chunk buffers, each with the offset of its aligned window: one is read from while the next chunk is read
    // into the other, so that the disk's time overlaps the reader's (a direct read has no read-ahead of the kernel's).
    private readonly byte[][] _buffers = new byte[2][];
    private readonly int[] _starts = new int[2];
    private FileStream? _rest;

    // Buffer _current holds the file's bytes [_chunkOffset, _chunkOffset + _filled); _at is the next one to give.
    private int _current;
    private long _chunkOffset;
    private int _at;
    private int _filled;

    // The read of the chunk at _aheadOffset into the other buffer, under way; its result is the bytes read, -1 when refused.
    private Task<int>? _ahead;
    private long _aheadOffset;

    private DirectFileStream(SafeFileHandle handle, string path, long length)
    {
        _handle = handle;
        _path = path;
        _length = length;
        for (int i = 0; i < 2; i++)
        {
            // Pinned, so that the aligned window within it stays where it is.
            _buffers[i] = GC.AllocateUninitializedArray<byte>(ChunkBytes + DirectIo.Alignment, pinned: true);
            long address = Marshal.UnsafeAddrOfPinnedArrayElement(_buffers[i], 0);
            _starts[i] = (int)((DirectIo.Alignment - (address % DirectIo.Alignment)) % DirectIo.Alignment);
        }
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

    /// <summary><paramref name="file"/>, or in its place (disposing it) the same file read past the cache where that pays (<see cref="TryOpen"/>).</summary>
    public static Stream InPlaceOf(FileStream file)
    {
        if (TryOpen(file.Name, file.Length) is not { } direct)
        {
            return file;
        }
        file.Dispose();
        return direct;
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
        _buffers[_current].AsSpan(_starts[_current] + _at, count).CopyTo(buffer);
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
    /// Makes the chunk at <paramref name="offset"/> (aligned) the current one: the read under way when it is that
    /// chunk's, else a read now; a full chunk starts the read of the next. After a short one (the end of the file,
    /// most likely), and after a direct read the system refuses, the cache reads on from where it ended
    /// (<see cref="_rest"/>): to the end, the file's growth, or the real error.
    /// </summary>
    private void Fill(long offset)
    {
        int read;
        if (_ahead is not null && _aheadOffset == offset)
        {
            read = _ahead.GetAwaiter().GetResult();
            _ahead = null;
            _current ^= 1;
        }
        else
        {
            Drain();
            read = ReadChunk(_current, offset);
        }
        read = Math.Max(read, 0);
        (_chunkOffset, _at, _filled) = (offset, 0, read);
        if (read < ChunkBytes)
        {
            _rest = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan) { Position = offset + read };
            return;
        }
        long next = offset + ChunkBytes;
        if (next < _length)
        {
            int other = _current ^ 1;
            _aheadOffset = next;
            _ahead = Task.Run(() => ReadChunk(other, next));
        }
    }

    /// <summary>Reads the chunk at <paramref name="offset"/> into buffer <paramref name="buffer"/>: the bytes read, or -1 when the system refuses.</summary>
    private int ReadChunk(int buffer, long offset)
    {
        try
        {
            return RandomAccess.Read(_handle, _buffers[buffer].AsSpan(_starts[buffer], ChunkBytes), offset);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>Waits for the read under way, if any, whose buffer is then free; its bytes are not used.</summary>
    private void Drain()
    {
        _ahead?.Wait();
        _ahead = null;
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
            Drain();
            _handle.Dispose();
            _rest?.Dispose();
        }
        base.Dispose(disposing);
    }
}
