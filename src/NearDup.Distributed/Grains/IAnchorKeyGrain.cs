namespace NearDup.Distributed.Grains;

/// <summary>
/// One range of anchor keys of one batch run's anchor pairing (grain key from <see cref="Partitions.PartitionMap.AnchorKey"/>):
/// the senders post the anchors of the groups' cores whose keys fall in it, with their groups, and the run then asks
/// it to pair the groups holding each key, as the weak-link stage's anchor table does. Kept in memory for the run only.
/// </summary>
[Alias("NearDup.IAnchorKeyGrain")]
public interface IAnchorKeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds postings: <paramref name="keys"/>[k] is an anchor of group <paramref name="groups"/>[k]'s core, and
    /// document partition <paramref name="owner"/> keeps those groups' members for the run (-1: none does);
    /// <paramref name="shortGroups"/> are those of the groups whose cores are short, whose distinctive keys count twice
    /// (<c>DistinctiveAnchors</c>). Postings sent again under the same <paramref name="chunk"/> (a retried call) replace the first.
    /// </summary>
    [Alias("Post")]
    public Task Post(string chunk, int owner, uint[] keys, int[] groups, int[] shortGroups);

    /// <summary>
    /// Pairs the groups under each key that two groups or more hold and <paramref name="boilerplate"/> (the run's
    /// boilerplate fingerprints in this range, ascending) does not, and sends every pair once a key, with the owner of
    /// its larger group, to the pair range of its smaller group's owner (<see cref="IAnchorPairGrain.Tally"/>) of run <paramref name="run"/> of index
    /// <paramref name="index"/>, as sender <paramref name="range"/> (this range); returns the pair occurrences sent.
    /// The postings are kept until <see cref="Drop"/>, so a retried call pairs them again and its tallies replace the
    /// first ones (a pair range keeps one tally a sender): safe to send again after a failure.
    /// </summary>
    [Alias("Pair")]
    public Task<long> Pair(string index, string run, int range, int partitions, uint[] boilerplate);

    /// <summary>Drops the postings: the run is over for this range.</summary>
    [Alias("Drop")]
    public Task Drop();
}
