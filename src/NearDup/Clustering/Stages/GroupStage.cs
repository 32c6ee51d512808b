namespace NearDup.Clustering;

/// <summary>
/// Lays the strong groups out as <see cref="GroupLayout"/>, computes their cores (<see cref="GroupCores"/>) and names
/// each group's representative (<see cref="GroupRepresentatives"/>), which needs the cores.
/// </summary>
internal static class GroupStage
{
    /// <summary>The groups' members, contiguous, in document order.</summary>
    public static GroupLayout Lay(StrongGroups strong)
    {
        int groups = strong.Rep.Length;
        var starts = new int[groups + 1];
        foreach (int g in strong.GroupOf)
        {
            starts[g + 1]++;
        }
        for (int g = 0; g < groups; g++)
        {
            starts[g + 1] += starts[g];
        }
        var members = new int[strong.GroupOf.Length];
        var fill = (int[])starts.Clone();
        for (int i = 0; i < members.Length; i++)
        {
            members[fill[strong.GroupOf[i]]++] = i;
        }
        return new GroupLayout(strong.GroupOf, strong.Rep, starts, members);
    }

    /// <summary>
    /// The groups' cores, and each group's final representative in <see cref="GroupLayout.Rep"/>. The caller disposes
    /// the cores once the weak links are found (a separate call from <see cref="Lay"/>, so that nothing else holds them).
    /// In spill order the same sweep counts boilerplate pass 1 (<see cref="GroupCores.PassOneCounts"/>) and, given
    /// <paramref name="anchorMask"/>, gathers the cores' anchors for the weak-link stage (<see cref="GroupCores.Anchors"/>).
    /// </summary>
    /// <remarks>
    /// With a spill file larger than a block (<see cref="SpillOrder.Applies"/>), the groups go in
    /// <see cref="SpillOrder.OfGroups"/> (<see cref="GroupCores.Order"/>): their members lie anywhere in the file, and
    /// in group order each fault would read megabytes around a document of a few kilobytes.
    /// </remarks>
    public static GroupCores Cores(DocumentTable docs, GroupLayout groups, string? spillDirectory, ParallelOptions parallel, uint? anchorMask = null) =>
        CoresIn(docs, groups, spillDirectory, parallel, SpillOrder.DefaultBlockBytes(), Internal.Workers.Count(parallel.MaxDegreeOfParallelism, int.MaxValue),
            anchorMask);

    /// <summary><see cref="Cores(DocumentTable, GroupLayout, string?, ParallelOptions, uint?)"/> with blocks of <paramref name="blockBytes"/> and a fixed set of <paramref name="workers"/> workers.</summary>
    /// <remarks>
    /// The anchors may hold <paramref name="anchorBytes"/>, by default as much as the anchor table's passes would have
    /// gathered (<see cref="AnchorTable.SharedRunsInBudget"/>): a block.
    /// </remarks>
    internal static GroupCores CoresIn(DocumentTable docs, GroupLayout groups, string? spillDirectory, ParallelOptions parallel, long blockBytes, int workers,
        uint? anchorMask = null, long? anchorBytes = null)
    {
        if (!SpillOrder.Applies(docs, blockBytes))
        {
            var cores = GroupCores.Compute(docs, groups, spillDirectory, parallel);
            GroupRepresentatives.Choose(docs, cores, groups.Starts, groups.Members, groups.Rep, parallel);
            return cores;
        }
        var fixedSet = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = parallel.CancellationToken };
        var anchors = anchorMask is { } mask ? new CoreAnchors(groups.Count, mask, anchorBytes ?? blockBytes) : null;
        var sweep = new MemberSweep(docs, groups, BoilerplateFilter.PassOneCounts(BoilerplateStage.MemberFingerprints(docs), workers, docs.Spare), parallel.CancellationToken,
            anchors: anchors);
        var ordered = GroupCores.Compute(docs, groups, spillDirectory, fixedSet, SpillOrder.OfGroups(docs, groups, blockBytes), blockBytes, sweep);
        ordered.PassOneCounts = sweep.Counts;
        ordered.Anchors = anchors is { Dropped: false } ? anchors : null;
        return ordered;
    }
}
