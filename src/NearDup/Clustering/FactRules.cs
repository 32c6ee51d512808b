using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// Whether two texts' facts (<see cref="FactHashes"/>: their figures and names) agree, confirm them as one story by
/// themselves, or set them apart as items of a series, with the days between their dates.
/// </summary>
internal static class FactRules
{
    /// <summary>Fewest facts in both texts for <see cref="FactsAgree"/> to judge, and when dated <see cref="FactDays"/> or more apart.</summary>
    public const int MinFacts = 3;

    /// <inheritdoc cref="MinFacts"/>
    public const int MinFactsApart = 1;

    /// <inheritdoc cref="FactsAgree"/>
    public const double FactAgreement = 0.6;

    /// <inheritdoc cref="FactsAgree"/>
    public const double LaterFactAgreement = 0.75;

    /// <inheritdoc cref="FactsAgree"/>
    public const int FactDays = 2;

    /// <summary>
    /// Facts of the smaller text shared (or all of them but <see cref="ConfirmMissing"/>: a short results item re-sent
    /// with one figure rounded), and fewest facts, that make two verified texts one story by themselves.
    /// </summary>
    public const double ConfirmAgreement = 0.92;

    /// <inheritdoc cref="ConfirmAgreement"/>
    public const int ConfirmMissing = 1;

    /// <inheritdoc cref="ConfirmAgreement"/>
    public const int ConfirmFacts = 6;

    /// <summary>
    /// Whether two texts that share verified text report the very same facts: at least <see cref="ConfirmAgreement"/>
    /// of the smaller one's, or all but <see cref="ConfirmMissing"/>, <see cref="ConfirmFacts"/> or more, and not dated
    /// <see cref="FactDays"/> or more apart.
    /// An update re-topped with new material, or a table re-sent in another layout, keeps every fact of the first
    /// version where its words no longer line up; a follow-up brings the facts of its new development.
    /// </summary>
    public static bool FactsConfirm((int Shared, int Smaller) facts, bool apart) =>
        facts.Smaller >= ConfirmFacts && (facts.Shared >= ConfirmAgreement * facts.Smaller || facts.Smaller - facts.Shared <= ConfirmMissing) && !apart;

    /// <summary>
    /// Shingles of a whole text under which two texts dated <see cref="FactDays"/> or more apart are a series' flashes
    /// or notices (<see cref="FlashesApart"/>): a headline and a sentence or two, about 60 words.
    /// </summary>
    public const int FlashShingles = 60;

    /// <summary>
    /// Whether two texts dated <see cref="FactDays"/> or more apart report other facts (<see cref="FactsAgree"/> fails),
    /// each report a figure the other lacks (<see cref="StoryRules.IsSeriesItem"/>), or are both flashes
    /// (<see cref="FlashesApart"/>): the next item of a series, whose words can be nearly all the same. Such a link is
    /// not strong, whatever its scores: the judge decides it.
    /// </summary>
    public static bool SeriesApart(ReadOnlySpan<uint> factsA, long ticksA, int shinglesA, ReadOnlySpan<uint> factsB, long ticksB, int shinglesB) =>
        DaysApart(ticksA, ticksB) >= FactDays
        && (FlashesApart(shinglesA, ticksA, shinglesB, ticksB) || !FactsAgree(FactHashes.Compare(factsA, factsB), apart: true) || FiguresSwapped(factsA, factsB));

    /// <summary>
    /// Whether two texts dated <see cref="FactDays"/> or more apart both have fewer than <see cref="FlashShingles"/>
    /// shingles: a flash or a one-paragraph notice repeated days later (a central bank's daily operation or its rate
    /// left unchanged, a quarterly dividend, a price posting) reports the next occurrence of a recurring event, in the
    /// same words around figures that need not change (Reuters-21578: "Fed adds reserves via customer repurchases",
    /// 1.5 billion dlrs both times, four days apart, one figure of the funds rate spelled "six" and then "6-3/16").
    /// A short story re-sent, corrected or updated comes within the day. Identical flashes this far apart are not
    /// grouped as identical texts either (<see cref="CandidateStage.IdenticalTexts"/>).
    /// </summary>
    public static bool FlashesApart(int shinglesA, long ticksA, int shinglesB, long ticksB) =>
        Math.Max(shinglesA, shinglesB) < FlashShingles && DaysApart(ticksA, ticksB) >= FactDays;

    /// <summary>Whether each of two fact samples holds a figure the other lacks (<see cref="FactHashes.FiguresApart"/>).</summary>
    public static bool FiguresSwapped(ReadOnlySpan<uint> factsA, ReadOnlySpan<uint> factsB)
    {
        var (onlyA, onlyB) = FactHashes.FiguresApart(factsA, factsB);
        return onlyA > 0 && onlyB > 0;
    }

    /// <summary>Days between two texts' dates; zero when either has none.</summary>
    public static double DaysApart(StorySide a, StorySide b) => DaysApart(a.DateTicks, b.DateTicks);

    /// <inheritdoc cref="DaysApart(StorySide, StorySide)"/>
    public static double DaysApart(long ticksA, long ticksB) =>
        ticksA == long.MaxValue || ticksB == long.MaxValue ? 0 : Math.Abs(ticksA - ticksB) / (double)TimeSpan.TicksPerDay;

    /// <summary>
    /// Whether two texts whose words agree report the same facts: at least <see cref="FactAgreement"/> of the smaller
    /// text's figures and names are the other's, or more (<see cref="LaterFactAgreement"/>) when both are dated
    /// <see cref="FactDays"/> or more apart (the next item of a series repeats its frame and some standing figures).
    /// A text with fewer than <see cref="MinFacts"/> facts gives no evidence the same day (a correction changes a figure);
    /// dated apart, one fact does (<see cref="MinFactsApart"/>): a series' next flash repeats its words around a new figure.
    /// </summary>
    public static bool FactsAgree((int Shared, int Smaller) facts, bool apart) =>
        facts.Smaller < (apart ? MinFactsApart : MinFacts) || facts.Shared >= (apart ? LaterFactAgreement : FactAgreement) * facts.Smaller;
}
