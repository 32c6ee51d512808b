namespace NearDup.Clustering;

/// <summary>
/// Scores a pair of documents on their fingerprint sets: shared count by a merge of two sorted arrays,
/// skipping boilerplate fingerprints, then Jaccard and containment. Every pair NearDup reports went through here.
/// </summary>
internal sealed class Verifier
{
    /// <summary>A document with fewer than twice <see cref="NearDupOptions.MinSharedShingles"/> shingles needs only half
    /// of them shared (1 / this), so that a short document can be a copy at all.</summary>
    private const double SmallDocumentShareDivisor = 2;

    private readonly NearDupOptions _options;
    private readonly BoilerplateFilter _common;
    private readonly double _inverseRate;

    public Verifier(NearDupOptions options, BoilerplateFilter common)
    {
        _options = options;
        _common = common;
        _inverseRate = 1 / options.SampleRate;
    }

    /// <summary>The boilerplate fingerprints that every score leaves out.</summary>
    public BoilerplateFilter Boilerplate => _common;

    /// <summary>Scores of a pair: sizes are counts of non-boilerplate fingerprints.</summary>
    public readonly record struct Score(int Shared, int SizeA, int SizeB)
    {
        public double Jaccard => Shared == 0 ? 0 : (double)Shared / (SizeA + SizeB - Shared);

        public double Containment => Shared == 0 ? 0 : (double)Shared / Math.Min(SizeA, SizeB);
    }

    public Score Measure(ReadOnlySpan<uint> a, int sizeA, ReadOnlySpan<uint> b, int sizeB)
    {
        return new Score(SharedFingerprints.CountShared(a, b, _common), sizeA, sizeB);
    }

    /// <summary>Whether the pair is verified: enough containment and enough shared shingles, or a long shared passage.</summary>
    public bool IsCopy(Score score)
    {
        if (score.Shared == 0)
        {
            return false;
        }
        return IsCopyByCounts(score) || score.Shared * _inverseRate >= _options.PassageShingles;
    }

    /// <summary>A short passage needs this fraction of <see cref="NearDupOptions.PassageShingles"/> close together
    /// (<see cref="PassageShingles"/>): 8 of the default 40, so that raising the option asks more of every passage.</summary>
    private const int DensePassageDivisor = 5;

    /// <summary>
    /// Whether the pair is verified (<see cref="IsCopy"/>), or shares enough shingles for a short passage
    /// (<see cref="PassageShingles"/>), which the judge then looks for where they lie (<see cref="StoryJudge.SharesPassage(int, int, int)"/>):
    /// a quote or a reworded passage inside longer texts is too small a part of either to pass on containment.
    /// </summary>
    public bool IsLink(Score score) => IsCopy(score) || (score.Shared > 0 && score.Shared * _inverseRate >= DensePassage);

    /// <summary>
    /// Whether sorted cores <paramref name="a"/> and <paramref name="b"/> share <see cref="NearDupOptions.MinSharedAnchors"/>
    /// anchors that are not boilerplate: a weak-link candidate that does not was found by a key only the two groups hold
    /// (<see cref="DistinctiveAnchors"/>). The merge stops at the last anchor it needs: a copy shares its first anchors
    /// early in the lists, and a query asks this of every candidate its anchors alone found.
    /// </summary>
    public bool SharesAnchors(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        uint mask = AnchorTable.MaskOf(_options);
        int needed = _options.MinSharedAnchors, shared = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length && shared < needed;)
        {
            if (a[i] < b[j])
            {
                i++;
            }
            else if (a[i] > b[j])
            {
                j++;
            }
            else
            {
                shared += AnchorTable.IsAnchor(a[i], mask) && !_common.IsBoilerplate(a[i]) ? 1 : 0;
                i++;
                j++;
            }
        }
        return shared >= needed;
    }

    /// <summary>
    /// Shared shingles in order, within <see cref="PairEvidence.PassageWindow"/> shingles of both texts, that make a
    /// passage of a link that <see cref="IsLink"/> admits and <see cref="IsCopy"/> does not: a fifth of
    /// <see cref="NearDupOptions.PassageShingles"/>, at least <see cref="NearDupOptions.MinSharedShingles"/> (as sampled:
    /// the window's entries are sampled too).
    /// </summary>
    public int PassageShingles => Math.Max(2, (int)Math.Ceiling(DensePassage * _options.SampleRate));

    private int DensePassage => Math.Max(_options.MinSharedShingles, _options.PassageShingles / DensePassageDivisor);

    /// <summary>
    /// Whether the pair passes on containment and shared count, not on the passage rule alone: only such a pair
    /// can be a copy of one story, so the thresholds bound every copy; a long passage in a longer text is reuse.
    /// </summary>
    public bool IsCopyByCounts(Score score)
    {
        double shared = score.Shared * _inverseRate;
        double smaller = Math.Min(score.SizeA, score.SizeB) * _inverseRate;
        double minShared = Math.Min(_options.MinSharedShingles, Math.Ceiling(smaller / SmallDocumentShareDivisor));
        return score.Shared > 0 && score.Containment >= _options.MinContainment && shared >= minShared;
    }

    /// <summary>Whether the pair is a strong copy (exact or syndicated), which may chain.</summary>
    public bool IsStrong(Score score) =>
        score.Jaccard >= _options.SyndicatedJaccard && score.Containment >= _options.SyndicatedContainment && IsCopy(score);

    public int EstimatedShared(Score score) => (int)Math.Round(score.Shared * _inverseRate);
}
