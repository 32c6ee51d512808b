namespace NearDup.Distributed.Partitions;

/// <summary>
/// Where a partition appends what each call changed (a delta), so that a write costs the rows it adds or removes, not
/// the whole partition. A partition's state is its last saved segment (grain storage, written at merges) plus the deltas
/// appended since, tagged with that segment's merge count: on activation it replays the deltas of its segment's count;
/// older ones were folded into the segment and are deleted.
/// </summary>
public interface IPartitionLog
{
    /// <summary>Appends <paramref name="delta"/> to <paramref name="partition"/>'s log under merge count <paramref name="merges"/>; returns once durable.</summary>
    public Task Append(string partition, int merges, byte[] delta);

    /// <summary>The deltas of <paramref name="partition"/> under merge count <paramref name="merges"/>, in the order appended.</summary>
    public Task<byte[][]> Read(string partition, int merges);

    /// <summary>Deletes <paramref name="partition"/>'s deltas under merge counts below <paramref name="merges"/>.</summary>
    public Task Truncate(string partition, int merges);
}
