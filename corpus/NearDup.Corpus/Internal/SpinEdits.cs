namespace NearDup.Corpus.Internal;

/// <summary>
/// Edit rates of a real-text rewrite at a strength in [0, 1], linear from a light edit to a heavy spin. A word
/// 5-gram survives when none of its words is swapped and no edit lands inside it, so the share kept falls roughly
/// as (1 − swap · coverage − filler)^5 with coverage ≈ 0.3 (of the words of the BBC texts) in <see cref="EnglishSynonyms"/>.
/// </summary>
internal readonly record struct SpinEdits
{
    public SpinEdits(double strength)
    {
        Swap = 0.25 + (0.70 * strength);
        Filler = 0.01 + (0.05 * strength);
        Clause = 0.10 + (0.40 * strength);
        Drop = 0.03 + (0.10 * strength);
        Reorder = 0.05 + (0.45 * strength);
        SwapParagraphs = 0.15 * strength;
    }

    /// <summary>Chance that a word the synonym table knows is swapped.</summary>
    public double Swap { get; }

    /// <summary>Chance of a filler adverb before a word.</summary>
    public double Filler { get; }

    /// <summary>Chance of a clause wedged into a sentence.</summary>
    public double Clause { get; }

    /// <summary>Chance that a sentence of a paragraph of several is dropped.</summary>
    public double Drop { get; }

    /// <summary>Chance that a paragraph's sentences are shuffled (never a quotation's).</summary>
    public double Reorder { get; }

    /// <summary>Chance that a paragraph swaps places with the one before it.</summary>
    public double SwapParagraphs { get; }
}
