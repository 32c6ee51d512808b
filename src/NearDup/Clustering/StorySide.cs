namespace NearDup.Clustering;

/// <summary>
/// One text as the <see cref="StoryJudge"/> reads it: its sampled fingerprints with their positions, its shingle
/// count, its size without boilerplate, its facts and its date. A document of the table or a queried text.
/// </summary>
internal readonly ref struct StorySide(ReadOnlySpan<uint> fingerprints, PositionList positions, int shingleCount, int size, bool hasPositions,
    ReadOnlySpan<uint> facts, long dateTicks)
{
    public ReadOnlySpan<uint> Fingerprints { get; } = fingerprints;

    public PositionList Positions { get; } = positions;

    /// <summary>Shingles of the whole text (before sampling).</summary>
    public int ShingleCount { get; } = shingleCount;

    /// <summary>Fingerprints that are not boilerplate.</summary>
    public int Size { get; } = size;

    /// <summary>False for a document loaded from an index written before positions were kept.</summary>
    public bool HasPositions { get; } = hasPositions;

    /// <summary>Sorted fact hashes (<see cref="Text.FactHashes"/>); empty when unknown.</summary>
    public ReadOnlySpan<uint> Facts { get; } = facts;

    /// <summary>Publication time in ticks, <see cref="long.MaxValue"/> when unknown.</summary>
    public long DateTicks { get; } = dateTicks;

    /// <summary>The unit of <see cref="Positions"/>, as a power of two of shingles: long texts store positions shifted to fit 16 bits.</summary>
    public int PositionShift => Sketcher.PositionShift(ShingleCount);

    /// <summary>A position of the pair's <paramref name="evidence"/> (in its unit) as a fraction of this text.</summary>
    public double Fraction(int position, in PairEvidence evidence) => (double)position / PairEvidence.LengthIn(ShingleCount, evidence.PositionShift);
}
