using NearDup.Indexing;
using NearDup.Internal;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// Options of a <see cref="DuplicateDetector"/>. The defaults catch exact, syndicated, rewritten (spun) and
/// excerpted copies while keeping different stories on the same topic apart; see README "How it decides".
/// Shingle counts below are in word 5-grams by default (whatever <see cref="Shingles"/> says).
/// </summary>
public sealed record NearDupOptions
{
    /// <summary>The defaults.</summary>
    public static NearDupOptions Default { get; } = new();

    /// <summary>How texts become shingles. Default word 5-grams, diacritics folded.</summary>
    public ShingleOptions Shingles { get; init; } = ShingleOptions.Default;

    /// <summary>MinHash signatures for the LSH index (the fast path for exact and syndicated copies).</summary>
    public MinHashOptions MinHash { get; init; } = MinHashOptions.Default;

    /// <summary>
    /// Jaccard similarity the MinHash LSH index targets; bands and rows come from <see cref="LshParameters.Optimal"/>.
    /// Default 0.5: the LSH path looks for strong copies; weak ones come from the shingle-sample index.
    /// </summary>
    public double LshThreshold { get; init; } = 0.5;

    /// <summary>Hamming distance of the SimHash index (0 to 7). Default 3.</summary>
    public int SimHashMaxDistance { get; init; } = 3;

    /// <summary>
    /// Smallest containment (shared shingles over the smaller document's shingles, boilerplate excluded) that
    /// makes a pair a copy. Default 0.05: a spun copy that keeps a tenth of its 5-grams or an excerpt keeps
    /// well above it, while different stories on one topic share under 0.5%.
    /// </summary>
    public double MinContainment { get; init; } = 0.05;

    /// <summary>
    /// Fewest shared shingles that make a pair a copy, with <see cref="MinContainment"/> (for a document shorter
    /// than twice this, half its shingles suffice). Default 8: a common phrase or two is not a copy.
    /// </summary>
    public int MinSharedShingles { get; init; } = 8;

    /// <summary>
    /// Shared shingles that make a pair a verified link whatever the ratios: a passage quoted inside a long text,
    /// which the story judge then calls a copy or (most often) a reuse link. Default 40: two sentences of news, 44 words.
    /// A fifth of them (at least <see cref="MinSharedShingles"/>) in order within 100 shingles of both texts make a
    /// shorter or reworded passage, always a reuse link.
    /// </summary>
    public int PassageShingles { get; init; } = 40;

    /// <summary>Jaccard similarity from which a copy is syndicated (with <see cref="SyndicatedContainment"/>). Default 0.5.</summary>
    public double SyndicatedJaccard { get; init; } = 0.5;

    /// <summary>Containment from which a copy is syndicated (with <see cref="SyndicatedJaccard"/>). Default 0.8.</summary>
    public double SyndicatedContainment { get; init; } = 0.8;

    /// <summary>
    /// Where a document has no positions (an index of format 1 or 2) and in query answers: a copy at most this
    /// fraction of the canonical's length is an excerpt, else rewritten. In clusters a copy made of verbatim passages
    /// of its canonical is an excerpt whatever its length. Default 0.6.
    /// </summary>
    public double ExcerptLengthRatio { get; init; } = 0.6;

    /// <summary>
    /// Fraction of each document's shingles kept for verification (1, 1/2, 1/4, …, 1/64). Default 1: exact
    /// verification, 4 bytes per distinct shingle. Lower it for corpora of millions: verification then estimates
    /// shared counts from a consistent hash sample (standard error of a containment c over m sampled shingles
    /// is about √(c(1−c)/m)).
    /// </summary>
    public double SampleRate { get; init; } = 1.0;

    /// <summary>
    /// One in this many verification shingles is an anchor in the candidate index (a power of two, 1 to 256). Default 4:
    /// with two anchors needed, a pair sharing 10 non-boilerplate 5-grams is a candidate with probability 0.76, 20 with
    /// 0.98 (at 8: 0.36 and 0.73), for an anchor table twice the size.
    /// </summary>
    public int AnchorRate { get; init; } = 4;

    /// <summary>Anchors two documents must share to become a candidate pair. Default 2.</summary>
    public int MinSharedAnchors { get; init; } = 2;

