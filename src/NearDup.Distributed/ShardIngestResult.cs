namespace NearDup.Distributed;

/// <summary>What ingesting one shard at a silo did (<see cref="NearDupClusterClient.AddShardsAsync"/>).</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Added">Documents stored and indexed that were not there before.</param>
/// <param name="AlreadyPresent">Documents that were there (same id, text and date; a shard read again adds nothing).</param>
/// <param name="Conflicts">Documents refused because another document has their id.</param>
/// <param name="Skipped">Documents the reader skipped as invalid (when its settings say to skip).</param>
/// <param name="Error">Why the shard stopped (a bad line, with its file and line; a path a silo cannot read; conflicting ids), or null. The counts are what was acknowledged before it.</param>
/// <param name="Silo">The silo that read the shard last.</param>
/// <param name="Attempts">Times the shard was sent: more than 1 when a silo died or a call timed out under it.</param>
public sealed record ShardIngestResult(IngestShard Shard, long Added, long AlreadyPresent, long Conflicts, long Skipped, string? Error, string Silo, int Attempts)
{
    /// <summary>Whether the shard was read and stored whole, with no conflicting id.</summary>
    public bool Succeeded => Error is null;
}
