namespace NearDup.Distributed.Grains;

/// <summary>
/// What a grain holds for batch runs, for the tests that check a run leaves nothing behind (a failed one too): internal,
/// so not part of the grains' public contract. The document partitions, the anchor-key and pair ranges and the count
/// ranges implement it.
/// </summary>
[Alias("NearDup.IRunStateProbe")]
internal interface IRunStateProbe : IGrainWithStringKey
{
    /// <summary>
    /// Entries held for batch runs: a document partition's runs (<see cref="Partitions.PartitionRunState"/>), a range's
    /// postings or tallies as sent. 0 once every run that reached this grain was dropped.
    /// </summary>
    [Alias("HeldRunState")]
    public Task<int> HeldRunState();
}
