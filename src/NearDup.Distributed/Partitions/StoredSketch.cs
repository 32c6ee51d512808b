using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// A document's sketch as a document partition keeps it and sends it (the library's <c>DocumentSketch</c>, which is
/// internal to it, in a form Orleans serializes): what verification and the story judge read, and the keys it was
/// indexed under, so that a removal can take them out again.
/// </summary>
[GenerateSerializer, Alias("NearDup.StoredSketch")]
public sealed class StoredSketch
{
    /// <summary>The caller's id.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>Publication time in ticks, or <see cref="long.MaxValue"/> when unknown.</summary>
    [Id(1)] public long DateTicks { get; init; } = long.MaxValue;

    /// <summary>XXH3 of the shingle sequence.</summary>
    [Id(2)] public ulong ContentHash { get; init; }

    /// <summary>Number of shingles, repeats included.</summary>
    [Id(3)] public int ShingleCount { get; init; }

    /// <summary>The 64-bit SimHash.</summary>
    [Id(4)] public ulong SimHash { get; init; }

    /// <summary>The LSH band keys.</summary>
    [Id(5)] public uint[] BandKeys { get; init; } = [];

    /// <summary>Sorted distinct fingerprints.</summary>
    [Id(6)] public uint[] Fingerprints { get; init; } = [];

    /// <summary>First position of each fingerprint.</summary>
    [Id(7)] public ushort[] Positions { get; init; } = [];

    /// <summary>Sorted fact hashes (figures and names), which the story judge compares.</summary>
    [Id(8)] public uint[] Facts { get; init; } = [];

    internal static StoredSketch From(DocumentSketch sketch) => new()
    {
        Id = sketch.Id,
        DateTicks = sketch.DateTicks,
        ContentHash = sketch.ContentHash,
        ShingleCount = sketch.ShingleCount,
        SimHash = sketch.SimHash,
        BandKeys = sketch.BandKeys,
        Fingerprints = sketch.Fingerprints,
        Positions = sketch.Positions,
        Facts = sketch.Facts,
    };

    /// <summary>The library's form of this sketch.</summary>
    internal DocumentSketch ToDocumentSketch() => new()
    {
        Id = Id,
        DateTicks = DateTicks,
        ContentHash = ContentHash,
        ShingleCount = ShingleCount,
        SimHash = SimHash,
        BandKeys = BandKeys,
        Fingerprints = Fingerprints,
        Positions = Positions,
        Facts = Facts,
    };

    /// <summary>Whether <paramref name="other"/> is the same document (a retried add), not another one under the same id.</summary>
    public bool IsSameDocument(StoredSketch other) =>
        other.Id == Id && other.ContentHash == ContentHash && other.DateTicks == DateTicks && other.ShingleCount == ShingleCount;
}
