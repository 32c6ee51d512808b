namespace NearDup.Clustering;

/// <summary>
/// Work that a sweep computing the group cores in spill order (<see cref="GroupCores"/>) does on each round of groups
/// besides their cores, while the members it just read are still in memory: one sweep over the members where each
/// reader would make its own.
/// </summary>
internal interface ICoreSweepWork
{
    /// <summary>Adds to <paramref name="ahead"/> what the cores and <see cref="Run"/> will read of group <paramref name="g"/>.</summary>
    public void AskFor(int g, ReadAhead ahead);

    /// <summary>Works on <paramref name="round"/>'s groups, whose cores <paramref name="cores"/> now holds.</summary>
    public void Run(GroupCores cores, ArraySegment<int> round);
}