    /// <summary>
    /// A shingle found in at least this many different stories (groups of exact and syndicated copies count once)
    /// is boilerplate (a site's header or footer, a stock phrase) and counts neither as evidence nor in sizes.
    /// Default 16: a site's header and footer recur in every story the site carries, while the shingles of one story
    /// recur only in its copies (which a group counts once) and in the few rewrites that kept them. Weak links are
    /// also judged on each group's core (see README), so results change little between 4 and 32.
    /// The boilerplate threshold: the name, and the CLI's <c>--common-docs</c>, are kept for compatibility.
    /// </summary>
    public int CommonShingleDocuments { get; init; } = 16;

    /// <summary>Threads to use; -1 for all cores. Results are identical for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// Folder for a temporary spill file that holds the verification fingerprints (most of each sketch's bytes) outside
    /// the managed heap, memory-mapped: the operating system keeps in memory what fits and reads the rest back when
    /// it is needed. For corpora whose sketches come near the machine's memory (see README, "Memory"). Default null:
    /// fingerprints stay on the heap. Results are identical either way. The file is deleted when the
    /// <see cref="DuplicateDetector"/> is disposed (on Unix it has no name from the start). Not saved in an index.
    /// </summary>
    public string? SpillDirectory { get; init; }

    /// <summary>
    /// Bytes of boilerplate candidates held in memory before they go to runs in <see cref="SpillDirectory"/>
    /// (<see cref="CandidateRuns"/>); null for the default, a share of the memory left. Tests set it small.
    /// </summary>
    internal long? CandidateBudgetBytes { get; init; }

    /// <summary>
    /// Bytes of the documents' spill file written through the page cache before the rest goes past it
    /// (<see cref="FingerprintSpill.DirectWritesFrom"/>); null for the default, a share of the memory the process may
    /// have. Tests set it to 0.
    /// </summary>
    internal long? SpillDirectFromBytes { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Shingles, nameof(Shingles));
        ArgumentNullException.ThrowIfNull(MinHash, nameof(MinHash));
        Check(LshThreshold > 0 && LshThreshold < 1, nameof(LshThreshold), LshThreshold, "must lie strictly between 0 and 1");
        Check(SimHashMaxDistance is >= 0 and <= 7, nameof(SimHashMaxDistance), SimHashMaxDistance, "must be 0 to 7");
        Check(MinContainment is > 0 and <= 1, nameof(MinContainment), MinContainment, "must be in (0, 1]");
        Check(MinSharedShingles >= 1, nameof(MinSharedShingles), MinSharedShingles, "must be at least 1");
        Check(PassageShingles >= MinSharedShingles, nameof(PassageShingles), PassageShingles, "must be at least MinSharedShingles");
        Check(SyndicatedJaccard is > 0 and <= 1, nameof(SyndicatedJaccard), SyndicatedJaccard, "must be in (0, 1]");
        Check(SyndicatedContainment is > 0 and <= 1, nameof(SyndicatedContainment), SyndicatedContainment, "must be in (0, 1]");
        Check(ExcerptLengthRatio is > 0 and <= 1, nameof(ExcerptLengthRatio), ExcerptLengthRatio, "must be in (0, 1]");
        double inverse = 1 / SampleRate;
        Check(SampleRate is > 0 and <= 1 && inverse <= 64 && double.IsInteger(inverse) && System.Numerics.BitOperations.IsPow2((long)inverse),
            nameof(SampleRate), SampleRate, "must be 1, 1/2, 1/4, ... or 1/64");
        Check(AnchorRate is >= 1 and <= 256 && System.Numerics.BitOperations.IsPow2(AnchorRate), nameof(AnchorRate), AnchorRate, "must be a power of two from 1 to 256");
        Check(MinSharedAnchors >= 1, nameof(MinSharedAnchors), MinSharedAnchors, "must be at least 1");
        Check(CommonShingleDocuments >= 2, nameof(CommonShingleDocuments), CommonShingleDocuments, "must be at least 2");
        Check(MaxDegreeOfParallelism == -1 || MaxDegreeOfParallelism >= 1, nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "must be -1 (all cores) or positive");
    }

    private static void Check(bool ok, string name, object value, string rule)
    {
        if (!ok)
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, value, $"NearDupOptions.{name} {rule}; got {value}.");
        }
    }
}
