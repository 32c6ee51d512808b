namespace NearDup.Persistence;

/// <summary>
/// Constants of the on-disk index format (docs/index-format.md is the specification; keep the two in step).
/// All integers are little-endian. The layout:
/// <code>
/// prefix   "NDUPIDX\0" | u32 version | u32 header body length | u64 XXH3(prefix[0..16])     (frozen for all versions)
/// header   body (library version, options, LSH shape, document count) | u64 XXH3(prefix + body)
/// section  u32 tag | u8 codec | 3 × u8 zero | u64 stored length | u64 raw length | payload | u64 checksum
///          checksum: XXH3(payload + section header) from format 4 on (the header, lengths included, is known only once
///          the payload is written), XXH3(section header + payload) before
///          … DOCS, BAND, FPRT in this order, then QSTA (format 6 on: the query state, <see cref="QueryStateSection"/>) …
/// lz4      payload of an LZ4 section: blocks of u32 raw length | u32 stored length | u64 XXH3(stored bytes) | stored bytes,
///          stored = raw when the block did not compress (then kept as is)
/// trailer  "NDUPEND\0" | u64 bytes before the trailer | u64 XXH3(trailer[0..16] + every checksum above)
/// </code>
/// </summary>
internal static class IndexFormat
{
    /// <summary>The format this library writes, and the newest it reads.</summary>
    public const int Version = 10;

    /// <summary>The first format whose section checksums cover the payload before the section header.</summary>
    public const int PayloadFirstChecksumVersion = 4;

    /// <summary>Name of the index file inside an index folder.</summary>
    public const string FileName = "index.ndup";

    /// <summary>Bytes of the frozen prefix, checksum included.</summary>
    public const int PrefixBytes = 24;

    /// <summary>Bytes of a section header before the payload.</summary>
    public const int SectionHeaderBytes = 24;

    /// <summary>Bytes of the trailer.</summary>
    public const int TrailerBytes = 24;

    /// <summary>Raw bytes of an LZ4 block (the last one of a section may be shorter): large enough that the 16-byte block header costs nothing.</summary>
    public const int Lz4BlockBytes = 1 << 20;

    /// <summary>Bytes of an LZ4 block's header.</summary>
    public const int Lz4BlockHeaderBytes = 16;

    /// <summary>Fingerprint section flag (format 3 on): each document's positions follow its fingerprints.</summary>
    public const uint PositionsFlag = 1;

    /// <summary>Fingerprint section flag (format 4 on): fingerprints and positions are bit-packed (<see cref="FingerprintPacking"/>).</summary>
    public const uint PackedFlag = 2;

    /// <summary>
    /// Fingerprint section flag (format 5 on): each document's facts (<see cref="Text.FactHashes"/>) follow its positions,
    /// a count byte and the sorted hashes, packed as fingerprints are when the section is packed.
    /// </summary>
    public const uint FactsFlag = 4;

    /// <summary>The first format that saves each document's facts.</summary>
    public const int FactsVersion = 5;

    /// <summary>The first format with a query state section (<see cref="QueryStateSection"/>) after the fingerprints.</summary>
    public const int QueryStateVersion = 6;

    /// <summary>
    /// The first format whose sketches take each Han or kana char as a word of its own (<see cref="Text.CharFolding.IsStandalone"/>).
    /// The layout is that of version 6; an older file's sketches of Chinese or Japanese text were made with a run of
    /// such chars as one word, and match new sketches of the same text poorly: rebuild such an index.
    /// </summary>
    public const int HanWordsVersion = 7;

    /// <summary>
    /// The first format whose facts carry a figure bit (bit 0 set for a word holding a digit, <see cref="Text.FactHashes"/>).
    /// The layout is that of version 7.
    /// </summary>
    public const int FigureFactsVersion = 8;

    /// <summary>
    /// The first format whose facts are hashed folded by shape, so that OCR misreads hash alike, and whose figures
    /// leave out words of letters with a misread digit (<see cref="Text.FactHashes.FoldShapes"/>). The layout is that of
    /// version 8. A file of version 5 to 8 holds facts hashed before: they cannot be hashed again without the texts,
    /// and compared with new facts they would disagree on every folded word, so such a file is refused (rebuild it).
    /// </summary>
    public const int FoldedFactsVersion = 9;

    /// <summary>
    /// The first format whose query state saves the anchor table itself, its postings in the order the query's lookup reads
    /// them (<see cref="SavedAnchorTable"/>), so a load decodes it and sorts nothing. Versions 6 to 9 saved each group's
    /// anchors for the load to gather, count, scatter and sort; a query state of theirs is refused (rebuild the index).
    /// </summary>
    public const int SortedAnchorsVersion = 10;

    /// <summary>Largest header body accepted: far above what version 1 writes (about 150 bytes).</summary>
    public const int MaxHeaderBodyBytes = 1 << 16;

    /// <summary>Seed of every checksum (XXH3-64): zero, so that any XXH3 implementation can check a file.</summary>
    public const long ChecksumSeed = 0;

    public static ReadOnlySpan<byte> Magic => "NDUPIDX\0"u8;

    public static ReadOnlySpan<byte> TrailerMagic => "NDUPEND\0"u8;

    /// <summary>Section tags, four ASCII bytes read as a little-endian u32.</summary>
    public const uint DocumentsTag = 'D' | 'O' << 8 | 'C' << 16 | (uint)'S' << 24;

    /// <inheritdoc cref="DocumentsTag"/>
    public const uint BandsTag = 'B' | 'A' << 8 | 'N' << 16 | (uint)'D' << 24;

    /// <inheritdoc cref="DocumentsTag"/>
    public const uint FingerprintsTag = 'F' | 'P' << 8 | 'R' << 16 | (uint)'T' << 24;

    /// <inheritdoc cref="DocumentsTag"/>
    public const uint QueryStateTag = 'Q' | 'S' << 8 | 'T' << 16 | (uint)'A' << 24;

    /// <summary>The sections of versions 1 to 5, in file order, with the names errors use.</summary>
    public static readonly (uint Tag, string Name)[] Sections =
    [
        (DocumentsTag, "documents"),
        (BandsTag, "band keys"),
        (FingerprintsTag, "fingerprints"),
    ];

    /// <summary>The sections of version 6 on: those of <see cref="Sections"/>, then the query state.</summary>
    public static readonly (uint Tag, string Name)[] SectionsWithQueryState = [.. Sections, (QueryStateTag, "query state")];

    /// <summary>The sections a file of format <paramref name="version"/> holds, in file order.</summary>
    public static (uint Tag, string Name)[] SectionsOf(int version) => version >= QueryStateVersion ? SectionsWithQueryState : Sections;

    public static string TagText(uint tag)
    {
        Span<char> chars = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            char c = (char)((tag >> (8 * i)) & 0xFF);
            chars[i] = c is >= ' ' and <= '~' ? c : '?';
        }
        return new string(chars);
    }
}
