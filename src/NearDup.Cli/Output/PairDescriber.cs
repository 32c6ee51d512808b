using NearDup.Cli.Report;
using NearDup.Clustering;

namespace NearDup.Cli.Output;

/// <summary>
/// Describes verified pairs from their texts (<see cref="PairDescription"/>). The clusterer keeps only sampled
/// fingerprints, so where a pair's shared words lie in characters, and whether they are a quote, are read here
/// from the texts again.
/// </summary>
internal static class PairDescriber
{
    /// <summary>Words in a row that make a shared passage: one shared 5-gram.</summary>
    public const int MinPassageWords = 5;

    /// <summary>Share of the shared characters inside quotation marks (in either text) that makes a quote: the rest is its attribution.</summary>
    public const double QuotedShare = 0.5;

    /// <summary>
    /// A template: shared passages cover this share of the shorter text's words, and this share of the gaps
    /// between them (in both texts) are slots of at most <see cref="TemplateSlotChars"/> characters: a name, a
    /// date or a figure filled in, where a follow-up or an update differs by whole sentences.
    /// </summary>
    public const double TemplateCover = 0.5;

    /// <inheritdoc cref="TemplateCover"/>
    public const double TemplateSlotShare = 0.6;

    /// <inheritdoc cref="TemplateCover"/>
    public const int TemplateSlotChars = 40;

    /// <summary>
    /// Share of the longer text's words the shared passages cover from which two texts are one wording whatever the
    /// gaps: a reuse link between texts this alike is a series' flash repeated on another day (the judge's
    /// <c>FactRules.FlashesApart</c>), the same words under another date, so a template.
    /// </summary>
    public const double SameWordingCover = 0.9;

    /// <summary>One description per pair, in the pairs' order; null where a text is missing.</summary>
    public static PairDescription?[] Describe(IReadOnlyList<VerifiedPair> pairs, IReadOnlyDictionary<string, string> texts)
    {
        var described = new PairDescription?[pairs.Count];
        Parallel.For(0, pairs.Count, k =>
        {
            var pair = pairs[k];
            if (texts.TryGetValue(pair.First, out var a) && texts.TryGetValue(pair.Second, out var b))
            {
                // Each text is split into words once, for the alignment and for the template's share.
                var (wordsA, wordsB) = (PassageAligner.Words(a), PassageAligner.Words(b));
                var passages = PassageAligner.Align(a, wordsA, b, wordsB, MinPassageWords);
                string? kind = pair.Relation == PairRelation.Reuse ? KindOf(a, b, passages, Math.Min(wordsA.Length, wordsB.Length), Math.Max(wordsA.Length, wordsB.Length)) : null;
                described[k] = new PairDescription(kind, passages);
            }
        });
        return described;
    }

    /// <summary>
    /// The kind of a reuse link between texts <paramref name="a"/> and <paramref name="b"/> (see <see cref="PairDescription"/>),
    /// the shorter of which has <paramref name="shorterWords"/> words and the longer <paramref name="longerWords"/>.
    /// </summary>
    public static string KindOf(string a, string b, IReadOnlyList<SharedPassage> passages, int shorterWords, int longerWords)
    {
        if (passages.Count == 0)
        {
            return "passage";
        }
        if (QuotedFraction(a, passages, p => (p.AStart, p.AEnd)) >= QuotedShare || QuotedFraction(b, passages, p => (p.BStart, p.BEnd)) >= QuotedShare)
        {
            return "quote";
        }
        int words = passages.Sum(p => p.Words);
        return words >= SameWordingCover * longerWords || (words >= TemplateCover * shorterWords && SlotShare(passages) >= TemplateSlotShare)
            ? "template" : "passage";
    }

    /// <summary>Of the gaps between consecutive in-order passages, the share that is short in both texts.</summary>
    private static double SlotShare(IReadOnlyList<SharedPassage> passages)
    {
        var chain = passages.Where(p => p.InOrder).OrderBy(p => p.AStart).ToArray();
        if (chain.Length < 2)
        {
            return 0;
        }
        int slots = 0;
        for (int k = 1; k < chain.Length; k++)
        {
            slots += chain[k].AStart - chain[k - 1].AEnd <= TemplateSlotChars && chain[k].BStart - chain[k - 1].BEnd <= TemplateSlotChars ? 1 : 0;
        }
        return (double)slots / (chain.Length - 1);
    }

    private static double QuotedFraction(string text, IReadOnlyList<SharedPassage> passages, Func<SharedPassage, (int Start, int End)> range)
    {
        var quoted = QuotedText.Mask(text);
        long inside = 0, total = 0;
        foreach (var passage in passages)
        {
            var (start, end) = range(passage);
            for (int i = start; i < end; i++)
            {
                inside += quoted[i] ? 1 : 0;
            }
            total += end - start;
        }
        return total == 0 ? 0 : (double)inside / total;
    }
}
