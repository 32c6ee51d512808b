using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using NearDup.Clustering;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Persistence;

/// <summary>
/// Reads an index file written by <see cref="IndexWriter"/>. Every problem (truncation, a flipped byte, a newer format)
/// is an <see cref="InvalidDataException"/> naming the section; nothing is returned unless every checksum matched.
/// Counts are checked against the bytes really left before anything is allocated, so a corrupt count cannot exhaust memory.
/// </summary>
internal static class IndexReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and verifies the whole file (or, with <paramref name="layoutOnly"/>, the header and section headers).</summary>
    public static IndexContents Read(Stream stream, bool layoutOnly = false, FingerprintSpill? spill = null)
    {
        if (!stream.CanSeek)
        {
            // The remaining length bounds every allocation; a pipe has none, so take it in first (bounded by what arrives).
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        long start = stream.Position;
        long fileBytes = stream.Length - start;
        var checksums = new List<ulong>();

        // Prefix: frozen for every version, so a newer file is told apart from a corrupt one.
        Span<byte> prefix = stackalloc byte[IndexFormat.PrefixBytes];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < 8 || !prefix[..8].SequenceEqual(IndexFormat.Magic))
        {
            throw new InvalidDataException(got == 0
                ? "Not a NearDup index: the file is empty."
                : "Not a NearDup index: the file does not start with \"NDUPIDX\" (a different file, or its first bytes are corrupt).");
        }
        if (got < prefix.Length)
        {
            throw PayloadReader.Corrupt("header", "is truncated");
        }
        if (BinaryPrimitives.ReadUInt64LittleEndian(prefix[16..]) != XxHash3.HashToUInt64(prefix[..16], IndexFormat.ChecksumSeed))
        {
            throw PayloadReader.Corrupt("header", "fails its checksum (format version or header length corrupt)");
        }
        int version = BinaryPrimitives.ReadInt32LittleEndian(prefix[8..]);
        int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[12..]);
        if (version > IndexFormat.Version)
        {
            throw new InvalidDataException($"NearDup index format version {version} is newer than this library (NearDup {IndexWriter.LibraryVersion}) reads: "
                + $"it reads versions 1 to {IndexFormat.Version}. Upgrade NearDup, or rebuild the index with this version.");
        }
        if (version < 1 || bodyLength < 0 || bodyLength > IndexFormat.MaxHeaderBodyBytes)
        {
            throw PayloadReader.Corrupt("header", $"declares format version {version} and {bodyLength} header bytes, which no NearDup writes");
        }

        // Header body.
        var body = new byte[bodyLength];
        new PayloadReader(stream, bodyLength, "header", null).Read(body);
        var headerHash = new XxHash3(IndexFormat.ChecksumSeed);
        headerHash.Append(prefix);
        headerHash.Append(body);
        ulong headerChecksum = ReadChecksum(stream, "header");
        if (headerChecksum != headerHash.GetCurrentHashAsUInt64())
        {
            throw PayloadReader.Corrupt("header", "fails its checksum");
        }
        checksums.Add(headerChecksum);
        var header = ReadHeaderBody(new PayloadReader(new MemoryStream(body), bodyLength, "header", null));

        // Sections.
        int n = checked((int)header.Documents);
        var sections = new List<IndexSectionInfo>();
        SketchStore? docs = null;
        long[] dates = [];
        ulong[] contentHashes = [], simHashes = [];
        int[] shingleCounts = [];
        string[] ids = [];
        uint[] bandKeys = [];
        foreach (var (tag, name) in IndexFormat.Sections)
        {
            var section = OpenSection(stream, start, fileBytes, tag, name, layoutOnly, checksums, out var info);
            sections.Add(info);
            if (section is null)
            {
                continue;
            }
            switch (tag)
            {
                case IndexFormat.DocumentsTag:
                    ReadDocuments(section.Reader, n, out dates, out contentHashes, out simHashes, out shingleCounts, out ids);
                    break;
                case IndexFormat.BandsTag:
                    bandKeys = ReadBands(section.Reader, n, header.Bands, version);
                    break;
                default:
                    docs = ReadFingerprints(section.Reader, n, header.Bands, version, ids, dates, contentHashes, simHashes, shingleCounts, bandKeys, spill);
                    bandKeys = [];
                    break;
            }
            section.Close(stream, checksums);
        }

        // Trailer.
        Span<byte> trailer = stackalloc byte[IndexFormat.TrailerBytes];
        new PayloadReader(stream, trailer.Length, "trailer", null).Read(trailer);
        long before = stream.Position - start - trailer.Length;
        if (!trailer[..8].SequenceEqual(IndexFormat.TrailerMagic)
            || BinaryPrimitives.ReadInt64LittleEndian(trailer[8..]) != before
            || BinaryPrimitives.ReadUInt64LittleEndian(trailer[16..]) != IndexWriter.TrailerChecksum(trailer[..16], checksums))
        {
            throw PayloadReader.Corrupt("trailer", "fails its checksum");
        }
        if (stream.ReadByte() >= 0)
        {
            throw PayloadReader.Corrupt("trailer", "is followed by bytes that are not part of the index");
        }
        return new IndexContents(version, header.LibraryVersion, header.Options, header.Bands, header.Rows, header.Documents, docs, sections, fileBytes);
    }

    private sealed record Header(string LibraryVersion, NearDupOptions Options, int Bands, int Rows, long Documents);

    private static Header ReadHeaderBody(PayloadReader r)
    {
        int versionLength = r.ReadByte() | r.ReadByte() << 8;
        var versionBytes = new byte[r.CheckCount(versionLength, 1, "library version bytes")];
        r.Read(versionBytes);
        string libraryVersion = Decode(versionBytes, r);
        byte shingleScheme = r.ReadByte();
        int shingleSize = r.ReadInt32();
        byte removeDiacritics = r.ReadByte();
        byte removeDigits = r.ReadByte();
        ulong shingleSeed = r.ReadUInt64();
        byte minHashScheme = r.ReadByte();
        int permutations = r.ReadInt32();
        ulong minHashSeed = r.ReadUInt64();
        if (shingleScheme > (byte)ShingleScheme.Character || minHashScheme > (byte)MinHashScheme.KPermutation || removeDiacritics > 1 || removeDigits > 1)
        {
            r.Throw("holds an option value no NearDup writes");
        }
        NearDupOptions options;
        try
        {
            options = new NearDupOptions
            {
                Shingles = new ShingleOptions
                {
                    Scheme = (ShingleScheme)shingleScheme,
                    Size = shingleSize,
                    Normalization = new NormalizationOptions { RemoveDiacritics = removeDiacritics == 1, RemoveDigits = removeDigits == 1 },
                    Seed = shingleSeed,
                },
                MinHash = new MinHashOptions { Scheme = (MinHashScheme)minHashScheme, Permutations = permutations, Seed = minHashSeed },
                LshThreshold = r.ReadDouble(),
                SampleRate = r.ReadDouble(),
                SimHashMaxDistance = r.ReadInt32(),
                MinContainment = r.ReadDouble(),
                MinSharedShingles = r.ReadInt32(),
                PassageShingles = r.ReadInt32(),
                SyndicatedJaccard = r.ReadDouble(),
                SyndicatedContainment = r.ReadDouble(),
                ExcerptLengthRatio = r.ReadDouble(),
                AnchorRate = r.ReadInt32(),
                MinSharedAnchors = r.ReadInt32(),
                CommonShingleDocuments = r.ReadInt32(),
            };
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw PayloadReader.Corrupt("header", $"holds invalid options ({e.Message})", e);
        }
        int bands = r.ReadInt32();
        int rows = r.ReadInt32();
        long documents = r.ReadInt64();
        uint sectionCount = r.ReadUInt32();
        r.CheckEnd();
        if (bands < 1 || rows < 1 || (long)bands * rows > permutations || documents < 0 || documents > int.MaxValue || sectionCount != IndexFormat.Sections.Length)
        {
            r.Throw($"declares {bands} bands of {rows} rows, {documents} documents and {sectionCount} sections, which do not fit together");
        }
        return new Header(libraryVersion, options, bands, rows, documents);
    }

    /// <summary>A section being read: its payload reader, and what closing it must check.</summary>
    private sealed class OpenedSection(PayloadReader reader, XxHash3? hash, string name, Stream? decoder)
    {
        public PayloadReader Reader { get; } = reader;

        public void Close(Stream stream, List<ulong> checksums)
        {
            Reader.CheckEnd();
            if (decoder is not null)
            {
                // The compressed stream must end where the declared raw length does.
                bool extra;
                try
                {
                    extra = decoder.ReadByte() >= 0;
                }
                catch (InvalidDataException e)
                {
                    throw PayloadReader.Corrupt(name, $"cannot be decoded ({e.Message})", e);
                }
                if (extra)
                {
                    Reader.Throw("decodes to more bytes than it declares");
                }
                decoder.Dispose();
                return;
            }
            ulong expected = ReadChecksum(stream, name);
            if (expected != hash!.GetCurrentHashAsUInt64())
            {
                Reader.Throw("fails its checksum");
            }
            checksums.Add(expected);
        }
    }

    private static OpenedSection? OpenSection(Stream stream, long start, long fileBytes, uint expectedTag, string name, bool layoutOnly,
        List<ulong> checksums, out IndexSectionInfo info)
    {
        Span<byte> header = stackalloc byte[IndexFormat.SectionHeaderBytes];
        new PayloadReader(stream, header.Length, name, null).Read(header);
        uint tag = BinaryPrimitives.ReadUInt32LittleEndian(header);
        byte codec = header[4];
        long stored = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        long raw = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
        long left = fileBytes - (stream.Position - start) - 8 - IndexFormat.TrailerBytes;
        if (tag != expectedTag)
        {
            throw PayloadReader.Corrupt(name, $"is missing: found tag \"{IndexFormat.TagText(tag)}\" where \"{IndexFormat.TagText(expectedTag)}\" belongs");
        }
        if (codec > (byte)SectionCodec.ZLib || header[5] != 0 || header[6] != 0 || header[7] != 0)
        {
            throw PayloadReader.Corrupt(name, $"declares codec {codec}, which this library does not know");
        }
        if (stored < 0 || stored > left)
        {
            throw PayloadReader.Corrupt(name, left < 0 ? "is truncated" : $"declares {stored:N0} bytes but the file has {Math.Max(0, left):N0} left for it");
        }
        if (raw < 0 || (codec == (byte)SectionCodec.Raw && raw != stored) || raw > Array.MaxLength * 64L)
        {
            throw PayloadReader.Corrupt(name, $"declares {raw:N0} decoded bytes for {stored:N0} stored, which cannot be");
        }
        info = new IndexSectionInfo(name, ((SectionCodec)codec).ToString().ToLowerInvariant(), stored, raw);
        var hash = new XxHash3(IndexFormat.ChecksumSeed);
        hash.Append(header);
        if (layoutOnly)
        {
            stream.Seek(stored, SeekOrigin.Current);
            checksums.Add(ReadChecksum(stream, name));
            return null;
        }
        if (codec == (byte)SectionCodec.Raw)
        {
            // Streamed straight into the sketches, hashed on the way; the checksum is compared when the section ends.
            return new OpenedSection(new PayloadReader(stream, stored, name, hash), hash, name, null);
        }
        // Compressed: verify the stored bytes before decoding anything.
        if (stored > Array.MaxLength)
        {
            throw PayloadReader.Corrupt(name, $"declares {stored:N0} compressed bytes, more than one buffer holds");
        }
        var bytes = new byte[stored];
        new PayloadReader(stream, stored, name, hash).Read(bytes);
        ulong expected = ReadChecksum(stream, name);
        if (expected != hash.GetCurrentHashAsUInt64())
        {
            throw PayloadReader.Corrupt(name, "fails its checksum");
        }
        checksums.Add(expected);
        var input = new MemoryStream(bytes, writable: false);
        Stream decoder = codec == (byte)SectionCodec.Brotli ? new BrotliStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
        return new OpenedSection(new PayloadReader(decoder, raw, name, null), null, name, decoder);
    }

    private static void ReadDocuments(PayloadReader r, int n, out long[] dates, out ulong[] contentHashes, out ulong[] simHashes, out int[] shingleCounts, out string[] ids)
    {
        CheckDocumentCount(r, n);
        r.CheckCount(n, 32, "documents");
        var dateBits = new ulong[n];
        r.Read(dateBits);
        dates = Array.ConvertAll(dateBits, static x => (long)x);
        contentHashes = new ulong[n];
        r.Read(contentHashes);
        simHashes = new ulong[n];
        r.Read(simHashes);
        var counts = new uint[n];
        r.Read(counts);
        shingleCounts = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (counts[i] > int.MaxValue)
            {
                r.Throw($"gives document {i} a negative shingle count");
            }
            shingleCounts[i] = (int)counts[i];
        }
        var idLengths = new uint[n];
        r.Read(idLengths);
        long idTotal = 0;
        foreach (uint length in idLengths)
        {
            idTotal += length;
        }
        var idBytes = new byte[r.CheckCount(idTotal, 1, "id bytes")];
        r.Read(idBytes);
        ids = new string[n];
        int offset = 0;
        for (int i = 0; i < n; i++)
        {
            int length = (int)idLengths[i];
            ids[i] = Decode(idBytes.AsSpan(offset, length), r);
            offset += length;
            if (ids[i].Length == 0)
            {
                r.Throw($"gives document {i} an empty id");
            }
            // Written in ordinal order: this also rules out repeated ids.
            if (i > 0 && string.CompareOrdinal(ids[i - 1], ids[i]) >= 0)
            {
                r.Throw($"lists ids out of order at document {i} ('{ids[i - 1]}' then '{ids[i]}')");
            }
        }
    }

    /// <summary>The band keys, document by document; version 1 stored them in 64 bits, of which the low 32 are kept.</summary>
    private static uint[] ReadBands(PayloadReader r, int n, int bands, int version)
    {
        CheckDocumentCount(r, n);
        uint declared = r.ReadUInt32();
        if (declared != bands)
        {
            r.Throw($"holds {declared} band keys per document where the header says {bands}");
        }
        long total = (long)n * bands;
        var keys = new uint[r.CheckCount(total, version == 1 ? 8 : 4, "band keys")];
        if (version > 1)
        {
            r.Read(keys);
            return keys;
        }
        var wide = new ulong[bands];
        for (int i = 0; i < n; i++)
        {
            r.Read(wide);
            for (int band = 0; band < bands; band++)
            {
                keys[(long)i * bands + band] = (uint)wide[band];
            }
        }
        return keys;
    }

    private static SketchStore ReadFingerprints(PayloadReader r, int n, int bands, int version, string[] ids, long[] dates, ulong[] contentHashes,
        ulong[] simHashes, int[] shingleCounts, uint[] bandKeys, FingerprintSpill? spill)
    {
        CheckDocumentCount(r, n);
        // Format 3 adds each fingerprint's position after the document's fingerprints, when the writer had them all.
        bool hasPositions = false;
        if (version >= 3)
        {
            uint flag = r.ReadUInt32();
            if (flag > 1)
            {
                r.Throw($"has positions flag {flag}, which no NearDup writes");
            }
            hasPositions = flag == 1;
        }
        r.CheckCount(n, 4, "fingerprint counts");
        var counts = new uint[n];
        r.Read(counts);
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            if (counts[i] > (uint)shingleCounts[i])
            {
                r.Throw($"gives document '{ids[i]}' {counts[i]:N0} fingerprints but it has only {shingleCounts[i]:N0} shingles");
            }
            total += counts[i];
        }
        r.CheckCount(total, hasPositions ? 6 : 4, "fingerprints");
        var store = new SketchStore(bands, spill);
        var buffer = new uint[1024];
        var positions = new ushort[hasPositions ? 1024 : 0];
        for (int i = 0; i < n; i++)
        {
            if (buffer.Length < counts[i])
            {
                buffer = new uint[Math.Max(counts[i], buffer.Length * 2L)];
            }
            var fingerprints = buffer.AsSpan(0, (int)counts[i]);
            r.Read(fingerprints);
            for (int k = 1; k < fingerprints.Length; k++)
            {
                if (fingerprints[k] <= fingerprints[k - 1])
                {
                    r.Throw($"holds unsorted fingerprints for document '{ids[i]}'");
                }
            }
            var documentPositions = ReadPositions(r, ref positions, (int)counts[i], hasPositions);
            store.Add(ids[i], dates[i], contentHashes[i], simHashes[i], shingleCounts[i], bandKeys.AsSpan(i * bands, bands), fingerprints, documentPositions);
        }
        return store;
    }

    private static ReadOnlySpan<ushort> ReadPositions(PayloadReader r, ref ushort[] buffer, int count, bool hasPositions)
    {
        if (!hasPositions)
        {
            return [];
        }
        if (buffer.Length < count)
        {
            buffer = new ushort[Math.Max(count, buffer.Length * 2)];
        }
        var positions = buffer.AsSpan(0, count);
        r.Read(positions);
        return positions;
    }

    private static void CheckDocumentCount(PayloadReader r, int n)
    {
        uint count = r.ReadUInt32();
        if (count != n)
        {
            r.Throw($"holds {count:N0} documents where the header says {n:N0}");
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes, PayloadReader r)
    {
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            r.Throw("holds text that is not valid UTF-8");
            return "";
        }
    }

    private static ulong ReadChecksum(Stream stream, string section)
    {
        Span<byte> bytes = stackalloc byte[8];
        new PayloadReader(stream, 8, section, null).Read(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
