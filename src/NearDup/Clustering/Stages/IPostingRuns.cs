namespace NearDup.Clustering;

/// <summary>
/// Postings listed run by run for <see cref="PostingLookup.Build{TRuns}"/>: each run's keys, all posted under one
/// owner (a document, a group). A struct, so the builder's scans over millions of keys call no delegate or interface
/// method (the struct constraint has the JIT compile them for it).
/// </summary>
internal interface IPostingRuns
{
    /// <summary>Number of runs.</summary>
    public int Count { get; }

    /// <summary>The document or group that run <paramref name="run"/>'s keys are posted under.</summary>
    public int Owner(int run);

    /// <summary>The keys of run <paramref name="run"/>, none twice.</summary>
    public ReadOnlySpan<uint> Keys(int run);
}
