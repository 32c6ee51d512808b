namespace NearDup.Clustering;

/// <summary>
/// One release or announcement rewritten by two outlets within a few days: each rewords it in its own sentences,
/// keeps its quotes and phrases here and there, and reports its names and figures. Two texts are that when they are
/// dated under <see cref="ReleaseDays"/> apart, the smaller holds at least <see cref="MinRareFacts"/> facts few
/// other stories report (<see cref="CommonFacts"/> aside), <see cref="RareFactAgreement"/> of them are the other's,
/// <see cref="MinKept"/> of it is kept in order, the shared text reaches <see cref="MinSpread"/> tenths of both,
/// and the smaller is prose, not a table (under <see cref="StoryRules.ResentFactDensity"/> facts per shingle).
/// </summary>
/// <remarks>
/// Each condition stands for what tells the rewrite from the texts it resembles (measured in docs/copy-evidence.md):
/// <list type="bullet">
/// <item>the dates: the same words and names weeks apart are a follow-up retelling an earlier story (story-chains'
/// follow-ups 27 days apart keep 0.94 of the facts); undated texts never meet this rule;</item>
/// <item>the rare facts: a same-day follow-up or reaction piece brings names of its own, so only about half the smaller
/// text's rare facts are the other's, where a rewrite of one release keeps three in four or more; a dozen of them is
/// enough that the share is not chance, and leaves out short flashes and notices, a form whose few facts change;</item>
/// <item>the kept text and its spread: two independent reports of one event share its names but hardly its wording;
/// a reused background block sits in one stretch of each text, where a rewrite's kept phrases run all through both;</item>
/// <item>prose: a series' tables and price lists sent the same day repeat most of their figures under new ones.</item>
/// </list>
/// It is tried after the rule that a long document quoting a passage is reuse (<see cref="StoryJudge"/>), and only where
/// the facts already agree as every copy's must.
/// </remarks>
internal static class ReleaseRewrite
{
    /// <summary>
    /// Days under which two dated texts can be one release: a release of Friday is rewritten on Monday, three days on
    /// (story-chains' Hibernia pieces); a week on, a text with the same names is more often a follow-up.
    /// </summary>
    public const double ReleaseDays = 4;

    /// <summary>Fewest rare facts of the smaller text.</summary>
    public const int MinRareFacts = 12;

    /// <summary>Share of the smaller text's rare facts that the other reports.</summary>
    public const double RareFactAgreement = 0.7;

    /// <summary>Fraction of the smaller text kept in order.</summary>
    public const double MinKept = 0.15;

    /// <summary>Tenths of each text the shared text reaches.</summary>
    public const int MinSpread = 4;

    /// <summary>Whether the pair is one release rewritten (see the type's remarks).</summary>
    /// <param name="evidence">The pair's shared shingles in order.</param>
    /// <param name="days">Days between the two texts' dates (both dated).</param>
    /// <param name="rareFacts">The facts compared with the common facts left out (<see cref="Text.FactHashes.Compare"/>).</param>
    /// <param name="kept">Fraction of the smaller text kept in order.</param>
    /// <param name="factDensity">Distinct facts of the smaller text per shingle of it (<see cref="Text.FactHashes.EstimatedCount"/>).</param>
    public static bool Holds(in PairEvidence evidence, double days, (int Shared, int Smaller) rareFacts, double kept, double factDensity) =>
        days < ReleaseDays && rareFacts.Smaller >= MinRareFacts && rareFacts.Shared >= RareFactAgreement * rareFacts.Smaller
        && kept >= MinKept && Math.Min(evidence.SpreadA, evidence.SpreadB) >= MinSpread && factDensity < StoryRules.ResentFactDensity;
}
