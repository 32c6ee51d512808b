using NearDup.Distributed.Partitions;
using Orleans.Concurrency;

namespace NearDup.Distributed.Grains;

/// <summary>One partition of an index's document sketches, by id (grain key from <see cref="PartitionMap.GrainKey"/>).</summary>
[Alias("NearDup.IDocumentPartitionGrain")]
public interface IDocumentPartitionGrain : IGrainWithStringKey
{
    /// <summary>Stores the sketches (a page of <see cref="SketchParts.All"/>) and persists them before returning; one outcome per sketch, in order.</summary>
    [Alias("AddPage")]
    public Task<AddOutcome[]> Add(SketchPage page);

    /// <summary>
    /// The sketches of the ids present, in the order asked (missing ids are left out). Read-only, so that partitions
    /// scoring pairs (<see cref="Measure"/>) can read each other's sketches at once without waiting on each other.
    /// </summary>
    [Alias("Get"), ReadOnly]
    public Task<StoredSketch[]> Get(string[] ids);

    /// <summary>
    /// Like <see cref="Get"/>, packed (<see cref="SketchPage"/>) with the arrays <paramref name="parts"/> names: what
    /// batch runs and queries read, about a quarter fewer bytes on the wire than <see cref="StoredSketch"/>s.
    /// </summary>
    [Alias("Fetch"), ReadOnly]
    public Task<SketchPage> Fetch(string[] ids, SketchParts parts);

    /// <summary>Removes a document and persists that; returns its sketch (so its keys can be removed), or null.</summary>
    [Alias("Remove")]
    public Task<StoredSketch?> Remove(string id);

    /// <summary>
    /// Up to <paramref name="max"/> sketches in ordinal order of id, the first ones after <paramref name="after"/> (null:
    /// from the first), packed with the arrays <paramref name="parts"/> names (a batch run lists <see cref="SketchParts.Summary"/>).
    /// </summary>
    [Alias("Scan"), ReadOnly]
    public Task<SketchPage> Scan(string? after, int max, SketchParts parts);

    /// <summary>
    /// The place of each of <paramref name="request"/>'s ids among the first <see cref="ListedRankRequest.Count"/>
    /// documents here in ordinal order of id, -1 for an id not among them (added since the listing, or not stored),
    /// when those documents are still as a batch run listed them (their last id and digest); otherwise none (empty),
    /// and the key partition asking sends those ids as ids. The listing is checked at the run's first call only, and that
    /// answer kept in the run's state until <see cref="DropRun"/> (read-only all the same: key partitions ask at once,
    /// and the call does not wait, so none interleaves with another).
    /// </summary>
    [Alias("ListedRanks"), ReadOnly]
    public Task<int[]> ListedRanks(ListedRankRequest request);

    /// <summary>
    /// The shared fingerprints of each pair of <paramref name="request"/>, read where the sketches are stored (the
    /// second documents' from their partitions), and without <see cref="MeasureRequest.Common"/> whether the two are
    /// dated apart as a series' items (facts that differ, or two flashes); -1 for a pair whose documents are not the ones listed.
    /// </summary>
    [Alias("Measure"), ReadOnly]
    public Task<MeasureAnswer> Measure(MeasureRequest request);

    /// <summary>
    /// Keeps the candidate pairs key partition <paramref name="sender"/> found for batch run <paramref name="run"/> whose
    /// first document is stored here (<see cref="IKeyPartitionGrain.PairRuns"/>), replacing what it sent before, until
    /// <see cref="DropRun"/>.
    /// </summary>
    [Alias("TallyCandidates")]
    public Task TallyCandidates(string run, int sender, CandidateTally tally);

    /// <summary>
    /// The candidate pairs kept for the run (<see cref="TallyCandidates"/>), each once, measured here as <see cref="Measure"/>
    /// measures stage 2's candidates, by their numbers in the run's listing; -1 shared for a pair with a document no
    /// longer stored (a document replaced since the listing is measured as it is now: the run fails on it when the sizes
    /// check every listed content hash). Fails when fewer pairs are kept than <see cref="CandidateMeasureRequest.Expected"/>
    /// (a tally lost with a silo). The pairs stay until <see cref="DropRun"/>, so a call sent again answers the same.
    /// </summary>
    [Alias("MeasureCandidates"), ReadOnly]
    public Task<MeasuredCandidates> MeasureCandidates(CandidateMeasureRequest request);

    /// <summary>
    /// Counts the groups of <paramref name="request"/> for a batch run's boilerplate: merges each group's members'
    /// fingerprints (the others' read from their partitions) into its distinct set and sends each fingerprint to the
    /// count range that owns it (<see cref="IFingerprintCountGrain.Tally"/>), before returning. Returns the groups
    /// (their positions in the request) it could not count because a member is not as listed.
    /// </summary>
    [Alias("CountGroups"), ReadOnly]
    public Task<int[]> CountGroups(GroupCountRequest request);

