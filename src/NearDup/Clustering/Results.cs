namespace NearDup.Clustering;

/// <summary>A document to add: an id, its text (UTF-16 or UTF-8) and an optional publication date.</summary>
public readonly record struct DocumentInput
{
    /// <summary>A document from UTF-16 text.</summary>
    public DocumentInput(string id, string text, DateTimeOffset? date = null)
    {
        Id = id;
        Text = text;
        Date = date;
    }

    /// <summary>A document from UTF-8 bytes; the text is never decoded into a string.</summary>
    public DocumentInput(string id, ReadOnlyMemory<byte> utf8Text, DateTimeOffset? date = null)
    {
        Id = id;
        Utf8Text = utf8Text;
        Date = date;
    }

    /// <summary>The document's id; unique within a detector.</summary>
    public string Id { get; }

    /// <summary>The text, when given as UTF-16.</summary>
    public string? Text { get; }

    /// <summary>The text, when given as UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8Text { get; }

    /// <summary>Publication date: the earliest dated document of a story is its canonical.</summary>
    public DateTimeOffset? Date { get; }
}

/// <summary>A member of a cluster, with its scores against the cluster's canonical document.</summary>
/// <param name="Id">The document's id.</param>
/// <param name="Role">What the member is to the canonical.</param>
/// <param name="Jaccard">Jaccard similarity of the two shingle sets, boilerplate excluded.</param>
/// <param name="Containment">Shared shingles over the shingles of the smaller of the two, boilerplate excluded.</param>
public readonly record struct ClusterMember(string Id, CopyRole Role, double Jaccard, double Containment);

/// <summary>A story and its copies. Singletons are clusters of one.</summary>
/// <param name="Id">Cluster id, <c>c</c> and a number: clusters are numbered largest first, then by canonical id.</param>
/// <param name="Canonical">Id of the canonical document.</param>
/// <param name="Members">The canonical first, then the copies by id.</param>
public sealed record DocumentCluster(string Id, string Canonical, IReadOnlyList<ClusterMember> Members);

/// <summary>A verified pair of documents: copies of one story, or different stories that share a passage (see <see cref="Relation"/>).</summary>
/// <param name="First">The id that sorts first.</param>
/// <param name="Second">The other id.</param>
/// <param name="Jaccard">Jaccard similarity, boilerplate excluded.</param>
/// <param name="Containment">Shared shingles over the smaller document's shingles, boilerplate excluded.</param>
/// <param name="SharedShingles">Estimated number of shared shingles (exact at sample rate 1).</param>
public readonly record struct VerifiedPair(string First, string Second, double Jaccard, double Containment, int SharedShingles)
{
    /// <summary>Whether the two tell the same story (<see cref="PairRelation.Copy"/>) or different stories that share text.</summary>
    public PairRelation Relation { get; init; }

    /// <summary>Shared shingles over <see cref="First"/>'s, boilerplate excluded: how much of the first the second holds.</summary>
    public double ContainmentOfFirst { get; init; }

    /// <summary>Shared shingles over <see cref="Second"/>'s, boilerplate excluded: how much of the second the first holds.</summary>
    public double ContainmentOfSecond { get; init; }
}

/// <summary>A document already added that a queried text copies (or is copied by).</summary>
/// <param name="Id">The matched document.</param>
/// <param name="Cluster">The cluster of the matched document in the last clustering.</param>
/// <param name="Role">What the queried text is to the matched document (for a copy).</param>
/// <param name="Jaccard">Jaccard similarity, boilerplate excluded.</param>
/// <param name="Containment">Shared shingles over the smaller document's shingles, boilerplate excluded.</param>
public readonly record struct QueryMatch(string Id, string Cluster, CopyRole Role, double Jaccard, double Containment)
{
    /// <summary>A copy of the matched document's story, or a different story that shares text with it (as in the clusters).</summary>
    public PairRelation Relation { get; init; }
}

/// <summary>Counts and timings of one clustering run, for progress reports and benchmarks.</summary>
public sealed record ClusteringStatistics
{
    /// <summary>Documents clustered.</summary>
    public int Documents { get; init; }

    /// <summary>Groups of exact and syndicated copies (stories before weak links).</summary>
    public int StrongGroups { get; init; }

    /// <summary>Candidate pairs from the LSH and SimHash indexes.</summary>
    public long StrongCandidates { get; init; }

    /// <summary>Candidate pairs from the shingle-sample (anchor) index.</summary>
    public long AnchorCandidates { get; init; }

    /// <summary>Pairs verified as copies.</summary>
    public long VerifiedPairs { get; init; }

    /// <summary>Verified links the story judge called different stories sharing text (reported, never merged).</summary>
    public long ReuseLinks { get; init; }

    /// <summary>Fingerprints found in so many stories that they count as boilerplate.</summary>
    public long CommonFingerprints { get; init; }

    /// <summary>
    /// Bytes of the sketches plus the indexes (LSH band tables, SimHash, anchors, boilerplate filter): what a run that
    /// goes on to answer queries holds. A clustering run builds the indexes one stage at a time and lets them go, and
    /// the process needs working memory beyond this (see README, "Memory and scale"). Fingerprints in a spill file
    /// (<see cref="NearDupOptions.SpillDirectory"/>) are not counted here but in <see cref="SpilledBytes"/>.
    /// </summary>
    public long IndexBytes { get; init; }

    /// <summary>Bytes of fingerprints in the spill file, memory-mapped (0 without <see cref="NearDupOptions.SpillDirectory"/>).</summary>
    public long SpilledBytes { get; init; }

    /// <summary>Seconds spent finding and verifying candidates.</summary>
    public double CandidateSeconds { get; init; }

    /// <summary>Of <see cref="CandidateSeconds"/>: exact and strong (LSH, SimHash) links and groups.</summary>
    public double StrongSeconds { get; init; }

    /// <summary>Of <see cref="CandidateSeconds"/>: group cores and boilerplate counts.</summary>
    public double BoilerplateSeconds { get; init; }

    /// <summary>Seconds spent grouping and naming roles.</summary>
    public double ClusterSeconds { get; init; }
}

/// <summary>A clustering run entering one of its stages, for progress reports (see <see cref="DuplicateDetector.Cluster(bool, IProgress{ClusteringProgress}, CancellationToken)"/>).</summary>
/// <param name="Stage">The stage's number, from 1.</param>
/// <param name="Stages">How many stages there are.</param>
/// <param name="Name">What the stage does, for people ("verifying candidates", "star clustering", ...).</param>
public readonly record struct ClusteringProgress(int Stage, int Stages, string Name);

/// <summary>The clusters of a corpus, and optionally every verified pair.</summary>
/// <param name="Clusters">Every document in exactly one cluster, largest clusters first.</param>
/// <param name="Pairs">Verified pairs, when asked for; sorted by ids.</param>
/// <param name="Statistics">Counts and timings.</param>
public sealed record ClusteringResult(IReadOnlyList<DocumentCluster> Clusters, IReadOnlyList<VerifiedPair> Pairs, ClusteringStatistics Statistics);
