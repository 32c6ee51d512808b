using NearDup.Clustering;

namespace NearDup.Distributed;

/// <summary>
/// Reads a shard's documents at a silo (<see cref="Hosting.NearDupSiloExtensions.AddNearDupShardIngest"/>): the host
/// brings its loader (<c>neardup serve</c> brings the one <c>neardup cluster</c> reads with, so shards take the same
/// formats). Called on any thread, several shards at once.
/// </summary>
public interface IShardReader
{
    /// <summary>
    /// The documents of <paramref name="shard"/>, in order; of a stripe, those of the lines <see cref="IngestShard.Reads"/>
    /// accepts, the others skipped unparsed (neither added, nor errors, nor counted as skipped). A bad document throws <see cref="InvalidDataException"/>
    /// naming its file and line (lines counted from the file's start, not the range's); a path that cannot be read throws
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>. <paramref name="skipped"/> is called once,
    /// when the enumeration ends, with the documents skipped as invalid.
    /// </summary>
    /// <param name="shard">The shard.</param>
    /// <param name="settings">The reader's own settings, as the client wrote them (the CLI: its input flags as JSON); empty for the defaults.</param>
    /// <param name="skipped">Receives the count of skipped documents.</param>
    public IEnumerable<DocumentInput> Read(IngestShard shard, string settings, Action<long> skipped);
}