    /// <summary>
    /// Counts the groups of one among <paramref name="request"/>'s documents for a batch run's boilerplate, as
    /// <see cref="CountGroups"/> counts a group: sends each distinct fingerprint of each to the count range that owns it
    /// (<see cref="IFingerprintCountGrain.Tally"/>) before returning. By place, returns null, counting nothing, when the
    /// partition does not hold the chunk's documents as listed, else nothing; by ids, the positions in
    /// <see cref="SingleCountRequest.Ids"/> of the documents not as listed, not counted.
    /// </summary>
    [Alias("CountSingles"), ReadOnly]
    public Task<int[]?> CountSingles(SingleCountRequest request);

    /// <summary>
    /// The cores and representatives of the groups of <paramref name="request"/> for a batch run (stage 4's
    /// <see cref="Clustering.GroupStage.Cores"/>, over the members' sketches, the others' read from their partitions):
    /// each group's representative, or -1 for a group with a member not as listed. With
    /// <see cref="GroupCoreRequest.Anchors"/>, the anchors of the cores computed are posted to the run's anchor-key ranges
    /// first, and the groups are kept here for the run with their representatives and cores (<see cref="RunGroups"/>,
    /// <see cref="JudgeRunLinks"/>), a call sent again replacing them with the same.
    /// </summary>
    [Alias("Cores"), ReadOnly]
    public Task<GroupCoreAnswer> Cores(GroupCoreRequest request);

    /// <summary>
    /// Each document's fingerprints that are not the batch run's boilerplate (<see cref="SizeRequest.Common"/>), read
    /// where they are stored: the sizes the boilerplate stage hands on, in the request's order. Empty when the partition
    /// does not hold the request's documents as listed.
    /// </summary>
    [Alias("Sizes"), ReadOnly]
    public Task<int[]> Sizes(SizeRequest request);

    /// <summary>
    /// The weak links among the anchor candidates this partition's pair range holds and <paramref name="request"/>'s
    /// pairs of groups, verified on the groups' cores and judged on the members the judge reads (read where they are
    /// stored, with positions and facts: every member of a group of up to four, the representative of a larger one) by
    /// the weak-link stage's own code; the groups, with their representatives and cores, are the ones kept for the run
    /// here and at the larger groups' owners (<see cref="RunGroups"/>), not computed again. Pairs with a judged member
    /// no longer as listed are named, not judged; a group kept nowhere (its partition's silo left) fails the call.
    /// </summary>
    [Alias("JudgeRunLinks"), ReadOnly]
    public Task<RunLinkAnswer> JudgeRunLinks(RunLinkRequest request);

    /// <summary>
    /// The members of <paramref name="groups"/> as kept here for batch run <paramref name="run"/> (by its core calls
    /// and anchor postings), with the representatives and cores the core calls computed; a group not kept fails the call.
    /// </summary>
    [Alias("RunGroups"), ReadOnly]
    public Task<RunGroupMembers> RunGroups(string run, int[] groups);

    /// <summary>Drops what batch run <paramref name="run"/> keeps here: the run is over.</summary>
    [Alias("DropRun")]
    public Task DropRun(string run);

    /// <summary>
    /// The canonicals of <paramref name="request"/>'s clusters and their members' roles and scores, worked out on the
    /// members' sketches (read where they are stored, with positions and facts) by stage 7's own code; clusters with a
    /// member no longer as listed get -1, not judged.
    /// </summary>
    [Alias("JudgeClusters"), ReadOnly]
    public Task<CanonicalAnswer> JudgeClusters(CanonicalRequest request);

    /// <summary>
    /// Counts the facts of the representatives of <paramref name="request"/>'s documents for a batch run's common facts:
    /// sends each fact's word to the count range that owns it (<see cref="IFingerprintCountGrain.Tally"/>) before
    /// returning true; false, counting nothing, when the partition does not hold the chunk's documents as listed.
    /// </summary>
    [Alias("CountFacts"), ReadOnly]
    public Task<bool> CountFacts(FactCountRequest request);

    /// <summary>
    /// Posts the anchors of <paramref name="request"/>'s documents that are groups of one (their fingerprints are their
    /// groups' cores) to the batch run's anchor-key ranges (<see cref="IAnchorKeyGrain.Post"/>) before returning true;
    /// false, posting nothing, when the partition does not hold the chunk's documents as listed.
    /// </summary>
    [Alias("PostAnchors"), ReadOnly]
    public Task<bool> PostAnchors(AnchorPostRequest request);

    /// <summary>Every id present, in ordinal order.</summary>
    [Alias("Ids")]
    public Task<string[]> Ids();

    /// <summary>Folds the tail into the segment now.</summary>
    [Alias("Merge")]
    public Task Merge();

    /// <summary>
    /// Scores a query against the candidates of <paramref name="request"/> stored here, as the single machine's query
    /// does, and returns the matches with their scores and roles, unsorted: a query receives answers, not sketches.
    /// Candidates no longer stored are skipped.
    /// </summary>
    [Alias("Score"), ReadOnly]
    public Task<ScoredMatch[]> Score(QueryRequest request);

    /// <summary>The partition's sizes.</summary>
    [Alias("Stats")]
    public Task<PartitionStats> Stats();
}
