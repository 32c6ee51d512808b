using System.IO.Compression;
using System.IO.Hashing;

namespace NearDup.Persistence;

/// <summary>
/// A section of an index file being read: <see cref="Reader"/> gives its decoded payload, and <see cref="Close"/>
/// checks that the payload ended where it was declared to and that the section's checksum matches.
/// </summary>
internal sealed class SectionReader : IDisposable
{
    private readonly Stream _file;
    private readonly string _name;
    private readonly byte[] _header;
    private readonly bool _payloadFirst;
    private readonly XxHash3 _hash;
    private readonly PayloadReader? _stored;
    private readonly Stream? _decoder;
    private readonly ulong? _verified;

    private SectionReader(Stream file, string name, byte[] header, bool payloadFirst, XxHash3 hash, PayloadReader reader, PayloadReader? stored,
        Stream? decoder, ulong? verified = null)
    {
        _verified = verified;
        _file = file;
        _name = name;
        _header = header;
        _payloadFirst = payloadFirst;
        _hash = hash;
        Reader = reader;
        _stored = stored;
        _decoder = decoder;
    }

    /// <summary>The decoded payload.</summary>
    public PayloadReader Reader { get; }

    /// <summary>
    /// Opens the payload that follows <paramref name="header"/>: raw and LZ4 payloads are streamed (LZ4 blocks each
    /// checked before they are decoded), Brotli and ZLib ones are read whole and checked before anything is decoded.
    /// </summary>
    public static SectionReader Open(Stream file, string name, byte[] header, SectionCodec codec, long stored, long raw, int version)
    {
        bool payloadFirst = version >= IndexFormat.PayloadFirstChecksumVersion;
        var hash = new XxHash3(IndexFormat.ChecksumSeed);
        if (!payloadFirst)
        {
            hash.Append(header);
        }
        var storedReader = new PayloadReader(file, stored, name, hash);
        switch (codec)
        {
            case SectionCodec.Raw:
                return new SectionReader(file, name, header, payloadFirst, hash, storedReader, null, null);
            case SectionCodec.Lz4:
                var blocks = new Lz4BlockReader(storedReader);
                return new SectionReader(file, name, header, payloadFirst, hash, new PayloadReader(blocks, raw, name, null), storedReader, blocks);
            default:
                var (decoder, checksum) = OpenWhole(file, name, header, payloadFirst, hash, storedReader, codec);
                return new SectionReader(file, name, header, payloadFirst, hash, new PayloadReader(decoder, raw, name, null), null, decoder, checksum);
        }
    }

    /// <summary>Reads a Brotli or ZLib payload whole and compares its checksum before decoding any of it.</summary>
    private static (Stream Decoder, ulong Checksum) OpenWhole(Stream file, string name, byte[] header, bool payloadFirst, XxHash3 hash, PayloadReader stored, SectionCodec codec)
    {
        if (stored.Remaining > Array.MaxLength)
        {
            throw PayloadReader.Corrupt(name, $"declares {stored.Remaining:N0} compressed bytes, more than one buffer holds");
        }
        var bytes = new byte[stored.Remaining];
        stored.Read(bytes);
        ulong checksum = CompareChecksum(file, name, header, payloadFirst, hash);
        var input = new MemoryStream(bytes, writable: false);
        return (codec == SectionCodec.Brotli ? new BrotliStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress), checksum);
    }

    /// <summary>Checks the end of the payload and the checksum; returns the checksum for the trailer's.</summary>
    public ulong Close()
    {
        Reader.CheckEnd();
        if (_decoder is not null)
        {
            CheckDecoderEnd();
        }
        if (_verified is { } checksum)
        {
            // Brotli and ZLib: the checksum was compared when the payload was read.
            return checksum;
        }
        (_stored ?? Reader).CheckEnd();
        return CompareChecksum(_file, _name, _header, _payloadFirst, _hash);
    }

    /// <summary>Releases the decoder, also when the payload was not read to its end (a load stopped by an error).</summary>
    public void Dispose() => _decoder?.Dispose();

    private void CheckDecoderEnd()
    {
        // The decoded stream must end where the declared raw length does.
        bool extra;
        try
        {
            extra = _decoder!.ReadByte() >= 0;
        }
        catch (InvalidDataException e) when (_stored is null)
        {
            throw PayloadReader.Corrupt(_name, $"cannot be decoded ({e.Message})", e);
        }
        if (extra)
        {
            Reader.Throw("decodes to more bytes than it declares");
        }
        _decoder.Dispose();
    }

    private static ulong CompareChecksum(Stream file, string name, byte[] header, bool payloadFirst, XxHash3 hash)
    {
        if (payloadFirst)
        {
            hash.Append(header);
        }
        ulong expected = IndexReader.ReadChecksum(file, name);
        if (expected != hash.GetCurrentHashAsUInt64())
        {
            throw PayloadReader.Corrupt(name, "fails its checksum");
        }
        return expected;
    }
}
