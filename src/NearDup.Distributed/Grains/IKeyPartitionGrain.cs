using NearDup.Distributed.Partitions;
using Orleans.Concurrency;

namespace NearDup.Distributed.Grains;

/// <summary>One partition of an index's band, SimHash or anchor keys (grain key from <see cref="PartitionMap.GrainKey"/>).</summary>
[Alias("NearDup.IKeyPartitionGrain")]
public interface IKeyPartitionGrain : IGrainWithStringKey
{
    /// <summary>Adds rows (one already present is kept once) and persists them before returning.</summary>
    [Alias("Add")]
    public Task Add(KeyEntry[] entries);

    /// <summary>Removes rows (by identity; missing ones are ignored) and persists that before returning.</summary>
    [Alias("Remove")]
    public Task Remove(KeyEntry[] entries);

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
    /// Every run of two or more rows of documents a batch run listed sharing a key, in key order, rows in ordinal order
    /// of id, packed without their keys (and without payloads but in a SimHash partition): what the run pairs as
    /// candidates. Each row goes as its number in <paramref name="numbering"/>, which the documents' partitions give
    /// (<see cref="IDocumentPartitionGrain.ListedRanks"/>), or by id where a partition changed since the listing; rows
    /// of documents not listed are left out (read-only: runs beside other reads).
    /// </summary>
    [Alias("Runs"), ReadOnly]
    public Task<RunPage> Runs(RunNumbering numbering);

    /// <summary>Folds the tail into the segment now.</summary>
    [Alias("Merge")]
    public Task Merge();

    /// <summary>The partition's sizes.</summary>
    [Alias("Stats")]
    public Task<PartitionStats> Stats();
}
