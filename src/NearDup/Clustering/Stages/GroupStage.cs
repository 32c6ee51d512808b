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
    /// </summary>
    public static GroupCores Cores(DocumentTable docs, GroupLayout groups, string? spillDirectory, ParallelOptions parallel)
    {
        var cores = GroupCores.Compute(docs, groups, spillDirectory, parallel);
        GroupRepresentatives.Choose(docs, cores, groups.Starts, groups.Members, groups.Rep, parallel);
        return cores;
    }
}
