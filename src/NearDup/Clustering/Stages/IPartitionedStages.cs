namespace NearDup.Clustering;

/// <summary>
/// The parts of stage 4 a partitioned index runs where the fingerprints are stored, in place of the builder's own
/// (<see cref="ClusterBuilder"/>): what each returns is what <see cref="GroupStage.Cores"/>, <see cref="BoilerplateStage.Count"/> and
/// <see cref="BoilerplateStage.Sizes"/> return over the same documents, so the stages after them see no difference.
/// </summary>
internal interface IPartitionedStages
{
    /// <summary>The groups' cores, and each group's representative set in <see cref="GroupLayout.Rep"/>, as <see cref="GroupStage.Cores"/> gives them.</summary>
    public GroupCores Cores(GroupLayout groups, string? spillDirectory);

    /// <summary>The fingerprints held by <see cref="NearDupOptions.CommonShingleDocuments"/> groups or more.</summary>
    public BoilerplateFilter CountGroups(GroupLayout groups);

    /// <summary>Each document's fingerprints that <paramref name="common"/> does not hold, by document number.</summary>
    public int[] Sizes(BoilerplateFilter common);
}
