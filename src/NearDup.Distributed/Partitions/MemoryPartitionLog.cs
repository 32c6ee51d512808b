namespace NearDup.Distributed.Partitions;

/// <summary>
/// An <see cref="IPartitionLog"/> in memory, for silos whose grain state is in memory too (tests, a throw-away cluster):
/// share one instance between the silos of a process, as Orleans' memory grain storage is shared.
/// </summary>
public sealed class MemoryPartitionLog : IPartitionLog
{
    private readonly Dictionary<string, List<PartitionLogEntry>> _logs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _sequence;

    /// <inheritdoc/>
    public Task<long> Append(string partition, int merges, byte[] delta)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue(partition, out var log))
            {
                _logs[partition] = log = [];
            }
            log.Add(new PartitionLogEntry(++_sequence, merges, delta));
            return Task.FromResult(_sequence);
        }
    }

    /// <inheritdoc/>
    public Task<PartitionLogEntry[]> Read(string partition, long fromSequence = 0)
    {
        lock (_gate)
        {
            return Task.FromResult(_logs.TryGetValue(partition, out var log) ? log.Where(e => e.Sequence >= fromSequence).ToArray() : []);
        }
    }

    /// <inheritdoc/>
    public Task Replace(string partition, int merges, long[] sequences, byte[] combined)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sequences.Length);
        lock (_gate)
        {
            var log = _logs.GetValueOrDefault(partition) ?? [];
            var at = Array.ConvertAll(sequences, s => log.FindIndex(e => e.Sequence == s && e.Merges == merges));
            if (at.Any(i => i < 0))
            {
                throw new InvalidOperationException($"Partition {partition}: a piece to replace is gone (another activation replaced it).");
            }
            log[at[^1]] = new PartitionLogEntry(sequences[^1], merges, combined);
            foreach (int i in at[..^1].OrderDescending())
            {
                log.RemoveAt(i);
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task Truncate(string partition, int merges)
    {
        lock (_gate)
        {
            if (_logs.TryGetValue(partition, out var log))
            {
                log.RemoveAll(d => d.Merges < merges);
            }
        }
        return Task.CompletedTask;
    }
}
