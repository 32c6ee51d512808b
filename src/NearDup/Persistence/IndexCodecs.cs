namespace NearDup.Persistence;

/// <summary>How each section is written. The default is what measurement chose (docs/index-format.md, "Compression").</summary>
internal sealed record IndexCodecs
{
    /// <summary>
    /// Fingerprints delta- and bit-packed, then every section in LZ4 blocks: LZ4 alone gains little on sorted 32-bit
    /// fingerprints (their bytes look random), packing the gaps between them does; LZ4 then takes the ids, dates and
    /// the band keys of exact copies at a save and load cost far below Brotli's.
    /// </summary>
    public static IndexCodecs Default { get; } = new();

    /// <summary>Every section raw and the fingerprints unpacked: the payloads of format 3 (<c>--index-compression none</c>).</summary>
    public static IndexCodecs None { get; } = new()
    {
        Documents = SectionCodec.Raw,
        Bands = SectionCodec.Raw,
        Fingerprints = SectionCodec.Raw,
        QueryState = SectionCodec.Raw,
        PackFingerprints = false,
    };

    public SectionCodec Documents { get; init; } = SectionCodec.Lz4;

    public SectionCodec Bands { get; init; } = SectionCodec.Lz4;

    public SectionCodec Fingerprints { get; init; } = SectionCodec.Lz4;

    /// <summary>The query state section's codec (format 6 on).</summary>
    public SectionCodec QueryState { get; init; } = SectionCodec.Lz4;

    /// <summary>
    /// Whether each document's fingerprints are stored as bit-packed gaps and its positions bit-packed (<see cref="FingerprintPacking"/>),
    /// and the query state's anchors likewise.
    /// </summary>
    public bool PackFingerprints { get; init; } = true;

    /// <summary>Brotli quality (0 to 11) when Brotli is used.</summary>
    public int BrotliQuality { get; init; } = 5;

    /// <summary>The codecs a <c>--index-compression</c> value names: <c>none</c> or <c>lz4</c>.</summary>
    public static IndexCodecs? FromName(string name) => name switch
    {
        "none" => None,
        "lz4" => Default,
        _ => null,
    };
}
