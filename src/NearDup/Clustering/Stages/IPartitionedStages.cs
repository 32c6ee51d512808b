namespace NearDup.Clustering;

/// <summary>
/// The parts of stage 4 a partitioned index runs where the fingerprints are stored, in place of the builder's own
/// (<see cref="ClusterBuilder"/>), and stage 5's common facts and anchor candidates: what each returns is what <see cref="GroupStage.Cores"/>,
/// <see cref="BoilerplateStage.Count"/>, <see cref="BoilerplateStage.Sizes"/>, <see cref="CommonFacts.Find"/>, the anchor pairing, the verification and judging of <see cref="WeakLinkStage"/> and stage 7's judging of members (<see cref="CanonicalStage"/>) and the pairs' shared fingerprints (<see cref="PairListing"/>) return over the same documents, so the stages after them see no difference.
/// </summary>
internal interface IPartitionedStages
{
    /// <summary>
    /// Sets each group's representative in <see cref="GroupLayout.Rep"/>, as <see cref="GroupStage.Cores"/> picks it;
    /// the cores stay where they were computed (the anchor pairing and the weak links read them there).
    /// </summary>
    public void Representatives(GroupLayout groups);

    /// <summary>The facts <paramref name="threshold"/> or more representatives report, as <see cref="CommonFacts.Find"/> gives them.</summary>
    public CommonFacts FindCommonFacts(GroupLayout groups, int threshold);

    /// <summary>The fingerprints held by <see cref="NearDupOptions.CommonShingleDocuments"/> groups or more.</summary>
    public BoilerplateFilter CountGroups(GroupLayout groups);

    /// <summary>
    /// Pairs the groups whose cores share <see cref="NearDupOptions.MinSharedAnchors"/> anchors that
    /// <paramref name="common"/> does not hold, as <see cref="AnchorPairs.Candidates(IReadOnlyList{AnchorRuns}, bool[], int, ParallelOptions, long)"/>
    /// gives them over the shared anchor table of the groups' cores; the pairs stay where they were paired, for <see cref="JudgeLinks"/>.
    /// </summary>
    public void PairAnchors(GroupLayout groups, BoilerplateFilter common);

    /// <summary>
    /// The weak links among <paramref name="pairs"/> (packed (smaller, larger) groups, ascending) and the anchor
    /// candidates <see cref="PairAnchors"/> found, verified and judged as <see cref="WeakLinkStage.VerifyAndJudge"/>
    /// does over the groups' cores, <paramref name="boilerplate"/> and a judge with <paramref name="commonFacts"/>,
    /// with every copy's lead known (<see cref="WeakLinkStage.FillLeads"/>); and how many anchor candidates there were.
    /// </summary>
    public (JudgedLinks Links, long AnchorCandidates) JudgeLinks(GroupLayout groups, Boilerplate boilerplate, CommonFacts commonFacts, long[] pairs);

    /// <summary>
    /// Stage 7's clusters, canonicals and roles, as <see cref="CanonicalStage.Build(DocumentTable, NearDupOptions, GroupLayout, int[], Boilerplate, StoryJudge, ParallelOptions)"/>
    /// gives them over <paramref name="boilerplate"/> and a judge with <paramref name="commonFacts"/> (each cluster's
    /// members judged against its canonical where their sketches are stored).
    /// </summary>
    public ClusterList Canonicals(GroupLayout groups, int[] centerOf, Boilerplate boilerplate, CommonFacts commonFacts);

    /// <summary>Each document's fingerprints that <paramref name="common"/> does not hold, by document number.</summary>
    public int[] Sizes(BoilerplateFilter common);

    /// <summary>
    /// Each pair's shared fingerprints that <paramref name="boilerplate"/>'s filter does not hold, as its verifier counts
    /// them (<see cref="PairListing"/>'s scores), counted where the fingerprints are stored.
    /// </summary>
    public int[] SharedWithoutBoilerplate((int A, int B)[] pairs, Boilerplate boilerplate);
}
