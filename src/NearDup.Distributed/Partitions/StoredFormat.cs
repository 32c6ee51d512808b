namespace NearDup.Distributed.Partitions;

/// <summary>
/// Versions of a partition's persisted rows, kept in every record (<see cref="SegmentState{T}.Format"/>: the table in
/// grain storage and each delta of its log), so that a build reads what an older one wrote as it was meant, and refuses
/// what a newer one wrote instead of misreading it.
/// </summary>
public static class StoredFormat
{
    /// <summary>
    /// A record written before formats were kept: its sketches' facts may predate the figure bit (index format 8,
    /// <c>FactHashes</c>), where bit 0 is part of the hash. On load their figure bits are cleared, as an index file of
    /// format 7 or older is read: those facts then show no figures, instead of random ones.
    /// </summary>
    public const int Unversioned = 0;

    /// <summary>Facts carry the figure bit (bit 0 set for a word holding a digit), as index format 8 does.</summary>
    public const int FigureFacts = 1;

    /// <summary>What this build writes.</summary>
    public const int Current = FigureFacts;

    /// <summary>Throws when <paramref name="format"/> is newer than this build reads.</summary>
    /// <param name="format">The record's format.</param>
    /// <param name="index">The index the record belongs to.</param>
    /// <param name="partition">The partition (grain) whose record it is.</param>
    /// <exception cref="InvalidDataException">The record was written by a newer build.</exception>
    public static void CheckReadable(int format, string index, string partition)
    {
        if (format is < Unversioned or > Current)
        {
            throw new InvalidDataException(
                $"Index '{index}': partition {partition} is stored in format {format}, and this build reads formats {Unversioned} to {Current}; "
                + "serve it with the build that wrote it, or re-add its documents under a new index name.");
        }
    }
}
