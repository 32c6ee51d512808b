using NearDup.Corpus.Internal;

namespace NearDup.Corpus;

/// <summary>
/// Settings for <see cref="CorpusGenerator"/>. The copy rates are fractions of all documents; the
/// rest are originals, and each original gets a geometric number of copies whose mean makes the
/// requested mix come out on average. Validated once by the <see cref="CorpusGenerator"/> constructor.
/// </summary>
public sealed record CorpusOptions
{
    /// <summary>Default settings: 1,000 documents, seed 1, 50% originals, 5% exact, 25% syndicated, 10% rewritten, 10% excerpts.</summary>
    public static CorpusOptions Default { get; } = new();

    /// <summary>Exact number of documents to generate; at least 1. Default 1,000.</summary>
    public int Documents { get; init; } = 1000;

    /// <summary>Seed; the same seed and options give byte-identical output. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Fraction of documents that are exact copies (normalization-only changes). Default 0.05.</summary>
    public double ExactRate { get; init; } = 0.05;

    /// <summary>Fraction of documents that are syndicated copies (story inside a site's boilerplate). Default 0.25.</summary>
    public double SyndicatedRate { get; init; } = 0.25;

    /// <summary>Fraction of documents that are rewritten (spun) copies. Default 0.10.</summary>
    public double RewrittenRate { get; init; } = 0.10;

    /// <summary>Fraction of documents that are excerpt posts. Default 0.10.</summary>
    public double ExcerptRate { get; init; } = 0.10;

    /// <summary>
    /// Fraction of stories written in hard-negative groups: four consecutive stories on one topic
    /// sharing names, places, organisations, an official statement and topic words. Default 0.3.
    /// </summary>
    public double HardNegativeRate { get; init; } = 0.3;

    /// <summary>Strengths of rewritten copies, drawn uniformly from this range within [0, 1]. Default 0.2–1.0.</summary>
    public StrengthRange RewriteStrength { get; init; } = new(0.2, 1.0);

    /// <summary>Adds OCR-like character noise to a share (<see cref="OcrDocumentRate"/>) of non-exact copies. Default false.</summary>
    public bool OcrNoise { get; init; }

    /// <summary>With <see cref="OcrNoise"/>, the fraction of syndicated, rewritten and excerpt copies that get noise. Default 0.5.</summary>
    public double OcrDocumentRate { get; init; } = 0.5;

    /// <summary>With <see cref="OcrNoise"/>, the per-character error rate in [0, 0.2]. Default 0.02.</summary>
    public double OcrCharErrorRate { get; init; } = 0.02;

    /// <summary>Fraction of copies that carry a date (originals always do). Default 0.9.</summary>
    public double CopyDateRate { get; init; } = 0.9;

    /// <summary>First possible original date. Default 2015-01-01.</summary>
    public DateOnly StartDate { get; init; } = new(2015, 1, 1);

    /// <summary>Originals are dated within this many days after <see cref="StartDate"/>; at least 1. Default 3,650.</summary>
    public int DateSpanDays { get; init; } = 3650;

    /// <summary>Number of distinct sites (sources) in [2, 100,000]. Default 300.</summary>
    public int Sites { get; init; } = 300;

    /// <summary>Worker threads; -1 uses every core. Output does not depend on it. Default -1.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Fraction of documents that are originals: 1 minus the copy rates.</summary>
    public double OriginalRate => 1 - ExactRate - SyndicatedRate - RewrittenRate - ExcerptRate;

    internal void Validate()
    {
        if (Documents < 1)
        {
            ThrowHelper.ThrowArgument(nameof(Documents), "must be at least 1");
        }

        CheckRate(ExactRate, nameof(ExactRate));
        CheckRate(SyndicatedRate, nameof(SyndicatedRate));
        CheckRate(RewrittenRate, nameof(RewrittenRate));
        CheckRate(ExcerptRate, nameof(ExcerptRate));
        CheckRate(HardNegativeRate, nameof(HardNegativeRate));
        CheckRate(OcrDocumentRate, nameof(OcrDocumentRate));
        CheckRate(CopyDateRate, nameof(CopyDateRate));
        if (OriginalRate < 0.01)
        {
            ThrowHelper.ThrowArgument("copy rates", "must sum to at most 0.99 so that some documents are originals");
        }

        if (!(RewriteStrength.Min >= 0 && RewriteStrength.Min <= RewriteStrength.Max && RewriteStrength.Max <= 1))
        {
            ThrowHelper.ThrowArgument(nameof(RewriteStrength), "must satisfy 0 <= Min <= Max <= 1");
        }

        if (!(OcrCharErrorRate >= 0 && OcrCharErrorRate <= 0.2))
        {
            ThrowHelper.ThrowArgument(nameof(OcrCharErrorRate), "must be in [0, 0.2]");
        }

        if (DateSpanDays < 1)
        {
            ThrowHelper.ThrowArgument(nameof(DateSpanDays), "must be at least 1");
        }

        if (Sites is < 2 or > 100_000)
        {
            ThrowHelper.ThrowArgument(nameof(Sites), "must be in [2, 100000]");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            ThrowHelper.ThrowArgument(nameof(MaxDegreeOfParallelism), "must be -1 or positive");
        }
    }

    private static void CheckRate(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            ThrowHelper.ThrowArgument(name, "must be in [0, 1]");
        }
    }
}
