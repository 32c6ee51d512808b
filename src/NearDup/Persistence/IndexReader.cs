using System.Buffers.Binary;
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
        stream = Seekable(stream);
        long start = stream.Position;
        long fileBytes = stream.Length - start;
        var checksums = new List<ulong>();
        var header = ReadHeader(stream, checksums);
        var sections = new List<IndexSectionInfo>();
        var (store, state) = ReadSections(stream, start, fileBytes, header, layoutOnly, spill, checksums, sections);
        ReadTrailer(stream, start, checksums);
        return new IndexContents(header.Version, header.LibraryVersion, header.Options, header.Bands, header.Rows, header.Documents, store, sections, fileBytes)
        {
            QueryState = state,
        };
    }

    /// <summary>The remaining length bounds every allocation; a pipe has none, so it is taken in first (bounded by what arrives).</summary>
    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek)
        {
            return stream;
        }
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    /// <summary>Reads the prefix and the header body, checking both checksums.</summary>
    private static IndexHeader ReadHeader(Stream stream, List<ulong> checksums)
    {
        Span<byte> prefix = stackalloc byte[IndexFormat.PrefixBytes];
        var (version, bodyLength) = ReadPrefix(stream, prefix);
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
        return ReadHeaderBody(new PayloadReader(new MemoryStream(body), bodyLength, "header", null), version);
    }

    /// <summary>The prefix is frozen for every version, so a newer file is told apart from a corrupt one.</summary>
    private static (int Version, int BodyLength) ReadPrefix(Stream stream, Span<byte> prefix)
    {
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
        return (version, bodyLength);
    }

    /// <summary>Reads the sections in file order; returns the sketches and the query state (if saved), or nulls with <paramref name="layoutOnly"/>.</summary>
    private static (SketchStore? Store, SavedQueryState? State) ReadSections(Stream stream, long start, long fileBytes, IndexHeader header, bool layoutOnly, FingerprintSpill? spill,
        List<ulong> checksums, List<IndexSectionInfo> sections)
    {
        int n = checked((int)header.Documents);
        SketchStore? store = null;
        SavedQueryState? state = null;
        var documents = DocumentColumns.Empty;
        uint[] bandKeys = [];
        foreach (var (tag, name) in IndexFormat.SectionsOf(header.Version))
        {
            using var section = OpenSection(stream, start, fileBytes, tag, name, header.Version, layoutOnly, checksums, out var info);
            sections.Add(info);
            if (section is null)
            {
                continue;
            }
            switch (tag)
            {
                case IndexFormat.DocumentsTag:
                    documents = ReadDocuments(section.Reader, n);
                    break;
                case IndexFormat.BandsTag:
                    bandKeys = ReadBands(section.Reader, n, header.Bands, header.Version);
                    break;
                case IndexFormat.FingerprintsTag:
                    store = ReadFingerprints(section.Reader, n, header.Bands, header.Version, documents, bandKeys, spill);
                    bandKeys = [];
                    break;
                default:
                    state = QueryStateSection.Read(section.Reader, header.Version, n, store!, header.Options);
                    break;
            }
            checksums.Add(section.Close());
        }
        return (store, state);
    }

    private static void ReadTrailer(Stream stream, long start, List<ulong> checksums)
    {
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
    }

    private static IndexHeader ReadHeaderBody(PayloadReader r, int version)
    {
        int versionLength = r.ReadByte() | r.ReadByte() << 8;
        var versionBytes = new byte[r.CheckCount(versionLength, 1, "library version bytes")];
        r.Read(versionBytes);
        string libraryVersion = Decode(versionBytes, r);
        var options = ReadOptions(r, out int permutations);
        int bands = r.ReadInt32();
        int rows = r.ReadInt32();
        long documents = r.ReadInt64();
        uint sectionCount = r.ReadUInt32();
        r.CheckEnd();
        if (bands < 1 || rows < 1 || (long)bands * rows > permutations || documents < 0 || documents > int.MaxValue
            || sectionCount != IndexFormat.SectionsOf(version).Length)
        {
            r.Throw($"declares {bands} bands of {rows} rows, {documents} documents and {sectionCount} sections, which do not fit together");
        }
        return new IndexHeader(version, libraryVersion, options, bands, rows, documents);
    }

    /// <summary>The saved options, in the order <see cref="IndexWriter"/> writes them, validated.</summary>
    private static NearDupOptions ReadOptions(PayloadReader r, out int permutations)
    {
        byte shingleScheme = r.ReadByte();
        int shingleSize = r.ReadInt32();
        byte removeDiacritics = r.ReadByte();
        byte removeDigits = r.ReadByte();
        ulong shingleSeed = r.ReadUInt64();
        byte minHashScheme = r.ReadByte();
        permutations = r.ReadInt32();
        ulong minHashSeed = r.ReadUInt64();
        if (shingleScheme > (byte)ShingleScheme.Character || minHashScheme > (byte)MinHashScheme.KPermutation || removeDiacritics > 1 || removeDigits > 1)
        {
            r.Throw("holds an option value no NearDup writes");
        }
        try
        {
            var options = new NearDupOptions
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
            return options;
        }
        catch (ArgumentException e)
        {
            throw PayloadReader.Corrupt("header", $"holds invalid options ({e.Message})", e);
        }
    }

    /// <summary>Reads and checks a section header; returns the opened payload, or null (the payload skipped) with <paramref name="layoutOnly"/>.</summary>
    private static SectionReader? OpenSection(Stream stream, long start, long fileBytes, uint expectedTag, string name, int version, bool layoutOnly,
        List<ulong> checksums, out IndexSectionInfo info)
    {
        var header = new byte[IndexFormat.SectionHeaderBytes];
        new PayloadReader(stream, header.Length, name, null).Read(header);
        uint tag = BinaryPrimitives.ReadUInt32LittleEndian(header);
        byte codec = header[4];
        long stored = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(8));
        long raw = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
        long left = fileBytes - (stream.Position - start) - 8 - IndexFormat.TrailerBytes;
        CheckSectionHeader(name, expectedTag, tag, codec, header, version, stored, raw, left);
        info = new IndexSectionInfo(name, ((SectionCodec)codec).ToString().ToLowerInvariant(), stored, raw);
        if (!layoutOnly)
        {
            return SectionReader.Open(stream, name, header, (SectionCodec)codec, stored, raw, version);
        }
        stream.Seek(stored, SeekOrigin.Current);
        checksums.Add(ReadChecksum(stream, name));
        return null;
    }

    private static void CheckSectionHeader(string name, uint expectedTag, uint tag, byte codec, byte[] header, int version, long stored, long raw, long left)
    {
        if (tag != expectedTag)
        {
            throw PayloadReader.Corrupt(name, $"is missing: found tag \"{IndexFormat.TagText(tag)}\" where \"{IndexFormat.TagText(expectedTag)}\" belongs");
        }
        var newest = version >= IndexFormat.PayloadFirstChecksumVersion ? SectionCodec.Lz4 : SectionCodec.ZLib;
        if (codec > (byte)newest || header[5] != 0 || header[6] != 0 || header[7] != 0)
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
    }

    private static DocumentColumns ReadDocuments(PayloadReader r, int n)
    {
        CheckDocumentCount(r, n);
        r.CheckCount(n, 32, "documents");
        var dateBits = new ulong[n];
        r.Read(dateBits);
        var dates = Array.ConvertAll(dateBits, static x => (long)x);
        var contentHashes = new ulong[n];
        r.Read(contentHashes);
        var simHashes = new ulong[n];
        r.Read(simHashes);
        var counts = new uint[n];
        r.Read(counts);
        var shingleCounts = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (counts[i] > int.MaxValue)
            {
                r.Throw($"gives document {i} a negative shingle count");
            }
            shingleCounts[i] = (int)counts[i];
        }
        return new DocumentColumns(ReadIds(r, n), dates, contentHashes, simHashes, shingleCounts);
    }

    private static string[] ReadIds(PayloadReader r, int n)
    {
        var idLengths = new uint[n];
        r.Read(idLengths);
        long idTotal = 0;
        foreach (uint length in idLengths)
        {
            idTotal += length;
        }
        var idBytes = new byte[r.CheckCount(idTotal, 1, "id bytes")];
        r.Read(idBytes);
        var ids = new string[n];
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
        return ids;
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

    private static SketchStore ReadFingerprints(PayloadReader r, int n, int bands, int version, DocumentColumns docs, uint[] bandKeys, FingerprintSpill? spill)
    {
        CheckDocumentCount(r, n);
        uint flags = ReadFingerprintFlags(r, version);
        bool hasPositions = (flags & IndexFormat.PositionsFlag) != 0;
        bool packed = (flags & IndexFormat.PackedFlag) != 0;
        bool hasFacts = (flags & IndexFormat.FactsFlag) != 0;
        CheckFactsReadable(version, hasFacts);
        r.CheckCount(n, 4, "fingerprint counts");
        var counts = new uint[n];
        r.Read(counts);
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            if (counts[i] > (uint)docs.ShingleCounts[i])
            {
                r.Throw($"gives document '{docs.Ids[i]}' {counts[i]:N0} fingerprints but it has only {docs.ShingleCounts[i]:N0} shingles");
            }
            total += counts[i];
        }
        // Packed, a fingerprint takes at least one bit, and a position one more; raw, four bytes and two.
        if (packed ? total > r.Remaining * 8 / (hasPositions ? 2 : 1) : total > r.Remaining / (hasPositions ? 6 : 4))
        {
            r.Throw($"declares {total:N0} fingerprints, more than its remaining {r.Remaining:N0} bytes can hold");
        }
        var store = new SketchStore(bands, spill);
        var reader = new FingerprintRun(r, hasPositions, packed, hasFacts);
        for (int i = 0; i < n; i++)
        {
            var fingerprints = reader.Next((int)counts[i], docs.Ids[i], out var positions);
            var facts = reader.NextFacts(docs.Ids[i]);
            store.Add(docs.Ids[i], docs.Dates[i], docs.ContentHashes[i], docs.SimHashes[i], docs.ShingleCounts[i], bandKeys.AsSpan(i * bands, bands),
                fingerprints, positions, facts);
        }
        return store;
    }

    /// <summary>Refuses facts saved before <see cref="IndexFormat.FoldedFactsVersion"/>: hashed unfolded, they would not compare with new ones.</summary>
    private static void CheckFactsReadable(int version, bool hasFacts)
    {
        if (hasFacts && version < IndexFormat.FoldedFactsVersion)
        {
            throw new InvalidDataException($"NearDup index format version {version} holds facts hashed before version {IndexFormat.FoldedFactsVersion}, "
                + "which folds them by shape (OCR misreads); they cannot be hashed again without the texts. Rebuild the index with this version "
                + $"(NearDup {IndexWriter.LibraryVersion}, format {IndexFormat.Version}): neardup index build.");
        }
    }

    /// <summary>Format 3 adds a flags word (positions after each document's fingerprints), format 4 a packed flag, format 5 facts.</summary>
    private static uint ReadFingerprintFlags(PayloadReader r, int version)
    {
        if (version < 3)
        {
            return 0;
        }
        uint flags = r.ReadUInt32();
        uint known = IndexFormat.PositionsFlag
            | (version >= IndexFormat.PayloadFirstChecksumVersion ? IndexFormat.PackedFlag : 0)
            | (version >= IndexFormat.FactsVersion ? IndexFormat.FactsFlag : 0);
        if ((flags & ~known) != 0)
        {
            r.Throw($"has fingerprint flags {flags}, which no NearDup writes");
        }
        return flags;
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

    internal static ulong ReadChecksum(Stream stream, string section)
    {
        Span<byte> bytes = stackalloc byte[8];
        new PayloadReader(stream, 8, section, null).Read(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
