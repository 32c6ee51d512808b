using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>
/// One range of group pairs of one batch run's anchor pairing (grain key from <see cref="Partitions.PartitionMap.AnchorPairKey"/>,
/// by the document partition that owns the smaller group): the anchor-key ranges send it the pairs of groups sharing
/// each of their keys, and that partition asks it which pairs share enough anchors, to judge them. Kept in memory for the run only.
/// </summary>
[Alias("NearDup.IAnchorPairGrain")]
public interface IAnchorPairGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds one anchor-key range's pair occurrences (packed pairs, one a shared key), with the document partition that
    /// keeps each pair's larger group (<paramref name="owners"/>); sent again under the same <paramref name="sender"/>, they replace the first.
    /// </summary>
    [Alias("Tally")]
    public Task Tally(int sender, long[] pairs, int[] owners);

    /// <summary>
    /// The pairs sent <paramref name="minShared"/> times or more, ascending, with the owner of each one's larger group.
    /// The tallies are kept until <see cref="Drop"/>, so a retried call answers the same.
    /// </summary>
    [Alias("Shared")]
    public Task<AnchorPairAnswer> Shared(int minShared);

    /// <summary>Drops the tallies: the run is over for this range.</summary>
    [Alias("Drop")]
    public Task Drop();
}
