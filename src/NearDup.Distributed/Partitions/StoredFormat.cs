namespace NearDup.Distributed.Partitions;

/// <summary>
/// Versions of a partition's persisted rows, kept in every record (<see cref="SegmentState{T}.Format"/>: the table in
/// grain storage and each delta of its log), so that a build reads what an older one wrote as it was meant, and refuses
/// what it cannot: what a newer one wrote, and facts hashed before they were folded by shape.
/// </summary>
public static class StoredFormat
{
    /// <summary>A record written before formats were kept: its facts are hashed as before <see cref="FoldedFacts"/> (refused).</summary>
    public const int Unversioned = 0;

    /// <summary>Facts carry the figure bit (bit 0 set for a word holding a digit), as index format 8 does; refused as <see cref="Unversioned"/> is.</summary>
    public const int FigureFacts = 1;

    /// <summary>
    /// Facts are hashed folded by shape, as index format 9 does (OCR misreads hash alike). Older facts cannot be hashed
    /// again without the texts and would disagree with new ones on every folded word: a record of an older format is
    /// refused, as an index file of format 5 to 8 is.
    /// </summary>
    public const int FoldedFacts = 2;

    /// <summary>
    /// A piece's rows are packed by its partition's kind (<see cref="SegmentState{T}.TailIds"/> and the fields after it:
    /// sketches as a <see cref="SketchPage"/> holds them, key rows as a <see cref="KeyRowBatch"/>), not written row by row
    /// through Orleans' codecs. A build that reads formats up to 2 refuses these pieces, as it would any newer format.
    /// </summary>
    public const int PackedPieces = 3;

    /// <summary>What this build writes.</summary>
    public const int Current = PackedPieces;

    /// <summary>Throws when <paramref name="format"/> is newer than this build reads.</summary>
    /// <param name="format">The record's format.</param>
    /// <param name="index">The index the record belongs to.</param>
    /// <param name="partition">The partition (grain) whose record it is.</param>
    /// <exception cref="InvalidDataException">The record was written by a newer build, or before <see cref="FoldedFacts"/>.</exception>
    public static void CheckReadable(int format, string index, string partition)
    {
        if (format is < FoldedFacts or > Current)
        {
            throw new InvalidDataException(
                $"Index '{index}': partition {partition} is stored in format {format}, and this build reads formats {FoldedFacts} to {Current}; "
                + (format < FoldedFacts ? "its facts were hashed before format 2 folded them by shape and cannot be hashed again without the texts: "
                    : "serve it with the build that wrote it, or ")
                + "re-add its documents under a new index name.");
        }
    }
}
