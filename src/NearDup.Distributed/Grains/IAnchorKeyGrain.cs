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
    /// Adds postings: <paramref name="keys"/>[k] is an anchor of group <paramref name="groups"/>[k]'s core. Postings
    /// sent again under the same <paramref name="chunk"/> (a retried call) replace the first.
    /// </summary>
    [Alias("Post")]
    public Task Post(string chunk, uint[] keys, int[] groups);

    /// <summary>
    /// Pairs the groups under each key that two groups or more hold and <paramref name="boilerplate"/> (the run's
    /// boilerplate fingerprints in this range, ascending) does not, and sends every pair once a key to the pair range
    /// of its smaller group (<see cref="IAnchorPairGrain.Tally"/>) of run <paramref name="run"/> of index
    /// <paramref name="index"/>, as sender <paramref name="range"/> (this range); returns the pair occurrences sent.
    /// The postings are then dropped.
    /// </summary>
    [Alias("Pair")]
    public Task<long> Pair(string index, string run, int range, int partitions, uint[] boilerplate);
}
