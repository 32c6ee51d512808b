namespace NearDup.Clustering;

/// <summary>
/// What a query reads of a sketched text, as views: the fields of a <see cref="DocumentSketch"/>, or of the sketch in a
/// thread's <see cref="QueryRoom"/>, so that querying a batch allocates no sketch.
/// </summary>
internal readonly ref struct QuerySketch
{
    /// <summary>A view of <paramref name="sketch"/>'s fields.</summary>
    public QuerySketch(DocumentSketch sketch)
    {
        ContentHash = sketch.ContentHash;
        SimHash = sketch.SimHash;
        ShingleCount = sketch.ShingleCount;
        DateTicks = sketch.DateTicks;
        BandKeys = sketch.BandKeys;
        Fingerprints = sketch.Fingerprints;
        Positions = sketch.Positions;
        Facts = sketch.Facts;
    }

    /// <summary>
    /// A view of a sketch written into the caller's room (<see cref="Sketcher.SketchInto(ReadOnlySpan{byte}, Span{uint}, Span{uint}, Span{ushort}, Span{uint})"/>),
    /// of a text dated <paramref name="dateTicks"/> (<see cref="long.MaxValue"/> when undated).
    /// </summary>
    public QuerySketch(SketchHeader header, ReadOnlySpan<uint> bandKeys, ReadOnlySpan<uint> fingerprints, ReadOnlySpan<ushort> positions, ReadOnlySpan<uint> facts,
        long dateTicks)
    {
        ContentHash = header.ContentHash;
        SimHash = header.SimHash;
        ShingleCount = header.ShingleCount;
        DateTicks = dateTicks;
        BandKeys = bandKeys;
        Fingerprints = fingerprints[..header.FingerprintCount];
        Positions = positions[..header.FingerprintCount];
        Facts = facts[..header.FactCount];
    }

    /// <inheritdoc cref="DocumentSketch.ContentHash"/>
    public ulong ContentHash { get; }

    /// <inheritdoc cref="DocumentSketch.SimHash"/>
    public ulong SimHash { get; }

    /// <inheritdoc cref="DocumentSketch.ShingleCount"/>
    public int ShingleCount { get; }

    /// <inheritdoc cref="DocumentSketch.DateTicks"/>
    public long DateTicks { get; }

    /// <inheritdoc cref="DocumentSketch.BandKeys"/>
    public ReadOnlySpan<uint> BandKeys { get; }

    /// <inheritdoc cref="DocumentSketch.Fingerprints"/>
    public ReadOnlySpan<uint> Fingerprints { get; }

    /// <inheritdoc cref="DocumentSketch.Positions"/>
    public ReadOnlySpan<ushort> Positions { get; }

    /// <inheritdoc cref="DocumentSketch.Facts"/>
    public ReadOnlySpan<uint> Facts { get; }
}
