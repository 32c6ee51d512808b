namespace NearDup.Distributed.Partitions;

/// <summary>What a partition persists of its <see cref="SegmentedTable{T, TOrder}"/>: the segment, the tail, and the segment's removed rows.</summary>
/// <typeparam name="T">The row type.</typeparam>
[GenerateSerializer, Alias("NearDup.SegmentState`1")]
public sealed class SegmentState<T>
{
    /// <summary>The sorted segment.</summary>
    [Id(0)] public T[] Segment { get; set; } = [];

    /// <summary>Rows added since the last merge, sorted.</summary>
    [Id(1)] public T[] Tail { get; set; } = [];

    /// <summary>Rows of the segment removed since the last merge, sorted.</summary>
    [Id(2)] public T[] Removed { get; set; } = [];

    /// <summary>Merges so far (a statistic).</summary>
    [Id(3)] public int Merges { get; set; }

    /// <summary>
    /// The <see cref="StoredFormat"/> the rows were written in; <see cref="StoredFormat.Unversioned"/> (the default) in a
    /// record written before formats were kept, which lacks the field.
    /// </summary>
    [Id(4)] public int Format { get; set; }

    /// <summary>
    /// In a stored piece of format <see cref="StoredFormat.PackedPieces"/> or later, the ids of the rows added, their other
    /// fields in <see cref="TailData"/>, packed by the partition's kind; <see cref="Tail"/> is then empty.
    /// </summary>
    [Id(5)] public string[] TailIds { get; set; } = [];

    /// <inheritdoc cref="TailIds"/>
    [Id(6)] public byte[] TailData { get; set; } = [];

    /// <summary>The removed rows packed as <see cref="TailIds"/> packs the added ones; <see cref="Removed"/> is then empty.</summary>
    [Id(7)] public string[] RemovedIds { get; set; } = [];

    /// <inheritdoc cref="RemovedIds"/>
    [Id(8)] public byte[] RemovedData { get; set; } = [];
}
