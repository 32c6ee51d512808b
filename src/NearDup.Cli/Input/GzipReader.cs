using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace NearDup.Cli.Input;

/// <summary>
/// Decompresses a gzip file (RFC 1952), every member of a multi-member file, and refuses one that is not whole.
/// <see cref="GZipStream"/> ends quietly when the input stops mid-member (a download cut at a flush boundary reads as
/// half the corpus) and reports a bad CRC as "unsupported compression method". Here the header is parsed by hand, each
/// member's deflate data goes through a raw <see cref="DeflateStream"/>, and its trailer (CRC-32 and length of the
/// member's data) is checked against what came out.
/// </summary>
/// <remarks>
/// A raw DeflateStream reads ahead and does not say where the deflate data ended. It is fed at most
/// <see cref="MaxFeed"/> bytes a read, and the buffer keeps <see cref="History"/> bytes behind the read position,
/// so the trailer lies in what was fed last: it is found there by its expected value (a false match has odds of 2^-64
/// a position), and the next member starts after it.
/// </remarks>
internal sealed class GzipReader : ReadOnlyStream
{
    private const int MaxFeed = 8192;
    private const int History = 2 * MaxFeed;
    private const int TrailerBytes = 8;
    private const byte FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10, FlagReserved = 0xE0;

    private static ReadOnlySpan<byte> Signature => [0x1F, 0x8B];

    private readonly Stream _source;
    private readonly byte[] _buffer = new byte[1 << 17];
    private readonly Crc32 _crc = new();
    private int _start;
    private int _end;
    private bool _eof;
    private bool _starved;
    private DeflateStream? _deflate;
    private int _dataStart;
    private uint _size;
    private int _members;

    public GzipReader(Stream source) => _source = source;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        while (true)
        {
            if (_deflate is null && !StartMember())
            {
                return 0;
            }
            int read = Inflate(buffer);
            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                _size += (uint)read;
                return read;
            }
            FinishMember();
        }
    }

    private int Inflate(Span<byte> buffer)
    {
        try
        {
            return _deflate!.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt($"the compressed data is damaged ({e.Message})");
        }
    }

    /// <summary>Parses the next member's header; false at a clean end after the last member.</summary>
    private bool StartMember()
    {
        if (!Ensure(1))
        {
            return _members > 0 ? false : throw Truncated("the file is empty");
        }
        Ensure(2);
        int have = Math.Min(2, _end - _start);
        bool signature = _buffer.AsSpan(_start, have).SequenceEqual(Signature[..have]);
        // A lone 0x1F after a member is the first byte of a cut member, as two to nine header bytes are: truncated.
        if (!signature)
        {
            throw _members > 0 ? Corrupt($"{_end - _start} or more bytes after the last member are not a gzip member") : Corrupt("it does not start with the gzip signature");
        }
        if (!Ensure(10))
        {
            throw Truncated("the header is cut short");
        }
        var header = _buffer.AsSpan(_start, 10);
        if (header[2] != 8 || (header[3] & FlagReserved) != 0)
        {
            throw Corrupt("the header names an unknown method or flags");
        }
        byte flags = header[3];
        _start += 10;
        if ((flags & FlagExtra) != 0)
        {
            Skip(ReadUInt16());
        }
        if ((flags & FlagName) != 0)
        {
            SkipZeroTerminated();
        }
        if ((flags & FlagComment) != 0)
        {
            SkipZeroTerminated();
        }
        if ((flags & FlagHeaderCrc) != 0)
        {
            Skip(2);
        }
        _members++;
        _crc.Reset();
        _size = 0;
        _starved = false;
        _dataStart = _start;
        _deflate = new DeflateStream(new Feed(this), CompressionMode.Decompress);
        return true;
    }

    /// <summary>Finds the member's trailer after its deflate data and checks it; the next member starts after it.</summary>
    private void FinishMember()
    {
        _deflate!.Dispose();
        _deflate = null;
        Span<byte> expected = stackalloc byte[TrailerBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], _size);
        Ensure(TrailerBytes);
        int first = Math.Max(_dataStart, _start - MaxFeed);
        var window = _buffer.AsSpan(first, _end - first);
        int at = window.IndexOf(expected);
        if (at >= 0)
        {
            _start = first + at + TrailerBytes;
            return;
        }
        if (_starved)
        {
            throw Truncated($"the data ends after {_size:N0} bytes without the member's end mark");
        }
        if (window.IndexOf(expected[4..]) >= 0)
        {
            throw Corrupt("the CRC-32 in the trailer does not match the data (a damaged file)");
        }
        throw _eof ? Truncated($"the trailer after {_size:N0} bytes of data is missing or cut short") : Corrupt("the trailer does not match the data");
    }

    private InvalidDataException Truncated(string detail) => new($"truncated gzip (member {Math.Max(_members, 1)}): {detail}; copy or download the file again.");

    private InvalidDataException Corrupt(string detail) => new($"corrupt gzip (member {Math.Max(_members, 1)}): {detail}.");

    /// <summary>Makes <paramref name="count"/> bytes available from the read position if the source has them.</summary>
    private bool Ensure(int count)
    {
        while (_end - _start < count && !_eof)
        {
            Fill();
        }
        return _end - _start >= count;
    }

    /// <summary>Reads more, first moving the unread bytes and <see cref="History"/> bytes before them to the front.</summary>
    private void Fill()
    {
        if (_end == _buffer.Length)
        {
            int keep = Math.Min(History, _start - Math.Min(_dataStart, _start));
            int from = _start - keep;
            Buffer.BlockCopy(_buffer, from, _buffer, 0, _end - from);
            _dataStart = Math.Max(0, _dataStart - from);
            _start -= from;
            _end -= from;
        }
        int read = _source.Read(_buffer, _end, _buffer.Length - _end);
        _eof = read == 0;
        _end += read;
    }

    private int ReadUInt16()
    {
        if (!Ensure(2))
        {
            throw Truncated("the header is cut short");
        }
        int value = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_start));
        _start += 2;
        return value;
    }

    private void Skip(int count)
    {
        if (!Ensure(count))
        {
            throw Truncated("the header is cut short");
        }
        _start += count;
    }

    private void SkipZeroTerminated()
    {
        while (true)
        {
            if (!Ensure(1))
            {
                throw Truncated("the header is cut short");
            }
            int zero = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)0);
            if (zero >= 0)
            {
                _start += zero + 1;
                return;
            }
            _start = _end;
        }
    }

    /// <summary>What the DeflateStream reads: the buffered source, at most <see cref="MaxFeed"/> bytes at a time.</summary>
    private int FeedTo(Span<byte> destination)
    {
        if (!Ensure(1))
        {
            _starved = true;
            return 0;
        }
        int count = Math.Min(Math.Min(destination.Length, MaxFeed), _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _deflate?.Dispose();
            _source.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>The read-only stream the DeflateStream pulls from.</summary>
    private sealed class Feed(GzipReader owner) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer) => owner.FeedTo(buffer);
    }
}
