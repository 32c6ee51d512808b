using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Reflection;
using System.Text;
using NearDup.Clustering;

namespace NearDup.Persistence;

/// <summary>
/// Writes an <see cref="IndexSnapshot"/> in the format of <see cref="IndexFormat"/>, streaming (no whole-file buffer).
/// A section's lengths are known only once its payload is written, so its header is written last, over a placeholder;
/// a stream that cannot seek gets each section from a memory buffer instead.
/// </summary>
internal static class IndexWriter
{
    public static string LibraryVersion { get; } =
        typeof(IndexWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(IndexWriter).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Writes the snapshot; documents are written in ordinal id order, so one set of documents gives one file.</summary>
    public static void Write(Stream output, IndexSnapshot snapshot, IndexCodecs? codecs = null)
    {
        codecs ??= IndexCodecs.Default;
        var docs = snapshot.Documents; // in ordinal id order
        int bands = snapshot.Lsh.Bands;
        if (docs.Store.Bands != bands)
        {
            throw new InvalidOperationException($"The documents have {docs.Store.Bands} band keys each, not {bands}.");
        }
        var checksums = new List<ulong>();
        long position = WriteHeader(output, snapshot, checksums);
        position += WriteSection(output, IndexFormat.DocumentsTag, codecs.Documents, codecs.BrotliQuality, checksums, w => WriteDocuments(w, docs));
        position += WriteSection(output, IndexFormat.BandsTag, codecs.Bands, codecs.BrotliQuality, checksums, w => WriteBands(w, docs, bands));
        position += WriteSection(output, IndexFormat.FingerprintsTag, codecs.Fingerprints, codecs.BrotliQuality, checksums,
            w => WriteFingerprints(w, docs, codecs.PackFingerprints));
        position += WriteSection(output, IndexFormat.QueryStateTag, codecs.QueryState, codecs.BrotliQuality, checksums,
            w => QueryStateSection.Write(w, snapshot.QueryState, codecs.PackFingerprints));
        WriteTrailer(output, position, checksums);
    }

    /// <summary>XXH3-64 of the trailer's first 16 bytes followed by every header and section checksum, little-endian.</summary>
    public static ulong TrailerChecksum(ReadOnlySpan<byte> trailerStart, List<ulong> checksums)
    {
        var hash = new XxHash3(IndexFormat.ChecksumSeed);
        hash.Append(trailerStart);
        Span<byte> bytes = stackalloc byte[8];
        foreach (ulong checksum in checksums)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, checksum);
            hash.Append(bytes);
        }
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>Writes the prefix, the header body and its checksum; returns the bytes written.</summary>
    private static long WriteHeader(Stream output, IndexSnapshot snapshot, List<ulong> checksums)
    {
        var body = new MemoryStream();
        WriteHeaderBody(new PayloadWriter(body, null), snapshot, snapshot.Documents.Count);
        var prefix = new byte[IndexFormat.PrefixBytes];
        IndexFormat.Magic.CopyTo(prefix);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(8), IndexFormat.Version);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(12), (int)body.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(prefix.AsSpan(16), XxHash3.HashToUInt64(prefix.AsSpan(0, 16), IndexFormat.ChecksumSeed));
        var headerHash = new XxHash3(IndexFormat.ChecksumSeed);
        var head = new PayloadWriter(output, headerHash);
        head.Write(prefix);
        head.Write(body.GetBuffer().AsSpan(0, (int)body.Length));
        head.Flush();
        ulong headerChecksum = headerHash.GetCurrentHashAsUInt64();
        WriteChecksum(output, headerChecksum);
        checksums.Add(headerChecksum);
        return IndexFormat.PrefixBytes + body.Length + 8;
    }

    private static void WriteHeaderBody(PayloadWriter w, IndexSnapshot snapshot, int documents)
    {
        var o = snapshot.Options;
        byte[] version = Encoding.UTF8.GetBytes(LibraryVersion.Length > 200 ? LibraryVersion[..200] : LibraryVersion);
        w.WriteUInt16((ushort)version.Length);
        w.Write(version);
        // Options that shape a sketch: a file is only usable with these.
        w.WriteByte((byte)o.Shingles.Scheme);
        w.WriteInt32(o.Shingles.Size);
        w.WriteByte(o.Shingles.Normalization.RemoveDiacritics ? (byte)1 : (byte)0);
        w.WriteByte(o.Shingles.Normalization.RemoveDigits ? (byte)1 : (byte)0);
        w.WriteUInt64(o.Shingles.Seed);
        w.WriteByte((byte)o.MinHash.Scheme);
        w.WriteInt32(o.MinHash.Permutations);
        w.WriteUInt64(o.MinHash.Seed);
        w.WriteDouble(o.LshThreshold);
        w.WriteDouble(o.SampleRate);
        // Clustering thresholds: defaults for a load that gives no options.
        w.WriteInt32(o.SimHashMaxDistance);
        w.WriteDouble(o.MinContainment);
        w.WriteInt32(o.MinSharedShingles);
        w.WriteInt32(o.PassageShingles);
        w.WriteDouble(o.SyndicatedJaccard);
        w.WriteDouble(o.SyndicatedContainment);
        w.WriteDouble(o.ExcerptLengthRatio);
        w.WriteInt32(o.AnchorRate);
        w.WriteInt32(o.MinSharedAnchors);
        w.WriteInt32(o.CommonShingleDocuments);
        // Derived shape, checked on load.
        w.WriteInt32(snapshot.Lsh.Bands);
        w.WriteInt32(snapshot.Lsh.Rows);
        w.WriteInt64(documents);
        w.WriteUInt32((uint)IndexFormat.SectionsWithQueryState.Length);
        w.Flush();
    }

    /// <summary>Dates, content hashes, SimHashes, shingle counts, id lengths, then the ids' UTF-8 bytes, each as one column.</summary>
    private static void WriteDocuments(PayloadWriter w, DocumentTable docs)
    {
        int n = docs.Count;
        w.WriteUInt32((uint)n);
        for (int i = 0; i < n; i++)
        {
            w.WriteInt64(docs.DateTicks(i));
        }
        for (int i = 0; i < n; i++)
        {
            w.WriteUInt64(docs.ContentHash(i));
        }
        for (int i = 0; i < n; i++)
        {
            w.WriteUInt64(docs.SimHash(i));
        }
        for (int i = 0; i < n; i++)
        {
            w.WriteInt32(docs.ShingleCount(i));
        }
        for (int i = 0; i < n; i++)
        {
            w.WriteUInt32((uint)Encoding.UTF8.GetByteCount(docs.Id(i)));
        }
        var buffer = new byte[256];
        for (int i = 0; i < n; i++)
        {
            string id = docs.Id(i);
            int max = Encoding.UTF8.GetMaxByteCount(id.Length);
            if (buffer.Length < max)
            {
                buffer = new byte[max];
            }
            w.Write(buffer.AsSpan(0, Encoding.UTF8.GetBytes(id, buffer)));
        }
    }

    private static void WriteBands(PayloadWriter w, DocumentTable docs, int bands)
    {
        w.WriteUInt32((uint)docs.Count);
        w.WriteUInt32((uint)bands);
        for (int i = 0; i < docs.Count; i++)
        {
            w.Write(docs.BandKeys(i));
        }
    }

    /// <summary>The positions as a span of <paramref name="buffer"/>, which grows to hold them.</summary>
    private static ReadOnlySpan<ushort> Unpacked(PositionList positions, ref ushort[] buffer)
    {
        if (buffer.Length < positions.Length)
        {
            buffer = new ushort[Math.Max(positions.Length, buffer.Length * 2)];
        }
        positions.CopyTo(buffer);
        return buffer.AsSpan(0, positions.Length);
    }

    /// <summary>Counts, then each document's fingerprints and positions, raw or packed (<see cref="FingerprintPacking"/>).</summary>
    private static void WriteFingerprints(PayloadWriter w, DocumentTable docs, bool packed)
    {
        int n = docs.Count;
        // Positions are written only when every document has them (an index loaded from format 2 and added to has not).
        bool positions = true;
        for (int i = 0; i < n && positions; i++)
        {
            positions = docs.Store.HasPositions(docs.Slot(i));
        }
        w.WriteUInt32((uint)n);
        w.WriteUInt32((positions ? IndexFormat.PositionsFlag : 0) | (packed ? IndexFormat.PackedFlag : 0) | IndexFormat.FactsFlag);
        for (int i = 0; i < n; i++)
        {
            w.WriteUInt32((uint)docs.FingerprintCount(i));
        }
        uint[] values = [];
        byte[] scratch = [];
        ushort[] plain = [];
        for (int i = 0; i < n; i++)
        {
            if (packed)
            {
                FingerprintPacking.WriteFingerprints(w, docs.Fingerprints(i), ref values, ref scratch);
            }
            else
            {
                w.Write(docs.Fingerprints(i));
            }
            if (positions && packed)
            {
                FingerprintPacking.WritePositions(w, docs.Positions(i), ref values, ref scratch);
            }
            else if (positions)
            {
                w.Write(Unpacked(docs.Positions(i), ref plain));
            }
            WriteFacts(w, docs.Facts(i), packed, ref values, ref scratch);
        }
    }

    private static void WriteFacts(PayloadWriter w, ReadOnlySpan<uint> facts, bool packed, ref uint[] values, ref byte[] scratch)
    {
        w.WriteByte((byte)facts.Length);
        if (facts.IsEmpty)
        {
            return;
        }
        if (packed)
        {
            FingerprintPacking.WriteFingerprints(w, facts, ref values, ref scratch);
        }
        else
        {
            w.Write(facts);
        }
    }

    /// <summary>
    /// Writes one section: a placeholder header, the payload through the codec, then the real header over the
    /// placeholder (or, on a stream that cannot seek, the header and then the payload from memory). Returns its bytes.
    /// </summary>
    private static long WriteSection(Stream output, uint tag, SectionCodec codec, int brotliQuality, List<ulong> checksums, Action<PayloadWriter> payload)
    {
        var header = new byte[IndexFormat.SectionHeaderBytes];
        bool seek = output.CanSeek;
        long headerAt = seek ? output.Position : 0;
        var body = seek ? output : new MemoryStream();
        if (seek)
        {
            output.Write(header);
        }
        var hash = new XxHash3(IndexFormat.ChecksumSeed);
        var stored = new HashingWriteStream(body, hash);
        long raw = Encode(stored, codec, brotliQuality, payload);
        BinaryPrimitives.WriteUInt32LittleEndian(header, tag);
        header[4] = (byte)codec;
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), stored.Written);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), raw);
        if (seek)
        {
            long end = output.Position;
            output.Position = headerAt;
            output.Write(header);
            output.Position = end;
        }
        else
        {
            output.Write(header);
            output.Write(((MemoryStream)body).GetBuffer().AsSpan(0, (int)stored.Written));
        }
        hash.Append(header);
        ulong checksum = hash.GetCurrentHashAsUInt64();
        WriteChecksum(output, checksum);
        checksums.Add(checksum);
        return IndexFormat.SectionHeaderBytes + stored.Written + 8;
    }

    /// <summary>Writes the payload through the codec into <paramref name="stored"/>; returns the payload's raw bytes.</summary>
    private static long Encode(Stream stored, SectionCodec codec, int brotliQuality, Action<PayloadWriter> payload)
    {
        Stream encoder = codec switch
        {
            SectionCodec.Raw => stored,
            SectionCodec.Lz4 => new Lz4BlockWriter(stored),
            SectionCodec.Brotli => new BrotliStream(stored, new BrotliCompressionOptions { Quality = brotliQuality }, leaveOpen: true),
            _ => new ZLibStream(stored, CompressionLevel.Optimal, leaveOpen: true),
        };
        var writer = new PayloadWriter(encoder, null);
        payload(writer);
        writer.Flush();
        if (encoder is Lz4BlockWriter blocks)
        {
            blocks.Flush();
        }
        if (encoder != stored)
        {
            encoder.Dispose();
        }
        return writer.Written;
    }

    private static void WriteTrailer(Stream output, long position, List<ulong> checksums)
    {
        var trailer = new byte[IndexFormat.TrailerBytes];
        IndexFormat.TrailerMagic.CopyTo(trailer);
        BinaryPrimitives.WriteInt64LittleEndian(trailer.AsSpan(8), position);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer.AsSpan(16), TrailerChecksum(trailer.AsSpan(0, 16), checksums));
        output.Write(trailer);
        output.Flush();
    }

    private static void WriteChecksum(Stream output, ulong checksum)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, checksum);
        output.Write(bytes);
    }
}
