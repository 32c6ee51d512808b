namespace NearDup.Clustering;

/// <summary>
/// What NearDup keeps of a document once its text is let go: about 4 bytes per distinct shingle at sample
/// rate 1 plus b·4 bytes of band keys and a few fields. A sketch object lives only between the
/// <see cref="Sketcher"/> and the <see cref="SketchStore"/> (or a query); the store keeps its fields in pages.
/// </summary>
internal sealed class DocumentSketch
{
    /// <summary>The caller's id.</summary>
    public required string Id { get; init; }

    /// <summary>Publication time in ticks, or <see cref="long.MaxValue"/> when unknown (undated documents sort last).</summary>
    public long DateTicks { get; init; } = long.MaxValue;

    /// <summary>XXH3 of the shingle sequence: equal for texts identical after normalization.</summary>
    public ulong ContentHash { get; init; }

    /// <summary>Number of shingles (repeats included).</summary>
    public int ShingleCount { get; init; }

    /// <summary>The 64-bit SimHash.</summary>
    public ulong SimHash { get; init; }

    /// <summary>
    /// The LSH band keys of the MinHash signature, truncated to 32 bits (the signature itself is not kept). Two
    /// different bands collide by chance once in 2^32 pairs: a few thousand extra candidates per band at ten
    /// million documents, each rejected by verification, for half the memory of 64-bit keys.
    /// </summary>
    public required uint[] BandKeys { get; init; }

    /// <summary>
    /// Sorted distinct 32-bit fingerprints (high half of the shingle hash) of the shingles whose low half falls
    /// under the sample threshold. Anchors are the fingerprints whose low bits are zero (see <see cref="Sketcher"/>).
    /// </summary>
    public required uint[] Fingerprints { get; init; }

    /// <summary>
    /// For each fingerprint, the position (shingle index) of its first occurrence in the document, so that a pair's
    /// shared shingles can be put in order: whether they run through both texts in the same order, in how many
    /// passages, is what tells a copy from a reused paragraph (see <see cref="PairEvidence"/>). Empty when unknown
    /// (an index saved before positions were kept).
    /// </summary>
    public ushort[] Positions { get; init; } = [];

    /// <summary>
    /// The text's figures and names as sorted hashes (<see cref="Text.FactHashes"/>): what tells a copy, which reports
    /// the same facts, from a template or a series item, which reports others in the same words. Empty when unknown.
    /// </summary>
    public uint[] Facts { get; init; } = [];
}
