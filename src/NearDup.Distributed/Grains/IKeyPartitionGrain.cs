using NearDup.Distributed.Partitions;
using Orleans.Concurrency;

namespace NearDup.Distributed.Grains;

/// <summary>One partition of an index's band, SimHash or anchor keys (grain key from <see cref="PartitionMap.GrainKey"/>).</summary>
[Alias("NearDup.IKeyPartitionGrain")]
public interface IKeyPartitionGrain : IGrainWithStringKey
{
    /// <summary>Adds rows (one already present is kept once) and persists them before returning.</summary>
    [Alias("AddRows")]
    public Task Add(KeyRowBatch rows);

    /// <summary>Removes rows (by identity; missing ones are ignored) and persists that before returning.</summary>
    [Alias("RemoveRows")]
    public Task Remove(KeyRowBatch rows);

    /// <summary>The rows whose (table, value) is a probe's; ids and payloads of the probes are ignored.</summary>
    [Alias("Find")]
    public Task<KeyEntry[]> Find(KeyEntry[] probes);

    /// <summary>
    /// How many of the probes' keys each document holds here: <see cref="Find"/> counted by id, so that a key held by
    /// thousands of documents costs one id per document, not one row per key and document.
    /// </summary>
    [Alias("Count"), ReadOnly]
    public Task<KeyHits> Count(KeyEntry[] probes);

    /// <summary>
    /// The documents holding each of the probes' keys here: <see cref="Find"/>'s rows, each id sent once
    /// (<see cref="KeyHolders"/>), for a query that counts the keys by a batch run's groups.
    /// </summary>
    [Alias("Holders"), ReadOnly]
    public Task<KeyHolders> Holders(KeyEntry[] probes);

    /// <summary>
    /// Pairs the runs of two or more rows of documents a batch run listed sharing a key, by the candidate stage's own
    /// rules, and sends each pair to the document partition of its first document (<see cref="IDocumentPartitionGrain.TallyCandidates"/>)
    /// before returning how many went to each. A row goes as its number in <see cref="CandidatePairRequest.Numbering"/>,
    /// which the documents' partitions give (<see cref="IDocumentPartitionGrain.ListedRanks"/>); rows of documents not
    /// listed are left out, and a run with a row its partition could not number (that partition changed since the
    /// listing) is returned by id, unpaired. Sent again, it sends the same tallies, which replace the first.
    /// </summary>
    [Alias("PairRuns"), ReadOnly]
    public Task<CandidatePairAnswer> PairRuns(CandidatePairRequest request);

    /// <summary>Folds the tail into the segment now.</summary>
    [Alias("Merge")]
    public Task Merge();

    /// <summary>The partition's sizes.</summary>
    [Alias("Stats")]
    public Task<PartitionStats> Stats();
}
