using System.Buffers.Binary;
using System.IO.Hashing;
using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

/// <summary>
/// A saved index taken apart into its header body and its sections (header and payload each), to be changed by a test
/// and put back together with the prefix, every checksum and the trailer recomputed: the reader's checks behind the
/// checksums are reached only by files whose checksums match. Offsets into the header body are named after the field.
/// </summary>
internal sealed class IndexFileParts
{
    /// <summary>Offsets, after the library version, of the header body fields that <see cref="IndexWriter"/> writes.</summary>
    public const int ShingleScheme = 0, ShingleSize = 1, RemoveDiacritics = 5, RemoveDigits = 6, MinHashScheme = 15, Permutations = 16,
        LshThreshold = 28, Bands = 100, Rows = 104, Documents = 108, SectionCount = 116, OptionsEnd = 120;

    private int _version;

    private IndexFileParts(int version, byte[] body, List<byte[]> headers, List<byte[]> payloads)
    {
        _version = version;
        Body = body;
        Headers = headers;
        Payloads = payloads;
    }

    /// <summary>
    /// The format version written in the prefix (the checksum order of the sections follows it). Setting a version
    /// before 6 drops the query state section, which those formats do not have, and sets the header's section count to 3.
    /// </summary>
    public int Version
    {
        get => _version;
        set
        {
            _version = value;
            if (value < IndexFormat.QueryStateVersion && Headers.Count == IndexFormat.SectionsWithQueryState.Length)
            {
                Headers.RemoveAt(Headers.Count - 1);
                Payloads.RemoveAt(Payloads.Count - 1);
                SetBodyInt32(SectionCount, IndexFormat.Sections.Length);
            }
        }
    }

    /// <summary>The header body (library version, options, LSH shape, document count, section count).</summary>
    public byte[] Body { get; set; }

    /// <summary>Each section's 24-byte header, in file order: written as is, lengths included.</summary>
    public List<byte[]> Headers { get; }

    /// <summary>Each section's stored payload, in file order.</summary>
    public List<byte[]> Payloads { get; }

    /// <summary>Where the options start in <see cref="Body"/>: after the u16 length and the library version bytes.</summary>
    public int Options => 2 + BinaryPrimitives.ReadUInt16LittleEndian(Body);

    /// <summary>Takes apart a file written at the current format (any codec).</summary>
    public static IndexFileParts Parse(byte[] file)
    {
        int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12));
        byte[] body = file.AsSpan(IndexFormat.PrefixBytes, bodyLength).ToArray();
        int at = IndexFormat.PrefixBytes + bodyLength + 8;
        var headers = new List<byte[]>();
        var payloads = new List<byte[]>();
        while (at < file.Length - IndexFormat.TrailerBytes)
        {
            byte[] header = file.AsSpan(at, IndexFormat.SectionHeaderBytes).ToArray();
            int stored = checked((int)BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(8)));
            headers.Add(header);
            payloads.Add(file.AsSpan(at + header.Length, stored).ToArray());
            at += header.Length + stored + 8;
        }
        return new IndexFileParts(BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8)), body, headers, payloads);
    }

    /// <summary>Replaces section <paramref name="index"/>'s payload and sets both its lengths to the new payload's (a raw section).</summary>
    public void SetPayload(int index, byte[] payload)
    {
        Payloads[index] = payload;
        BinaryPrimitives.WriteInt64LittleEndian(Headers[index].AsSpan(8), payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(Headers[index].AsSpan(16), payload.Length);
    }

    /// <summary>Writes a 32-bit field of the options part of the header body.</summary>
    public void SetBodyInt32(int field, int value) => BinaryPrimitives.WriteInt32LittleEndian(Body.AsSpan(Options + field), value);

    /// <summary>Writes the document count of the header body.</summary>
    public void SetBodyDocuments(long value) => BinaryPrimitives.WriteInt64LittleEndian(Body.AsSpan(Options + Documents), value);

    /// <summary>
    /// The file, with the prefix, header checksum, section checksums and trailer computed for <see cref="Version"/>;
    /// <paramref name="editTrailer"/> may change the trailer's first 16 bytes before its checksum is computed.
    /// </summary>
    public byte[] ToBytes(Action<byte[]>? editTrailer = null)
    {
        var output = new MemoryStream();
        var checksums = new List<ulong>();
        var prefix = new byte[IndexFormat.PrefixBytes];
        IndexFormat.Magic.CopyTo(prefix);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(8), Version);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(12), Body.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(prefix.AsSpan(16), XxHash3.HashToUInt64(prefix.AsSpan(0, 16)));
        output.Write(prefix);
        output.Write(Body);
        WriteChecksum(output, XxHash3.HashToUInt64([.. prefix, .. Body]), checksums);
        for (int s = 0; s < Headers.Count; s++)
        {
            output.Write(Headers[s]);
            output.Write(Payloads[s]);
            byte[] covered = Version >= IndexFormat.PayloadFirstChecksumVersion ? [.. Payloads[s], .. Headers[s]] : [.. Headers[s], .. Payloads[s]];
            WriteChecksum(output, XxHash3.HashToUInt64(covered), checksums);
        }
        return WithTrailer(output, checksums, editTrailer);
    }

    /// <summary>Ends <paramref name="output"/> with the trailer over <paramref name="checksums"/> (edited first if asked) and returns the file.</summary>
    internal static byte[] WithTrailer(MemoryStream output, List<ulong> checksums, Action<byte[]>? editTrailer = null)
    {
        var trailer = new byte[IndexFormat.TrailerBytes];
        IndexFormat.TrailerMagic.CopyTo(trailer);
        BinaryPrimitives.WriteInt64LittleEndian(trailer.AsSpan(8), output.Length);
        editTrailer?.Invoke(trailer);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer.AsSpan(16), IndexWriter.TrailerChecksum(trailer.AsSpan(0, 16), checksums));
        output.Write(trailer);
        return output.ToArray();
    }

    /// <summary>Writes a section's checksum and keeps it for the trailer.</summary>
    internal static void WriteChecksum(Stream output, ulong checksum, List<ulong> checksums)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, checksum);
        output.Write(bytes);
        checksums.Add(checksum);
    }
}
