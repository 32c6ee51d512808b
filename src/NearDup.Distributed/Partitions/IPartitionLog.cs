namespace NearDup.Distributed.Partitions;

/// <summary>
/// Where a partition stores its rows, as pieces: each call appends what it changed (a delta), so that a write costs the
/// rows it adds or removes, not the whole partition, and runs of small pieces are replaced by one larger piece
/// (<see cref="Replace"/>), each piece bounded in size (<see cref="PartitionPieces{T, TOrder}"/>). A partition's state
/// is its base (a whole table in grain storage, written by builds before pieces, or none) plus the pieces tagged with
/// that base's number (<c>merges</c>), replayed in order; a partition that could not tell whether a save was stored
/// writes its whole table as the only piece of a new number, and the pieces under older numbers are then ignored and
/// deleted.
/// </summary>
public interface IPartitionLog
{
    /// <summary>Appends <paramref name="delta"/> to <paramref name="partition"/>'s log under <paramref name="merges"/>; returns its sequence number once durable.</summary>
    public Task<long> Append(string partition, int merges, byte[] delta);

    /// <summary>The pieces of <paramref name="partition"/> whose sequence number is <paramref name="fromSequence"/> or more, in order, under every base number.</summary>
    public Task<PartitionLogEntry[]> Read(string partition, long fromSequence = 0);

    /// <summary>
    /// Replaces the pieces <paramref name="sequences"/> (ascending, all under <paramref name="merges"/>) of
    /// <paramref name="partition"/> by one piece, <paramref name="combined"/>, in the place of the last of them, at
    /// once: readers see either all the old pieces or the new one.
    /// </summary>
    /// <exception cref="InvalidOperationException">One of the pieces is not there (another activation of the partition replaced it): nothing changed.</exception>
    public Task Replace(string partition, int merges, long[] sequences, byte[] combined);

    /// <summary>Deletes <paramref name="partition"/>'s pieces under numbers below <paramref name="merges"/>.</summary>
    public Task Truncate(string partition, int merges);
}
