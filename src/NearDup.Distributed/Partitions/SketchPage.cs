using System.Buffers.Binary;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// Sketches as they cross the wire from a document partition: the ids, and every other field packed little-endian in
/// one byte array. Orleans writes a <c>uint[]</c> or <c>ushort[]</c> element by element through its field codec (about
/// 8 bytes per fingerprint and its position, measured in <c>SketchPageTests</c>); a byte array goes as one length and a
/// copy, 6 bytes, with no per-element codec call. Stored state keeps <see cref="StoredSketch"/>.
/// </summary>
/// <remarks>
/// Layout per sketch: date ticks (8), content hash (8), SimHash (8), shingle count (4), then the lengths of band keys,
/// fingerprints, positions and facts (4 each), then those arrays (4, 4, 2 and 4 bytes an element). A page of
/// <see cref="SketchParts.Summary"/> holds per document only what a batch run's coordinator reads: date ticks (8), content
/// hash (8), shingle count (4) and the number of fingerprints (4). Read back in <c>SketchPage.Unpack.cs</c>.
/// </remarks>
[GenerateSerializer, Immutable, Alias("NearDup.SketchPage")]
public sealed partial class SketchPage
{
    private const int HeaderBytes = 8 + 8 + 8 + 4 + 4 * 4;

    /// <summary>A summary's bytes: date ticks, content hash, shingle count, fingerprint count.</summary>
    private const int SummaryBytes = 8 + 8 + 4 + 4;

    /// <summary>The sketches' ids, in page order.</summary>
    [Id(0)] public string[] Ids { get; init; } = [];

    /// <summary>The other fields of each sketch, in the order of <see cref="Ids"/>.</summary>
    [Id(1)] public byte[] Data { get; init; } = [];

    /// <summary>The arrays the page carries.</summary>
    [Id(2)] public SketchParts Parts { get; init; }

    /// <summary>Number of sketches.</summary>
    public int Count => Ids.Length;

    /// <summary>Packs <paramref name="sketches"/>, with the arrays <paramref name="parts"/> names (the others empty).</summary>
    public static SketchPage Pack(IReadOnlyList<StoredSketch> sketches, SketchParts parts)
    {
        if (parts == SketchParts.Summary)
        {
            return PackSummaries(sketches);
        }
        int bytes = 0;
        foreach (var s in sketches)
        {
            bytes += HeaderBytes + 4 * s.Fingerprints.Length + (HasBands(parts) ? 4 * s.BandKeys.Length : 0)
                + (HasPositions(parts) ? 2 * s.Positions.Length : 0) + (HasFacts(parts) ? 4 * s.Facts.Length : 0);
        }
        var data = new byte[bytes];
        var ids = new string[sketches.Count];
        int at = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            var s = sketches[i];
            ids[i] = s.Id;
            at = Write(data, at, s, parts);
        }
        return new SketchPage { Ids = ids, Data = data, Parts = parts };
    }

    private static SketchPage PackSummaries(IReadOnlyList<StoredSketch> sketches)
    {
        var data = new byte[SummaryBytes * sketches.Count];
        var ids = new string[sketches.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            var s = sketches[i];
            ids[i] = s.Id;
            var span = data.AsSpan(SummaryBytes * i);
            BinaryPrimitives.WriteInt64LittleEndian(span, s.DateTicks);
            BinaryPrimitives.WriteUInt64LittleEndian(span[8..], s.ContentHash);
            BinaryPrimitives.WriteInt32LittleEndian(span[16..], s.ShingleCount);
            BinaryPrimitives.WriteInt32LittleEndian(span[20..], s.Fingerprints.Length);
        }
        return new SketchPage { Ids = ids, Data = data, Parts = SketchParts.Summary };
    }

    private static bool HasBands(SketchParts parts) => parts is SketchParts.All;

    private static bool HasPositions(SketchParts parts) => parts is SketchParts.All or SketchParts.Scoring;

    private static bool HasFacts(SketchParts parts) => parts is SketchParts.All or SketchParts.Scoring or SketchParts.Facts;

    private static int Write(byte[] data, int at, StoredSketch s, SketchParts parts)
    {
        var bands = HasBands(parts) ? s.BandKeys : [];
        var positions = HasPositions(parts) ? s.Positions : [];
        var facts = HasFacts(parts) ? s.Facts : [];
        var span = data.AsSpan(at);
        BinaryPrimitives.WriteInt64LittleEndian(span, s.DateTicks);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], s.ContentHash);
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], s.SimHash);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], s.ShingleCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], bands.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[32..], s.Fingerprints.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[36..], positions.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], facts.Length);
        at += HeaderBytes;
        at = WriteAll(data, at, bands);
        at = WriteAll(data, at, s.Fingerprints);
        foreach (ushort p in positions)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at), p);
            at += 2;
        }
        return WriteAll(data, at, facts);
    }

    private static int WriteAll(byte[] data, int at, uint[] values)
    {
        foreach (uint v in values)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), v);
            at += 4;
        }
        return at;
    }
}
