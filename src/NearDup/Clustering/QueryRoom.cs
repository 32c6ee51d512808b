using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// A thread's room for the sketch of the text it queries, reused from query to query. A query's sketch is read by the
/// same thread right away and then let go, so it needs no slice of a batch-wide <see cref="SketchBatch"/>: those slices,
/// sized by each record's bound, spread a batch's sketches over tens of megabytes, and each query wrote its
/// fingerprints to lines no cache held. Here the same few kilobytes are written every time.
/// </summary>
internal sealed class QueryRoom
{
    /// <summary>
    /// Most shingles a text sketched here may have by its bound: 2^20 (6 MB of fingerprints and positions a thread keeps at
    /// most); a longer text is sketched on its own, into arrays of its own.
    /// </summary>
    public const int MaxShingles = 1 << 20;

    /// <summary>Shingles the room holds before it grows: a long news article's worth.</summary>
    private const int InitialShingles = 4096;

    [ThreadStatic]
    private static QueryRoom? t_room;

    private readonly uint[] _facts = new uint[FactHashes.MaxCount];
    private uint[] _fingerprints = new uint[InitialShingles];
    private ushort[] _positions = new ushort[InitialShingles];
    private uint[] _bandKeys = [];

    /// <summary>
    /// The sketch of <paramref name="text"/>, dated <paramref name="dateTicks"/> (<see cref="long.MaxValue"/> when undated), whose bound (<see cref="Sketcher.GetMaxShingleCount"/>) is
    /// <paramref name="maxShingles"/>, at most <see cref="MaxShingles"/>: the sketch a <see cref="SketchBatch"/> slice
    /// would hold, in the calling thread's room, valid until that thread's next call.
    /// </summary>
    public static QuerySketch Sketch(ParsedText text, long dateTicks, int maxShingles, Sketcher sketcher)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxShingles, MaxShingles);
        var room = t_room ??= new QueryRoom();
        if (room._fingerprints.Length < maxShingles)
        {
            int size = Math.Min(MaxShingles, Math.Max(maxShingles, 2 * room._fingerprints.Length));
            room._fingerprints = new uint[size];
            room._positions = new ushort[size];
        }
        if (room._bandKeys.Length != sketcher.Lsh.Bands)
        {
            room._bandKeys = new uint[sketcher.Lsh.Bands];
        }
        var fingerprints = room._fingerprints.AsSpan(0, maxShingles);
        var positions = room._positions.AsSpan(0, maxShingles);
        var header = text.IsUtf16
            ? sketcher.SketchInto(text.Utf16, room._bandKeys, fingerprints, positions, room._facts)
            : sketcher.SketchInto(text.Utf8, room._bandKeys, fingerprints, positions, room._facts);
        return new QuerySketch(header, room._bandKeys, fingerprints, positions, room._facts, dateTicks);
    }
}
