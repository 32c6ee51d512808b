using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A <see cref="MemoryPartitionLog"/> whose next append can be made to fail: before storing the piece (the database
/// refused it) or after (the answer was lost), so that a partition cannot tell which.
/// </summary>
internal sealed class FlakyPartitionLog : IPartitionLog
{
    private readonly MemoryPartitionLog _log = new();

    /// <summary>Whether the next append fails, and if so whether the piece is stored first.</summary>
    public (bool Fail, bool StoreFirst) NextAppend { get; set; }

    public async Task<long> Append(string partition, int merges, byte[] delta)
    {
        var (fail, storeFirst) = NextAppend;
        NextAppend = default;
        if (fail && !storeFirst)
        {
            throw new IOException("append refused");
        }
        long sequence = await _log.Append(partition, merges, delta);
        return fail ? throw new IOException("append stored, answer lost") : sequence;
    }

    public Task<PartitionLogEntry[]> Read(string partition, long fromSequence = 0) => _log.Read(partition, fromSequence);

    public Task Replace(string partition, int merges, long[] sequences, byte[] combined) => _log.Replace(partition, merges, sequences, combined);

    public Task Truncate(string partition, int merges) => _log.Truncate(partition, merges);
}
