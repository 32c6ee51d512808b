namespace NearDup.Distributed.Partitions;

/// <summary>One stored piece of a partition's log (<see cref="IPartitionLog"/>): its place in the log, the base it applies to, its rows.</summary>
/// <param name="Sequence">Its place: pieces apply in ascending order.</param>
/// <param name="Merges">The base it applies to (see <see cref="IPartitionLog"/>): pieces under other bases are ignored.</param>
/// <param name="Delta">The rows added and removed (a <see cref="SegmentState{T}"/> in Orleans' serialization).</param>
public readonly record struct PartitionLogEntry(long Sequence, int Merges, byte[] Delta);
