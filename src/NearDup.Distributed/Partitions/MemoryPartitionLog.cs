namespace NearDup.Distributed.Partitions;

/// <summary>
/// An <see cref="IPartitionLog"/> in memory, for silos whose grain state is in memory too (tests, a throw-away cluster):
/// share one instance between the silos of a process, as Orleans' memory grain storage is shared.
/// </summary>
public sealed class MemoryPartitionLog : IPartitionLog
{
    private readonly Dictionary<string, List<(int Merges, byte[] Delta)>> _logs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public Task Append(string partition, int merges, byte[] delta)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue(partition, out var log))
            {
                _logs[partition] = log = [];
            }
            log.Add((merges, delta));
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<byte[][]> Read(string partition, int merges)
    {
        lock (_gate)
        {
            return Task.FromResult(_logs.TryGetValue(partition, out var log) ? log.Where(d => d.Merges == merges).Select(d => d.Delta).ToArray() : []);
        }
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
