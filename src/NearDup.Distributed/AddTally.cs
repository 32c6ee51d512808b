namespace NearDup.Distributed;

/// <summary>The outcomes of the batches an add stored, summed; the first few conflicting ids kept for the report.</summary>
internal sealed class AddTally
{
    private const int KeptConflicts = 5;

    private readonly List<string> _conflictIds = [];

    /// <summary>Documents stored that were not there before.</summary>
    public long Added { get; private set; }

    /// <summary>Documents that were there already (same id, text and date): their key rows were sent again.</summary>
    public long AlreadyPresent { get; private set; }

    /// <summary>Documents refused: another document has their id.</summary>
    public long Conflicts { get; private set; }

    /// <summary>The first conflicting ids, in the order their batches were stored.</summary>
    public IReadOnlyList<string> ConflictIds => _conflictIds;

    public void Add(StoreOutcome outcome)
    {
        Added += outcome.Added;
        AlreadyPresent += outcome.AlreadyPresent;
        Conflicts += outcome.Conflicts.Count;
        _conflictIds.AddRange(outcome.Conflicts.Take(KeptConflicts - _conflictIds.Count));
    }
}
