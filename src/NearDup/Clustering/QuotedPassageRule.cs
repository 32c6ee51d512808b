using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// A longer text quoting a passage of a shorter one after its own opening (<see cref="Holds"/>): reuse, which the
/// copy rules from the excerpt on leave out, and the kept fraction below <see cref="StoryRules.WholeStoryKept"/> (see
/// <see cref="StoryRules"/>).
/// </summary>
internal static class QuotedPassageRule
{
    /// <summary>
    /// Size of the larger text, in multiples of the smaller, from which a block it carries after its opening is a
    /// passage it quotes, not a copy (see <see cref="Holds"/>).
    /// </summary>
    public const double QuoterRatio = 3;

    /// <summary>Fraction of the larger text after which a shared block starts for <see cref="Holds"/>.</summary>
    public const double QuoterStart = 0.15;

    /// <summary>
    /// Shingles of the larger text's opening for <see cref="Holds"/> when <see cref="QuoterStart"/> of it is
    /// more: a long report's lead paragraphs (with a site's header above them), past which a shared block is its body
    /// quoting a passage.
    /// </summary>
    public const int QuoterOpening = 200;

    /// <summary>
    /// Shingles of the larger text's opening for <see cref="Holds"/>, in place of <see cref="QuoterOpening"/>, when the
    /// smaller carries under <see cref="OwnReportingFactShare"/> of the larger's facts and the larger names someone: a
    /// text whose names and figures are nearly all its own reports other things, and a block it carries past a site
    /// header's length is a passage it quotes (a compilation quoting a story after its first article shares 1 to 7 of
    /// the 64 in its sample). A post excerpting a long story's paragraphs shares their names, 0.14 of the story's
    /// sample or more; a text in lower case shows its figures only, too few to tell (Wikipedia stubs kept inside the
    /// article they grew into). Where a site header's menu reads as names, an excerpt of the wrapped page can fall under
    /// the bound; the clusterer judges it on the unwrapped original where the group holds one.
    /// </summary>
    public const int OwnReportingOpening = 100;

    /// <inheritdoc cref="OwnReportingOpening"/>
    public const double OwnReportingFactShare = 0.125;

    /// <summary>Fraction of the smaller text kept in order from which it is mostly the other's text (<see cref="Holds"/>).</summary>
    public const double QuoterKept = 0.5;

    /// <summary>Tenths of the smaller text from which what two texts share is more than a passage of it (<see cref="Holds"/>).</summary>
    public const int QuoterSpread = 7;

    /// <summary>
    /// Fraction of the larger text under which what the two share is a passage inside it, whatever the share of the
    /// smaller (<see cref="Holds"/>), when the smaller carries less than <see cref="QuoterFactShare"/> of the
    /// larger's facts.
    /// </summary>
    public const double QuoterShare = 0.2;

    /// <summary>
    /// Fraction of the larger text's facts (<see cref="FactHashes.CountLarger"/>) under which its own text reports
    /// something else (<see cref="Holds"/>): a digest's other stories bring their own names and figures, where
    /// a fuller version of a story repeats the story's, and the original a post excerpts shares the post's names.
    /// </summary>
    public const double QuoterFactShare = 0.2;

    /// <summary>
    /// Size of the larger text, in multiples of the smaller, from which <see cref="QuoterShare"/> applies: a long
    /// document; two texts of about one size sharing a passage (a student's answer pasting a few lines of its source)
    /// are left to the other rules.
    /// </summary>
    public const double QuoterShareRatio = 2;

    /// <summary>
    /// Whether the larger text carries a passage of the smaller after its own opening (<see cref="QuoterStart"/> of it,
    /// at most <see cref="QuoterOpening"/> shingles, or <see cref="OwnReportingOpening"/> where it names someone and its
    /// facts are nearly all its own): a long document (a digest, a feature, a compilation, a night's main
    /// report) quoting part of a shorter story, which is reuse. It is a passage of the smaller when the larger is
    /// <see cref="QuoterRatio"/> times its size or more and carries less than <see cref="QuoterKept"/> of it, reaching
    /// fewer than <see cref="QuoterSpread"/> tenths; or, whatever its share of the smaller, when it is under
    /// <see cref="QuoterShare"/> of a larger text <see cref="QuoterShareRatio"/> times its size or more and the
    /// smaller carries under <see cref="QuoterFactShare"/> of the larger's facts. A post excerpting a story is the shorter text: mostly the quote, or quoting the story from its
    /// opening paragraphs, so the shared text starts near the top of the larger; a plagiarised answer is made of the
    /// source's text all through; a fuller version of a story reports the story's facts.
    /// </summary>
    public static bool Holds(in PairEvidence evidence, StorySide a, StorySide b, int sharedFacts, int smaller, double kept)
    {
        bool aLarger = a.Size >= b.Size;
        var larger = aLarger ? a : b;
        if (!IsPassageOfSmaller(evidence, aLarger, larger, smaller, kept) && !IsSmallPartOfOtherReporting(evidence, a, b, larger, smaller, sharedFacts))
        {
            return false;
        }
        int first = aLarger ? evidence.FirstPassageA : evidence.FirstPassageB;
        int longest = aLarger ? evidence.LongestStartA : evidence.LongestStartB;
        int start = first < 0 ? longest : Math.Min(first, longest);
        double opening = Math.Min(QuoterStart * PairEvidence.LengthIn(larger.ShingleCount, evidence.PositionShift),
            (double)(ReportsItsOwn(a, b, larger, sharedFacts) ? OwnReportingOpening : QuoterOpening) / (1 << evidence.PositionShift));
        return start > opening;
    }

    /// <summary>
    /// Whether the smaller text carries under <see cref="OwnReportingFactShare"/> of the larger's facts and the larger
    /// names someone (see <see cref="OwnReportingOpening"/>).
    /// </summary>
    private static bool ReportsItsOwn(StorySide a, StorySide b, StorySide larger, int sharedFacts)
    {
        int largerFacts = FactHashes.CountLarger(a.Facts, b.Facts);
        return largerFacts > 0 && sharedFacts < OwnReportingFactShare * largerFacts && FactHashes.HoldsName(larger.Facts);
    }

    /// <summary>Whether the larger text, <see cref="QuoterRatio"/> times the smaller, shares less than a part of it (see <see cref="Holds"/>).</summary>
    private static bool IsPassageOfSmaller(in PairEvidence evidence, bool aLarger, StorySide larger, int smaller, double kept) =>
        larger.Size >= QuoterRatio * smaller && kept < QuoterKept && (aLarger ? evidence.SpreadB : evidence.SpreadA) < QuoterSpread;

    /// <summary>
    /// Whether the larger text, <see cref="QuoterShareRatio"/> times the smaller or more, shares a passage or more
    /// with it (a run of a sentence, or as many shingles of an edited passage close together; a headline flash shares
    /// a phrase of its full story), under <see cref="QuoterShare"/> of the larger text, and the smaller carries under
    /// <see cref="QuoterFactShare"/> of the larger's facts (see <see cref="Holds"/>).
    /// </summary>
    private static bool IsSmallPartOfOtherReporting(in PairEvidence evidence, StorySide a, StorySide b, StorySide larger, int smaller, int sharedFacts)
    {
        int largerFacts = FactHashes.CountLarger(a.Facts, b.Facts);
        return larger.Size >= QuoterShareRatio * smaller && (evidence.Passages > 0 || evidence.Densest >= PairEvidence.PassageRun)
            && evidence.Ordered < QuoterShare * larger.Size && largerFacts > 0 && sharedFacts < QuoterFactShare * largerFacts;
    }
}
