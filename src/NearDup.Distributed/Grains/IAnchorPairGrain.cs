namespace NearDup.Distributed.Grains;

/// <summary>
/// One range of group pairs of one batch run's anchor pairing (grain key from <see cref="Partitions.PartitionMap.AnchorPairKey"/>,
/// by smaller group): the anchor-key ranges send it the pairs of groups sharing each of their keys, and the run asks
/// it which pairs share enough anchors. Kept in memory for the run only.
/// </summary>
[Alias("NearDup.IAnchorPairGrain")]
public interface IAnchorPairGrain : IGrainWithStringKey
{
    /// <summary>Adds one anchor-key range's pair occurrences (packed pairs, one a shared key); sent again under the same <paramref name="sender"/>, they replace the first.</summary>
    [Alias("Tally")]
    public Task Tally(int sender, long[] pairs);

    /// <summary>
    /// The pairs sent <paramref name="minShared"/> times or more, ascending. The tallies are kept until <see cref="Drop"/>,
    /// so a retried call answers the same.
    /// </summary>
    [Alias("Shared")]
    public Task<long[]> Shared(int minShared);

    /// <summary>Drops the tallies: the run is over for this range.</summary>
    [Alias("Drop")]
    public Task Drop();
}
