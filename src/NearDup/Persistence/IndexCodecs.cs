namespace NearDup.Persistence;

/// <summary>Which codec each section is written with. The default is what measurement chose (docs/index-format.md).</summary>
internal sealed record IndexCodecs
{
    /// <summary>
    /// Every section raw. Measured on a 100k-document generated corpus (docs/index-format.md, "Compression"): only
    /// Brotli q5 on the fingerprints pays in size (−20%), at 2–3× the save time that every index add/remove pays,
    /// with no clear load-time gain; band keys are incompressible and the document table is 1% of the file.
    /// </summary>
    public static IndexCodecs Default { get; } = new();

    public SectionCodec Documents { get; init; } = SectionCodec.Raw;

    public SectionCodec Bands { get; init; } = SectionCodec.Raw;

    public SectionCodec Fingerprints { get; init; } = SectionCodec.Raw;

    /// <summary>Brotli quality (0 to 11) when Brotli is used.</summary>
    public int BrotliQuality { get; init; } = 5;
}
