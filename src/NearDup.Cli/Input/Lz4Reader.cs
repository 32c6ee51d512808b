using K4os.Compression.LZ4.Streams;

namespace NearDup.Cli.Input;

/// <summary>
/// Decompresses the LZ4 frame format (lz4's <c>.lz4</c> files), every frame of a multi-frame file, with
/// K4os.Compression.LZ4.Streams, and refuses one that is not whole. Its decoder reads each block's size, the end mark
/// and the content checksum as required fields, so input that stops anywhere inside a frame (mid-block, at a block
/// boundary, before the end mark or its checksum) is an <see cref="EndOfStreamException"/>; a block or content
/// checksum that does not match, or bytes after the last frame that are no frame, an <see cref="InvalidDataException"/>.
/// Both are reported as "truncated LZ4" or "corrupt LZ4", as <see cref="GzipReader"/> does for gzip; a frame that needs a
/// preset dictionary as "unsupported LZ4".
/// </summary>
internal sealed class Lz4Reader : ReadOnlyStream
{
    private readonly Stream _lz4;
    private readonly Stream _source;
    private long _size;

    /// <summary>Not inlined: a caller compiled optimized with it inlined would load the LZ4 assembly for every input, not only LZ4.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public Lz4Reader(Stream source)
    {
        _source = source;
        _lz4 = LZ4Stream.Decode(source, leaveOpen: false);
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            int read = _lz4.Read(buffer);
            _size += read;
            return read;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"truncated LZ4: the data ends inside a frame after {_size:N0} bytes of output, without the frame's end mark; copy or download the file again.");
        }
        // K4os' frame decoder throws NotImplementedException for the one frame feature it does not decode, a preset
        // dictionary (the frame descriptor's dictionary-ID flag): a valid file this reader cannot read, not a damaged one.
        catch (NotImplementedException)
        {
            throw new InvalidDataException($"unsupported LZ4 after {_size:N0} bytes of output: the frame needs a preset dictionary, which NearDup does not have; decompress it with the dictionary (lz4 -d -D FILE) and give NearDup the result.");
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"corrupt LZ4 after {_size:N0} bytes of output: {e.Message.TrimEnd('.')} (a damaged file).");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lz4.Dispose();
            _source.Dispose();
        }
        base.Dispose(disposing);
    }
}
