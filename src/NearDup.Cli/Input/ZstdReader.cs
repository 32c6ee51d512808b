using ZstdSharp;

namespace NearDup.Cli.Input;

/// <summary>
/// Decompresses zstd (RFC 8878) with ZstdSharp, every frame of a multi-frame file, and refuses one that is not whole:
/// <see cref="DecompressionStream"/> throws <see cref="EndOfStreamException"/> when the input ends inside a frame
/// (its check of the last frame's state) and <see cref="ZstdException"/> for damaged data, a content checksum that does
/// not match (zstd checks the XXH64 of frames that carry one) or bytes after the last frame that are no frame. Both
/// become an <see cref="InvalidDataException"/> saying "truncated zstd" or "corrupt zstd", as <see cref="GzipReader"/> does.
/// </summary>
internal sealed class ZstdReader : ReadOnlyStream
{
    private readonly DecompressionStream _zstd;
    private readonly Stream _source;
    private long _size;

    /// <summary>Not inlined: a caller compiled optimized with it inlined would load the zstd assembly for every input, not only zstd.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public ZstdReader(Stream source)
    {
        _source = source;
        _zstd = new(source, checkEndOfStream: true, leaveOpen: false);
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            int read = _zstd.Read(buffer);
            _size += read;
            return read;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"truncated zstd: the data ends inside a frame after {_size:N0} bytes of output; copy or download the file again.");
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException($"corrupt zstd after {_size:N0} bytes of output: {e.Message.TrimEnd('.')} (a damaged file).");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _zstd.Dispose();
            _source.Dispose();
        }
        base.Dispose(disposing);
    }
}
