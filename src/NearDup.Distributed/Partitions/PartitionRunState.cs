namespace NearDup.Distributed.Partitions;

/// <summary>
/// All that one batch run keeps at one document partition, until the run drops it
/// (<see cref="Grains.IDocumentPartitionGrain.DropRun"/>, which the coordinator sends where the run ends, failed or not):
/// the groups the partition owns, as the run listed them, with the representatives and cores of those it computed, so
/// that the weak links' pairs need not pass through the coordinator with their members; and the candidate pairs the
/// key partitions sent it, by sender; and its listing of the partition as checked once for the key partitions' ranks.
/// In memory only: a partition that lost it (its silo left) fails the run.
/// </summary>
internal sealed class PartitionRunState
{
    private readonly Dictionary<int, RunGroup> _groups = [];

    private readonly Dictionary<int, CandidateTally> _candidates = [];

    private string[]? _listed;

    private bool _listedChecked;

    /// <summary>Keeps group <paramref name="group"/> (a call sent again replaces it with the same).</summary>
    public void KeepGroup(int group, RunGroup kept) => _groups[group] = kept;

    /// <summary>Group <paramref name="group"/> as kept, if it is.</summary>
    public bool TryGetGroup(int group, out RunGroup kept) => _groups.TryGetValue(group, out kept!);

    /// <summary>Keeps a key partition's candidate pairs (a tally sent again replaces its sender's first).</summary>
    public void TallyCandidates(int sender, CandidateTally tally) => _candidates[sender] = tally;

    /// <summary>The candidate tallies received, one per sender.</summary>
    public IReadOnlyCollection<CandidateTally> Candidates => _candidates.Values;

    /// <summary>
    /// The run's listed ids here, ascending, or null when they are no longer as listed: <paramref name="check"/>'s
    /// answer at the run's first call, the same to every later one. A change after that check is caught by the stages
    /// that read the documents, which check each against its listed content hash.
    /// </summary>
    public string[]? Listed(Func<string[]?> check)
    {
        if (!_listedChecked)
        {
            _listed = check();
            _listedChecked = true;
        }
        return _listed;
    }
}
