namespace NearDup.Distributed.Partitions;

/// <summary>A partition's table as it stands.</summary>
/// <param name="Rows">Rows present.</param>
/// <param name="SegmentRows">Rows in the sorted segment, removed ones included until the next merge.</param>
/// <param name="TailRows">Rows added since the last merge.</param>
/// <param name="RemovedRows">Segment rows removed since the last merge.</param>
/// <param name="Merges">Merges so far.</param>
[GenerateSerializer, Immutable, Alias("NearDup.PartitionStats")]
public readonly record struct PartitionStats([property: Id(0)] int Rows, [property: Id(1)] int SegmentRows, [property: Id(2)] int TailRows,
    [property: Id(3)] int RemovedRows, [property: Id(4)] int Merges);
