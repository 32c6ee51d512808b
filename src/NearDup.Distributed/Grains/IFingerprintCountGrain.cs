namespace NearDup.Distributed.Grains;

/// <summary>
/// One range of fingerprints of one batch run's boilerplate count (grain key from <see cref="Partitions.PartitionMap.CountKey"/>):
/// the document partitions send it, for every group they own, the group's distinct fingerprints in its range, and the
/// run then asks it which fingerprints enough groups hold, which drops the counts; a count that fails on the way drops
/// them with <see cref="Drop"/>. Kept in memory for the run only: a run that loses it fails and is run again.
/// </summary>
[Alias("NearDup.IFingerprintCountGrain")]
public interface IFingerprintCountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds the distinct fingerprints of the groups of one request (<paramref name="chunk"/>), concatenated and packed
    /// (<see cref="Partitions.PackedFingerprints.PackTally"/>): a fingerprint's count is the groups that sent it, since
    /// each group is in one request. A request sent again (a retried call) replaces its first tally, so a retry counts
    /// nothing twice.
    /// </summary>
    [Alias("TallyPacked")]
    public Task Tally(int chunk, byte[] packed);

    /// <summary>The fingerprints sent by <paramref name="threshold"/> groups or more, ascending; the counts are then dropped.</summary>
    [Alias("Common")]
    public Task<uint[]> Common(int threshold);

    /// <summary>Drops the counts without counting them: the run's count failed before it asked for <see cref="Common"/>, or while it did.</summary>
    [Alias("Drop")]
    public Task Drop();
}
