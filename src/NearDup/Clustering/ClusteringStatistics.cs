namespace NearDup.Clustering;

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

    /// <summary>Boilerplate fingerprints: found in so many stories that they count as boilerplate (name kept for compatibility).</summary>
    public long CommonFingerprints { get; init; }

    /// <summary>
    /// Bytes of the sketches plus the indexes (LSH band tables, SimHash, anchors, boilerplate filter): what a run that
    /// goes on to answer queries holds. A clustering run builds the indexes one stage at a time and lets them go, and
    /// the process needs working memory beyond this (see docs/memory-and-scale.md). Fingerprints in a spill file
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
