using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Reflection;
using System.Text;

namespace NearDup.Persistence;

/// <summary>Writes an <see cref="IndexSnapshot"/> in the format of <see cref="IndexFormat"/>, streaming (no whole-file buffer).</summary>
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
        int n = docs.Count;
        var checksums = new List<ulong>();

        // Prefix and header.
        var body = new MemoryStream();
        WriteHeaderBody(new PayloadWriter(body, null), snapshot, n);
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
        long position = IndexFormat.PrefixBytes + body.Length + 8;

        // Sections.
        int bands = snapshot.Lsh.Bands;
        if (docs.Store.Bands != bands)
        {
            throw new InvalidOperationException($"The documents have {docs.Store.Bands} band keys each, not {bands}.");
        }
        long idTotal = 0;
        long fingerprintTotal = 0;
        for (int i = 0; i < n; i++)
        {
            idTotal += Encoding.UTF8.GetByteCount(docs.Id(i));
            fingerprintTotal += docs.FingerprintCount(i);
        }
        position += WriteSection(output, IndexFormat.DocumentsTag, codecs.Documents, codecs.BrotliQuality, 4 + n * 32L + idTotal, checksums, w =>
        {
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
        });
        position += WriteSection(output, IndexFormat.BandsTag, codecs.Bands, codecs.BrotliQuality, 8 + n * (long)bands * 4, checksums, w =>
        {
            w.WriteUInt32((uint)n);
            w.WriteUInt32((uint)bands);
            for (int i = 0; i < n; i++)
            {
                w.Write(docs.BandKeys(i));
            }
        });
        // Positions are written only when every document has them (an index loaded from format 2 and added to has not).
        bool positions = true;
        for (int i = 0; i < n && positions; i++)
        {
            positions = docs.Store.HasPositions(docs.Slot(i));
        }
        long fingerprintBytes = 8 + n * 4L + fingerprintTotal * (positions ? 6 : 4);
        position += WriteSection(output, IndexFormat.FingerprintsTag, codecs.Fingerprints, codecs.BrotliQuality, fingerprintBytes, checksums, w =>
        {
            w.WriteUInt32((uint)n);
            w.WriteUInt32(positions ? 1u : 0u);
            for (int i = 0; i < n; i++)
            {
                w.WriteUInt32((uint)docs.FingerprintCount(i));
            }
            for (int i = 0; i < n; i++)
            {
                w.Write(docs.Fingerprints(i));
                if (positions)
                {
                    w.Write(docs.Positions(i));
                }
            }
        });

        // Trailer.
        var trailer = new byte[IndexFormat.TrailerBytes];
        IndexFormat.TrailerMagic.CopyTo(trailer);
        BinaryPrimitives.WriteInt64LittleEndian(trailer.AsSpan(8), position);
        BinaryPrimitives.WriteUInt64LittleEndian(trailer.AsSpan(16), TrailerChecksum(trailer.AsSpan(0, 16), checksums));
        output.Write(trailer);
        output.Flush();
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
        w.WriteUInt32((uint)IndexFormat.Sections.Length);
        w.Flush();
    }

    private static long WriteSection(Stream output, uint tag, SectionCodec codec, int brotliQuality, long rawLength, List<ulong> checksums, Action<PayloadWriter> payload)
    {
        var hash = new XxHash3(IndexFormat.ChecksumSeed);
        var header = new byte[IndexFormat.SectionHeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(header, tag);
        header[4] = (byte)codec;
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), rawLength);
        long stored;
        if (codec == SectionCodec.Raw)
        {
            stored = rawLength;
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), stored);
            hash.Append(header);
            output.Write(header);
            var writer = new PayloadWriter(output, hash);
            payload(writer);
            writer.Flush();
            Check(tag, writer.Written, rawLength);
        }
        else
        {
            var compressed = new MemoryStream();
            using (Stream encoder = codec == SectionCodec.Brotli
                ? new BrotliStream(compressed, new BrotliCompressionOptions { Quality = brotliQuality }, leaveOpen: true)
                : new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                var writer = new PayloadWriter(encoder, null);
                payload(writer);
                writer.Flush();
                Check(tag, writer.Written, rawLength);
            }
            stored = compressed.Length;
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), stored);
            hash.Append(header);
            output.Write(header);
            var bytes = compressed.GetBuffer().AsSpan(0, (int)stored);
            hash.Append(bytes);
            output.Write(bytes);
        }
        ulong checksum = hash.GetCurrentHashAsUInt64();
        WriteChecksum(output, checksum);
        checksums.Add(checksum);
        return IndexFormat.SectionHeaderBytes + stored + 8;
    }

    private static void Check(uint tag, long written, long declared)
    {
        if (written != declared)
        {
            throw new InvalidOperationException($"Section {IndexFormat.TagText(tag)} wrote {written} bytes but declared {declared}.");
        }
    }

    private static void WriteChecksum(Stream output, ulong checksum)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, checksum);
        output.Write(bytes);
    }
}
