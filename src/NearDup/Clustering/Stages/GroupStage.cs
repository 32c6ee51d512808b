namespace NearDup.Clustering;

/// <summary>
/// Lays the strong groups out as <see cref="GroupLayout"/>, computes their cores (<see cref="GroupCores"/>) and names
/// each group's representative (<see cref="GroupRepresentatives"/>), which needs the cores.
/// </summary>
internal static class GroupStage
{
    /// <summary>The layout and the cores; the caller disposes the cores once the weak links are found.</summary>
    public static (GroupLayout Layout, GroupCores Cores) Build(DocumentTable docs, StrongGroups strong, string? spillDirectory, ParallelOptions parallel)
    {
        var layout = Lay(strong);
        var cores = GroupCores.Compute(docs, layout, spillDirectory, parallel);
        GroupRepresentatives.Choose(docs, cores, layout.Starts, layout.Members, layout.Rep, parallel);
        return (layout, cores);
    }

    private static GroupLayout Lay(StrongGroups strong)
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
}
