using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// Whether two texts that share verified text tell the same story, from the <see cref="PairEvidence"/> of their shared
/// shingles and their facts: the rules <see cref="StoryJudge"/> applies to each weak link, with their thresholds
/// scaled to the sample rate.
/// </summary>
/// <remarks>
/// The rule and the measurements behind it are in docs/copy-evidence.md. Same story when any of:
/// <list type="bullet">
/// <item>most of the smaller text is shared in order (<see cref="KeptFraction"/>): an update, a correction, an abridged version;
/// not a part of it under <see cref="WholeStoryKept"/> that a longer text reporting other things quotes (<see cref="QuotedPassageRule.Holds"/>);</item>
/// <item>the shared shingles break into many short runs spread over both texts (a spun or edited copy), or into short
/// runs whose breaks skip about as far in both texts over half of each (a heavy rewrite in place), both keeping the
/// smaller text's facts but few (<see cref="RewriteMaxFactChanges"/>: not a form filled in again), or nearly half
/// the smaller text is kept in runs reaching every part of both (a light edit), or a third of a text that the other
/// is half as long again as is kept in reworded runs all through it (<see cref="CondensedKept"/>: a summary or a
/// paraphrase of part of a longer text), or two texts with few facts but a name each share reworded runs over three
/// tenths of both (<see cref="FactPoorDensity"/>: a heavily revised essay or answer), or four verbatim passages or
/// more keep four tenths of the smaller text over eight tenths of both (<see cref="RevisionKept"/>: a version of an
/// article revised all through);</item>
/// <item>quoted passages make up a quarter or more of a text at most half the other's length, and the first starts in the
/// opening of both texts (an excerpt);</item>
/// <item>one verbatim block holds nearly all that is shared and starts in the opening of one text (a post quoting a
/// story's first paragraphs: a reused background block sits lower in both);</item>
/// <item>both texts open with the same sentence and share only verbatim passages, a quarter of the smaller text, with
/// few differing facts (<see cref="OpeningExcerptShingles"/>): a post pasting a story's opening, at any length;</item>
/// <item>nearly all the smaller text's facts (figures, names) are the other's, within a day (<see cref="FactRules.FactsConfirm"/>),
/// the facts many stories share (<see cref="CommonFacts"/>: a site template's) aside;</item>
/// <item>a table or notice re-sent under the same first line, most of its many facts the same (<see cref="OpeningShingles"/>);</item>
/// <item>one release rewritten by two outlets within a few days, keeping its rare facts and phrases all through (<see cref="ReleaseRewrite"/>).</item>
/// </list>
/// The rules from the excerpt on do not apply to a passage that a longer text carries after its own opening
/// (<see cref="QuotedPassageRule.Holds"/>): a digest or a feature quoting part of a short story, three times longer, or with the
/// passage a small part of it and its other facts its own.
/// Unless what they share is verbatim passages, the two must also report the same facts (<see cref="FactRules.FactsAgree"/>), or
/// be a rewrite whose facts differ in few places for its length (<see cref="RewriteFactChanges"/>), or hold too few
/// facts for their agreement to count (<see cref="IsFactPoor"/>), not dated apart; verbatim passages are no excuse for
/// texts dated <see cref="VerbatimDays"/> or more apart.
/// Documents without positions (an index of format 2) keep every verified link, as before positions were kept.
/// </remarks>
internal sealed class StoryRules(double sampleRate, CommonFacts commonFacts)
{
    /// <summary>Fraction of the smaller text's shingles shared in order that makes a copy whatever its shape.</summary>
    public const double KeptFraction = 0.6;

    /// <summary>
    /// Fraction of the smaller text kept in order from which it is the whole story, a copy wherever the other carries
    /// it: under it, a longer text reporting other things that carries the kept part after its own opening quotes a
    /// passage (<see cref="QuotedPassageRule.Holds"/>), as a long document quoting three to five sentences of a
    /// short story keeps six tenths of it.
    /// </summary>
    public const double WholeStoryKept = 0.8;

    /// <summary>
    /// Fewest runs of a rewrite's pattern; fewest runs per shared shingle on the chain (short runs between substituted
    /// words), and per shingle of the smaller text (they go on all through it).
    /// </summary>
    public const int RewriteRuns = 8;

    /// <inheritdoc cref="RewriteRuns"/>
    public const double RewriteRunsPerShingle = 0.1;

    /// <inheritdoc cref="RewriteRuns"/>
    public const double RewriteRunsPerSmallerShingle = 0.025;

    /// <summary>Tenths of each text a rewrite's shared shingles must reach.</summary>
    public const int RewriteSpread = 7;

    /// <summary>
    /// A light edit: this fraction of the smaller text kept in order, spread over this many tenths of both texts
    /// (a few words changed all through), where an update or a follow-up adds or drops whole stretches.
    /// </summary>
    public const double LightEditKept = 0.45;

    /// <inheritdoc cref="LightEditKept"/>
    public const int LightEditSpread = 9;

    /// <summary>
    /// A revision: this fraction of the smaller text kept in order, in at least <see cref="RevisionPassages"/> verbatim
    /// passages reaching this many tenths of both texts, not dated apart. An article revised over
    /// its whole length keeps paragraphs all through it between the ones rewritten, added or cut (Wikipedia's
    /// versions of one article keep 0.4 to 0.6 so); a follow-up reuses a block or two of background, and on
    /// bbc-judged no follow-up keeps four passages over eight tenths of both.
    /// </summary>
    public const double RevisionKept = 0.4;

    /// <inheritdoc cref="RevisionKept"/>
    public const int RevisionPassages = 4;

    /// <inheritdoc cref="RevisionKept"/>
    public const int RevisionSpread = 8;

    /// <summary>
    /// A condensed rewrite: this fraction of the smaller text kept in order, in at least <see cref="CondensedRuns"/>
    /// runs (at sample rate 1) that are not mostly verbatim passages (<see cref="QuotedShare"/>), reaching this many
    /// tenths of the smaller text, the larger this many times its size or more, not dated apart. A student's
    /// paraphrase or a summary of part of a source is reworded from it all through; a follow-up or a story sharing a
    /// quote carries verbatim blocks, and an hourly table re-filled is the same size as the last.
    /// </summary>
    public const double CondensedKept = 0.3;

    /// <inheritdoc cref="CondensedKept"/>
    public const int CondensedRuns = 6;

    /// <inheritdoc cref="CondensedKept"/>
    public const int CondensedSpread = 8;

    /// <inheritdoc cref="CondensedKept"/>
    public const double CondensedRatio = 1.5;

    /// <summary>
    /// A condensed retelling: a text at most two thirds of the other's size (<see cref="CondensedRatio"/>), whose facts are
    /// nearly all the other's (this share of its figures and names, and <see cref="RetoldRareFacts"/> of those few
    /// other stories report, <see cref="CommonFacts"/>; at least <see cref="FewestComparedFacts"/>), sharing reworded runs
    /// with it (at least <see cref="RetoldRuns"/> at sample rate 1, not mostly verbatim) reaching <see cref="RetoldSpread"/>
    /// tenths of both, not dated apart. A newsletter's or an aggregator's brief of a story retells all of it in its own
    /// words and keeps its names and figures, sharing 0.1 to 0.25 of itself in order; a long text quoting a passage of
    /// a story holds it in one place; a follow-up of a story brings the facts of its new development (on
    /// bbc-judged, every follow-up that shares reworded runs with a text half as long again keeps 0.87 of its facts or
    /// fewer, and 0.69 of its rare ones or fewer).
    /// </summary>
    public const double RetoldFacts = 0.85;

    /// <inheritdoc cref="RetoldFacts"/>
    public const double RetoldRareFacts = 0.8;

    /// <summary>
    /// Fewest facts of a text for <see cref="RetoldFacts"/> and <see cref="MatchedFacts"/> to read its facts as the
    /// other's: a handful of names and figures agree between any two stories on one topic.
    /// </summary>
    public const int FewestComparedFacts = 8;

    /// <inheritdoc cref="RetoldFacts"/>
    public const int RetoldRuns = 5;

    /// <inheritdoc cref="RetoldFacts"/>
    public const int RetoldSpread = 4;

    /// <summary>
    /// Two texts that report the same facts both ways: this share of the figures and names of each is the other's,
    /// and <see cref="MatchedRareFacts"/> of those few other stories report (<see cref="CommonFacts"/>), at least
    /// <see cref="FewestComparedFacts"/> in the smaller, not dated apart, neither a table (<see cref="IsTable"/>). Another
    /// outlet's rewrite of a story in its own words keeps its quotes and its facts and adds few (0.83 to 0.94 of each
    /// text's facts on the rewrites of BBC stories the judge had turned down), where an update or a follow-up brings
    /// the facts of a new development and leaves some of the first story's behind (on bbc-judged, no follow-up keeps
    /// 0.79 of each text's facts, and the updates that do are copies). A table sent again an hour later reports most of the same figures
    /// (Reuters-21578's soybean spreads at 10:00 and 11:00, 0.86 both ways). Under one site's template its names and
    /// figures count on both sides, and the rare facts decide: a bbc-judged follow-up wrapped so (sport-417/418) keeps
    /// 0.85 of all facts both ways but 0.66 of its rare ones, where the rewrites keep 0.7 to 1 (a few keep fewer,
    /// and are missed).
    /// </summary>
    public const double MatchedFacts = 0.85;

    /// <inheritdoc cref="MatchedFacts"/>
    public const double MatchedRareFacts = 0.7;

    /// <summary>
    /// Facts per shingle of the smaller text under which a pair is fact-poor (<see cref="IsFactPoor"/>): an essay,
    /// an answer, a definition, where news names a person, a place or a figure every dozen words or so.
    /// </summary>
    public const double FactPoorDensity = 0.03;

    /// <summary>Runs of a fact-poor rewrite (<see cref="IsFactPoorRewrite"/>), at sample rate 1.</summary>
    public const int FactPoorRuns = 4;

    /// <summary>Tenths of each text that a fact-poor rewrite's runs reach (<see cref="IsFactPoorRewrite"/>).</summary>
    public const int FactPoorSpread = 3;

    /// <summary>Fraction of the smaller text that a fact-poor rewrite keeps in order (<see cref="IsFactPoorRewrite"/>).</summary>
    public const double FactPoorKept = 0.07;

    /// <summary>
    /// Facts of the smaller text missing from the other, per shingle of it, that a rewrite (<see cref="IsRewrite"/> or
    /// <see cref="IsCoherentRewrite"/>) not dated apart may have where <see cref="FactRules.FactsAgree"/> fails: one in forty
    /// words. A paraphrase drops or rewords a few names of a long text; a template or a series item changes a figure
    /// or a name in every line (on Reuters-21578's series, one in 31 shingles or more).
    /// </summary>
    public const double RewriteFactChanges = 0.025;

    /// <summary>
    /// Facts of the smaller text missing from the other, per shingle of it (at sample rate 1), above which two texts of
    /// a rewrite's shape (<see cref="IsRewrite"/>, <see cref="IsCoherentRewrite"/>) are a form filled in again, not a
    /// rewrite, even where most facts agree: a paraphrase keeps the story's names and figures (generated spins of
    /// entertainment copy, rewording song and show titles, lose one in twenty shingles' worth), where Reuters-21578's
    /// debenture notice for another company in the same words changes one in thirteen, and a table's next period one
    /// in five.
    /// </summary>
    public const double RewriteMaxFactChanges = 0.06;

    /// <summary>Fraction of the shared shingles in order that lie in verbatim passages for a copy's role to be excerpt.</summary>
    public const double QuotedShare = 0.8;

    /// <summary>
    /// Most of the source an excerpt read through its misreads covers (<see cref="IsMisreadPassages"/>): a few of its
    /// paragraphs. A copy covering more with a word changed every dozen or so is a light rewrite of the whole: without
    /// this bound, 10 of the 1,988 rewrites of `gen --docs 20000 --seed 1` were called excerpts.
    /// </summary>
    public const double MisreadExcerptSourceShare = 0.6;

    /// <summary>
    /// A heavy rewrite: at least this many edits between runs (<see cref="PairEvidence.EditBreaks"/>, at sample
    /// rate 1), this fraction of them coherent (<see cref="PairEvidence.CoherentJumps"/>), reaching this many
    /// tenths of both texts: a text reworded in place, where a follow-up's shared names and phrases sit at
    /// unrelated offsets.
    /// </summary>
    public const int CoherentBreaks = 5;

    /// <inheritdoc cref="CoherentBreaks"/>
    public const double CoherentShare = 0.7;

    /// <inheritdoc cref="CoherentBreaks"/>
    public const int CoherentSpread = 5;

    /// <summary>Quoted passages, fraction of the excerpt shared in order, and longest excerpt relative to its source.</summary>
    public const int ExcerptPassages = 1;

    /// <inheritdoc cref="ExcerptPassages"/>
    public const double ExcerptKeptFraction = 0.25;

    /// <inheritdoc cref="ExcerptPassages"/>
    public const double ExcerptLengthRatio = 0.5;

    /// <summary>
    /// Fraction of each text within which the excerpt's first passage starts: a post quotes a story from its
    /// opening and quotes it first, where a follow-up opens with the new development and reuses background lower.
    /// </summary>
    public const double ExcerptStart = 0.3;

    /// <summary>
    /// A lead excerpt: one block holds this fraction of the chain (the rest is stray phrases), the block is this
    /// fraction of the smaller text or more, and it starts within this fraction of one text: a post quoting a
    /// story's opening paragraphs, where a reused background block sits further down in both.
    /// </summary>
    public const double LeadBlockShare = 0.85;

    /// <inheritdoc cref="LeadBlockShare"/>
    public const double LeadBlockFraction = 0.2;

    /// <inheritdoc cref="LeadBlockShare"/>
    public const double LeadBlockStart = 0.25;

    /// <summary>
    /// Fewest shingles of the larger text for a lead excerpt: a story with paragraphs to quote. Two shorter texts
    /// sharing their opening are a form filled in twice (a dividend notice, a tender flash, an auction headline for
    /// other companies, goods or dates), whose few words are nearly all the form's.
    /// </summary>
    public const int LeadMinShingles = 20;

    /// <summary>
    /// Days apart from which verbatim passages no longer excuse facts that disagree: a week's distance is a series's
    /// next item (a weekly report's frame, its figures new) or a follow-up reusing a background block, where a post
    /// quoting a story, with facts of its own around the quote, comes within days of it.
    /// </summary>
    public const int VerbatimDays = 7;

    /// <summary>
    /// Shingles two series items share at the start of both (<see cref="IsSeriesItem"/>): a headline of six words. A
    /// table's first line is often a count (Reuters-21578's "Nine grain ships were loading" against "Ten"), which ends
    /// the common opening at the headline.
    /// </summary>
    public const int SeriesOpeningShingles = 2;

    /// <summary>
    /// Fraction of the smaller text two series items keep in order (<see cref="IsSeriesItem"/>) when it is a table: one
    /// whose figures change in one row in two keeps about half of its shingles (Reuters-21578's ship-loading tables
    /// two days apart, 0.58). Prose keeps <see cref="KeptFraction"/>: a rewrite that changes figures keeps less.
    /// </summary>
    public const double SeriesKept = 0.4;

    /// <summary>
    /// Distinct figures per shingle from which a text is a table for <see cref="SeriesKept"/>: a table's next item
    /// changes figures all through, where prose that keeps a story's headline (a post quoting it) holds few.
    /// </summary>
    public const double TableFigureDensity = 0.05;

    /// <summary>Largest ratio of two texts' lengths for <see cref="IsSeriesItem"/>: a series' items are one frame filled in.</summary>
    public const double SeriesSizeRatio = 1.25;

    /// <summary>
    /// Share of what two texts keep in order that their common opening holds, from which it is all they share
    /// (<see cref="IsSeriesHeading"/>).
    /// </summary>
    public const double SeriesHeadingShare = 0.8;

    /// <summary>
    /// Longest common opening that is a series' standing heading for <see cref="IsSeriesHeading"/>: a headline and a
    /// line or two (Reuters-21578's tables and notices repeat 8 to 30 shingles); a longer one is a story's lead
    /// paragraphs, which a post quotes.
    /// </summary>
    public const int SeriesHeadingShingles = 50;

    /// <summary>
    /// Facts per shingle of the smaller text from which figures alone confirm a pair (<see cref="NamesOrTable"/>): a
    /// table or a results item. In prose a few figures (a year, a round sum) agree between a story and its follow-up,
    /// and a text in lower case shows no names: on the bbc texts lower-cased, figures alone confirmed nine follow-ups.
    /// </summary>
    public const double ConfirmFigureDensity = 0.1;

    /// <summary>
    /// A table or notice re-sent: both texts open with the same line (this many shingles of it at the start of each),
    /// the smaller one is dense with facts (this many per shingle, and at least <see cref="ResentMinFacts"/>), this
    /// share of them are the other's, and this share of the smaller text is kept in order, not dated apart. A results
    /// item re-sent with a line added or a figure corrected; the next item of a series, another company's notice in the
    /// same form or the next hour's price snapshot differs in its first line.
    /// </summary>
    public const int OpeningShingles = 3;

    /// <inheritdoc cref="OpeningShingles"/>
    public const double ResentFactDensity = 0.2;

    /// <inheritdoc cref="OpeningShingles"/>
    public const int ResentMinFacts = 8;

    /// <inheritdoc cref="OpeningShingles"/>
    public const double ResentFactAgreement = 0.8;

    /// <inheritdoc cref="OpeningShingles"/>
    public const double ResentKept = 0.4;

    /// <summary>
    /// An opening excerpt: both texts open with the same passage (this many shingles at the start of each, a sentence),
    /// what they share lies in verbatim passages holding <see cref="ExcerptKeptFraction"/> of the smaller text, they are
    /// not dated apart, and the facts that differ are few for the smaller text's length (at most
    /// <see cref="OpeningExcerptFactChanges"/> per shingle). A post or an answer that pastes a story's opening and goes
    /// on in its own words, at any length; a rate notice or a table re-issued under the same opening sentence changes
    /// its figures all through, and a follow-up opens with its new development.
    /// </summary>
    public const int OpeningExcerptShingles = 15;

    /// <inheritdoc cref="OpeningExcerptShingles"/>
    public const double OpeningExcerptFactChanges = 0.05;

    /// <summary>
    /// Share of each text, at least, that lies between a shared frame's opening and closing runs for the pair to be two
    /// pages of one site (<see cref="IsSharedFrame"/>): the page's own story. A correction or an edit that changes one
    /// paragraph of a story keeps the rest, which is most of both texts.
    /// </summary>
    public const double FrameBodyShare = 0.25;

    private readonly int _passageRun = Math.Max(2, (int)Math.Round(PairEvidence.PassageRun * sampleRate));
    private readonly int _rewriteRuns = Math.Max(2, (int)Math.Round(RewriteRuns * sampleRate));
    private readonly int _condensedRuns = Math.Max(2, (int)Math.Round(CondensedRuns * sampleRate));
    private readonly int _retoldRuns = Math.Max(2, (int)Math.Round(RetoldRuns * sampleRate));
    private readonly int _factPoorRuns = Math.Max(2, (int)Math.Round(FactPoorRuns * sampleRate));
    private readonly int _seriesHeadingShingles = Math.Max(2, (int)Math.Round(SeriesHeadingShingles * sampleRate));
    private readonly int _coherentBreaks = Math.Max(2, (int)Math.Ceiling(CoherentBreaks * sampleRate));
    private readonly int _openingRun = Math.Max(1, (int)Math.Round(OpeningShingles * sampleRate));
    private readonly int _seriesOpeningRun = Math.Max(1, (int)Math.Round(SeriesOpeningShingles * sampleRate));
    private readonly int _openingExcerptRun = Math.Max(2, (int)Math.Round(OpeningExcerptShingles * sampleRate));

    /// <summary>Whether two texts with positions tell the same story (see the type), from their evidence.</summary>
    public bool IsSameStory(StorySide a, StorySide b, in PairEvidence evidence)
    {
        var facts = FactHashes.Compare(a.Facts, b.Facts);
        double days = FactRules.DaysApart(a, b);
        bool apart = days >= FactRules.FactDays;
        if (apart && (IsSeriesItem(a, b, evidence) || IsSeriesHeading(evidence, facts)
            || FactRules.FlashesApart(a.ShingleCount, a.DateTicks, b.ShingleCount, b.DateTicks)))
        {
            return false;
        }
        if (IsSharedFrame(evidence, a, b))
        {
            return false;
        }
        int smaller = Math.Max(1, Math.Min(a.Size, b.Size));
        if (!FactRules.FactsAgree(facts, apart) && (days >= VerbatimDays || !IsVerbatim(evidence))
            && !IsRewriteWithFewFactChanges(evidence, facts, smaller, apart) && (apart || !IsFactPoor(a, b, smaller)))
        {
            return false;
        }
        double kept = (double)evidence.Ordered / smaller;
        if (kept >= WholeStoryKept || IsReworded(evidence, a, b, facts, smaller, kept, apart))
        {
            return true;
        }
        return !QuotedPassageRule.Holds(evidence, a, b, facts.Shared, smaller, kept)
            && (kept >= KeptFraction || IsExcerptOrConfirmed(evidence, a, b, facts, smaller, kept, apart));
    }

    /// <summary>
    /// Whether what the two share is a site's frame: a run opening both texts and a run closing both
    /// (<see cref="PairEvidence.FrameRuns"/>), with no passage between them, around bodies of their own
    /// (<see cref="FrameBodyShare"/> of each text or more). A wire story republished by another site is all of the
    /// original inside the other's wrapper, so it opens and closes neither text together with it.
    /// </summary>
    private bool IsSharedFrame(in PairEvidence evidence, StorySide a, StorySide b) =>
        evidence.FrameRuns > 0 && evidence.Ordered - evidence.FrameRuns < _passageRun
        && a.Fraction(evidence.FrameGapA, evidence) >= FrameBodyShare && b.Fraction(evidence.FrameGapB, evidence) >= FrameBodyShare;

    /// <summary>
    /// Whether one text is the other reworded: spun, edited in place, lightly edited, condensed or retold briefly, a
    /// fact-poor text revised, or revised all through.
    /// </summary>
    private bool IsReworded(in PairEvidence evidence, StorySide a, StorySide b, (int Shared, int Smaller) facts, int smaller, double kept, bool apart) =>
        ((IsRewrite(evidence, smaller) || IsCoherentRewrite(evidence)) && KeepsFacts(facts, smaller)) || IsLightEdit(evidence, kept)
        || (!apart && (IsCondensedRewrite(evidence, a, b, kept) || IsCondensedRetelling(evidence, a, b, facts)
            || IsFactPoorRewrite(evidence, a, b, smaller, kept) || IsRevision(evidence, kept)));

    /// <summary>Whether one text is the other revised all through, paragraphs kept between edits (see <see cref="RevisionKept"/>).</summary>
    private static bool IsRevision(in PairEvidence evidence, double kept) =>
        kept >= RevisionKept && evidence.Passages >= RevisionPassages && evidence.SpreadA >= RevisionSpread && evidence.SpreadB >= RevisionSpread;

    /// <summary>
    /// Whether one text excerpts the other (its passages, its lead block or its opening), or their facts confirm them
    /// as one story, or it is a table re-sent or a release rewritten: the rules a passage quoted by a longer text does not get.
    /// </summary>
    private bool IsExcerptOrConfirmed(in PairEvidence evidence, StorySide a, StorySide b, (int Shared, int Smaller) facts, int smaller, double kept,
        bool apart) =>
        IsExcerpt(evidence, kept, a, b) || IsLeadExcerpt(evidence, smaller, a, b) || IsOpeningExcerpt(evidence, facts, smaller, kept, apart)
        || (FactRules.FactsConfirm(facts, apart) && RareFactsConfirm(a, b) && NamesOrTable(a, b, facts, smaller))
        || (!apart && FactsMatchBothWays(a, b, facts) && !IsTable(a) && !IsTable(b))
        || IsResent(evidence, facts, smaller, kept, apart) || IsReleaseRewrite(evidence, a, b, kept);

    /// <summary>
    /// Whether a text is a table: as many distinct figures per shingle as <see cref="ConfirmFigureDensity"/> (a price
    /// table, a results list), six times a news story's (0.016 on the median BBC story, 0.07 on the 99th percentile).
    /// </summary>
    private static bool IsTable(StorySide side) => FactHashes.EstimatedFigures(side.Facts) >= ConfirmFigureDensity * Math.Max(1, side.ShingleCount);

    /// <summary>Whether each text's facts are nearly all the other's (see <see cref="MatchedFacts"/>), whatever their dates.</summary>
    public bool ReportsSameFacts(StorySide a, StorySide b) => FactsMatchBothWays(a, b, FactHashes.Compare(a.Facts, b.Facts));

    /// <summary>
    /// Whether each text's facts are nearly all the other's and both name someone (see <see cref="MatchedFacts"/>):
    /// whether they are one story asks too that neither is a table; of two texts judged one story, a table re-sent
    /// with a line reworded reports the same facts as a rewrite does.
    /// </summary>
    private bool FactsMatchBothWays(StorySide a, StorySide b, (int Shared, int Smaller) facts)
    {
        int larger = FactHashes.CountLarger(a.Facts, b.Facts);
        if (facts.Smaller < FewestComparedFacts || facts.Shared < MatchedFacts * larger || !FactHashes.HoldsName(a.Facts) || !FactHashes.HoldsName(b.Facts))
        {
            return false;
        }
        // The common facts both hold are left out of both counts (FactHashes.Compare), of the larger's too; facts
        // that are all common (a template's) tell nothing of the story.
        var (rareShared, rareSmaller) = FactHashes.Compare(a.Facts, b.Facts, commonFacts.Words);
        return rareSmaller >= FactRules.MinFacts && rareShared >= MatchedRareFacts * (larger - (facts.Shared - rareShared));
    }

    /// <summary>Whether the two are one release rewritten by two outlets within a few days (<see cref="ReleaseRewrite"/>).</summary>
    private bool IsReleaseRewrite(in PairEvidence evidence, StorySide a, StorySide b, double kept)
    {
        if (a.DateTicks == long.MaxValue || b.DateTicks == long.MaxValue)
        {
            return false;
        }
        var smaller = a.Size <= b.Size ? a : b;
        double density = FactHashes.EstimatedCount(smaller.Facts) / Math.Max(1, smaller.ShingleCount);
        return ReleaseRewrite.Holds(evidence, FactRules.DaysApart(a, b), FactHashes.Compare(a.Facts, b.Facts, commonFacts.Words), kept, density);
    }

    /// <summary>Whether one text pastes the other's opening and goes on in its own words (see <see cref="OpeningExcerptShingles"/>).</summary>
    private bool IsOpeningExcerpt(in PairEvidence evidence, (int Shared, int Smaller) facts, int smaller, double kept, bool apart) =>
        !apart && evidence.OpeningRun >= _openingExcerptRun && IsVerbatim(evidence) && kept >= ExcerptKeptFraction
        && facts.Smaller - facts.Shared <= OpeningExcerptFactChanges * smaller;

    /// <summary>Whether the two are one table or notice re-sent (see <see cref="OpeningShingles"/>).</summary>
    private bool IsResent(in PairEvidence evidence, (int Shared, int Smaller) facts, int smaller, double kept, bool apart) =>
        !apart && evidence.OpeningRun >= _openingRun && kept >= ResentKept && facts.Smaller >= ResentMinFacts
        && facts.Smaller >= ResentFactDensity * smaller && facts.Shared >= ResentFactAgreement * facts.Smaller;

    /// <summary>
    /// Whether facts can confirm the pair (<see cref="FactRules.FactsConfirm"/>): both samples hold a name, or the facts are a
    /// table's, dense (<see cref="ConfirmFigureDensity"/>; half a full sample is dense for a long text, whose sample
    /// stops at <see cref="FactHashes.MaxCount"/>).
    /// </summary>
    private bool NamesOrTable(StorySide a, StorySide b, (int Shared, int Smaller) facts, int smaller) =>
        (FactHashes.HoldsName(a.Facts) && FactHashes.HoldsName(b.Facts))
        || facts.Smaller >= Math.Min(ConfirmFigureDensity * smaller / sampleRate, FactHashes.MaxCount / 2);

    /// <summary>
    /// Whether the facts few other stories report (not <see cref="CommonFacts"/>) confirm the pair as
    /// <see cref="FactRules.FactsConfirm"/> asks of all: texts wrapped in one site's header and footer share its names and figures,
    /// which would confirm any two of its pages. A pair whose facts are all common is not held back. Where the rare
    /// facts counted are a sample of the smaller text's (not <see cref="FactHashes.CountsWholeText"/>), "all but
    /// <see cref="FactRules.ConfirmMissing"/>" needs <see cref="FactRules.ConfirmFacts"/> of them, as <see cref="FactRules.FactsConfirm"/> asks of all
    /// facts: in a full sample the template's facts take most places, and the handful of rare ones left below the
    /// cut-off, a different handful under another hash, says too little to excuse one missing.
    /// </summary>
    private bool RareFactsConfirm(StorySide a, StorySide b)
    {
        var (shared, smaller) = FactHashes.Compare(a.Facts, b.Facts, commonFacts.Words);
        return smaller == 0 || shared >= FactRules.ConfirmAgreement * smaller
            || (smaller - shared <= FactRules.ConfirmMissing && (smaller >= FactRules.ConfirmFacts || FactHashes.CountsWholeText(a.Facts, b.Facts)));
    }

    /// <summary>
    /// Whether two texts of about one length (<see cref="SeriesSizeRatio"/>) that open together (<see cref="SeriesOpeningShingles"/>:
    /// the same headline) and keep much of their words in order (<see cref="SeriesKept"/>) each report a figure the
    /// other does not: dated <see cref="FactRules.FactDays"/> or more apart, that is the next item of a series (a weekly table, a
    /// daily operation, a price report), the same frame around new figures. A copy keeps its original's figures; an
    /// edit or a correction that changes one comes the same day; two sites' copies of one story, each under its own
    /// dated header, do not open together.
    /// </summary>
    private bool IsSeriesItem(StorySide a, StorySide b, in PairEvidence evidence)
    {
        int smaller = Math.Max(1, Math.Min(a.Size, b.Size));
        return evidence.OpeningRun >= _seriesOpeningRun && Math.Max(a.Size, b.Size) <= SeriesSizeRatio * smaller
            && evidence.Ordered >= (IsTableFilledInPlace(a.Size <= b.Size ? a : b, evidence) ? SeriesKept : KeptFraction) * smaller
            && FactRules.FiguresSwapped(a.Facts, b.Facts);
    }

    /// <summary>
    /// Whether <paramref name="smaller"/> is dense with figures as a table is (<see cref="TableFigureDensity"/>) and
    /// what the two share lies in place through most of both: every break skips as far in both texts, as where the
    /// figures of one frame are filled in again, not where a post puts its own text before a quoted block.
    /// </summary>
    private static bool IsTableFilledInPlace(StorySide smaller, in PairEvidence evidence) =>
        FactHashes.EstimatedFigures(smaller.Facts) >= TableFigureDensity * Math.Max(1, smaller.ShingleCount)
        && evidence.CoherentJumps == evidence.EditBreaks && evidence.SpreadA >= RewriteSpread && evidence.SpreadB >= RewriteSpread;

    /// <summary>
    /// Whether what two texts dated <see cref="FactRules.FactDays"/> or more apart share is their common opening
    /// (<see cref="SeriesHeadingShare"/> of it or more), no longer than a heading (<see cref="SeriesHeadingShingles"/>),
    /// while their facts disagree (<see cref="FactRules.FactsAgree"/>): a series' standing heading (a weather table's, a daily
    /// rate notice's) over another day's figures, whatever their lengths.
    /// </summary>
    private bool IsSeriesHeading(in PairEvidence evidence, (int Shared, int Smaller) facts) =>
        evidence.OpeningRun >= _openingRun && evidence.OpeningRun <= _seriesHeadingShingles
        && evidence.OpeningRun >= SeriesHeadingShare * evidence.Ordered && !FactRules.FactsAgree(facts, apart: true);

    /// <summary>
    /// Whether verbatim passages hold most of what the two share in order (<see cref="QuotedShare"/>): a quoted or
    /// cut-and-pasted block, whose facts are the source's while the rest of the quoting text brings its own, where a
    /// template's or a series item's shared words break at every figure and name that differs.
    /// </summary>
    private static bool IsVerbatim(in PairEvidence evidence) => evidence.Ordered > 0 && evidence.InPassages >= QuotedShare * evidence.Ordered;

    private bool IsRewrite(in PairEvidence evidence, int smaller) =>
        evidence.Runs >= _rewriteRuns && evidence.Runs >= RewriteRunsPerShingle * evidence.Ordered
        && evidence.Runs >= RewriteRunsPerSmallerShingle * smaller && evidence.SpreadA >= RewriteSpread && evidence.SpreadB >= RewriteSpread;

    private bool IsCoherentRewrite(in PairEvidence evidence)
    {
        int breaks = evidence.EditBreaks;
        return breaks >= _coherentBreaks && breaks + 1 >= RewriteRunsPerShingle * evidence.Ordered && evidence.CoherentJumps >= CoherentShare * breaks
            && evidence.SpreadA >= CoherentSpread && evidence.SpreadB >= CoherentSpread;
    }

    /// <summary>Whether the smaller text's facts that the other lacks are few enough for a rewrite (see <see cref="RewriteMaxFactChanges"/>).</summary>
    private bool KeepsFacts((int Shared, int Smaller) facts, int smaller) => facts.Smaller - facts.Shared <= RewriteMaxFactChanges * smaller / sampleRate;

    /// <summary>Whether the two are a rewrite whose facts differ in few places for its length (see <see cref="RewriteFactChanges"/>).</summary>
    private bool IsRewriteWithFewFactChanges(in PairEvidence evidence, (int Shared, int Smaller) facts, int smaller, bool apart) =>
        !apart && facts.Smaller - facts.Shared <= RewriteFactChanges * smaller && (IsRewrite(evidence, smaller) || IsCoherentRewrite(evidence));

    /// <summary>Whether the smaller text retells the larger in its own words with the larger's facts (see <see cref="RetoldFacts"/>).</summary>
    private bool IsCondensedRetelling(in PairEvidence evidence, StorySide a, StorySide b, (int Shared, int Smaller) facts)
    {
        if (Math.Max(a.Size, b.Size) < CondensedRatio * Math.Min(a.Size, b.Size) || evidence.Runs < _retoldRuns || IsVerbatim(evidence)
            || Math.Min(evidence.SpreadA, evidence.SpreadB) < RetoldSpread)
        {
            return false;
        }
        // The smaller text's facts (below the samples' cut-off): the shared ones and its own, which the common facts
        // both hold leave out of the rare count as FactHashes.Compare does.
        var (ownA, ownB) = FactHashes.FactsApart(a.Facts, b.Facts);
        int own = a.Size <= b.Size ? ownA : ownB;
        var (rareShared, _) = FactHashes.Compare(a.Facts, b.Facts, commonFacts.Words);
        return facts.Shared + own >= FewestComparedFacts && facts.Shared >= RetoldFacts * (facts.Shared + own)
            && rareShared >= RetoldRareFacts * (rareShared + own);
    }

    /// <summary>Whether the smaller text is reworded from part of the larger all through (see <see cref="CondensedKept"/>).</summary>
    private bool IsCondensedRewrite(in PairEvidence evidence, StorySide a, StorySide b, double kept)
    {
        bool aSmaller = a.Size <= b.Size;
        return kept >= CondensedKept && Math.Max(a.Size, b.Size) >= CondensedRatio * Math.Min(a.Size, b.Size) && evidence.Runs >= _condensedRuns
            && !IsVerbatim(evidence) && (aSmaller ? evidence.SpreadA : evidence.SpreadB) >= CondensedSpread;
    }

    /// <summary>
    /// Whether two texts with few facts (<see cref="FactPoorDensity"/>), written in capitals and lower case
    /// (<see cref="NamesBesideFewFacts"/>: a text in lower case shows its figures only, and looks fact-poor whatever it
    /// reports), share reworded runs (<see cref="FactPoorRuns"/>, not mostly verbatim) reaching
    /// <see cref="FactPoorSpread"/> tenths of both. In news the scattered phrases two stories share are names and
    /// titles, and a follow-up brings facts of its own; where there are few names to share, the shared phrases are
    /// wording, and independent texts on one topic share almost none: a plagiarised answer heavily revised.
    /// </summary>
    private bool IsFactPoorRewrite(in PairEvidence evidence, StorySide a, StorySide b, int smaller, double kept) =>
        kept >= FactPoorKept && evidence.Runs >= _factPoorRuns && Math.Min(evidence.SpreadA, evidence.SpreadB) >= FactPoorSpread
        && !IsVerbatim(evidence) && IsFactPoor(a, b, smaller);

    /// <summary>
    /// Whether the sparser of the two texts holds few facts, <see cref="FactPoorDensity"/> per shingle of the smaller
    /// text or fewer (counted in each whole text, <see cref="FactHashes.EstimatedCount"/>: the samples compared below a
    /// long text's cut-off hold a fraction of a dense text's facts), and the two are written in capitals and lower case
    /// (<see cref="NamesBesideFewFacts"/>): an essay, an answer, a definition. Their handful of names are terms a
    /// reworded copy may drop or swap, so whether they agree (<see cref="FactRules.FactsAgree"/>) says nothing of the
    /// story, and what the texts share in order must.
    /// </summary>
    private bool IsFactPoor(StorySide a, StorySide b, int smaller) =>
        Math.Min(FactHashes.EstimatedCount(a.Facts), FactHashes.EstimatedCount(b.Facts)) <= FactPoorDensity * smaller / sampleRate
        && NamesBesideFewFacts(a, b);

    /// <summary>
    /// Whether the two are written in capitals and lower case as far as <see cref="IsFactPoor"/> can tell: both name
    /// someone, or one does and its facts are as few as a fact-poor text's (an answer that names nothing beside a
    /// source that names little). A text in lower case shows no names, and beside it a story's names are many.
    /// </summary>
    private static bool NamesBesideFewFacts(StorySide a, StorySide b)
    {
        bool namedA = FactHashes.HoldsName(a.Facts), namedB = FactHashes.HoldsName(b.Facts);
        var named = namedA ? a : b;
        return (namedA && namedB) || (namedA != namedB && FactHashes.EstimatedCount(named.Facts) <= FactPoorDensity * named.ShingleCount);
    }

    private bool IsLightEdit(in PairEvidence evidence, double kept) =>
        kept >= LightEditKept && evidence.Runs >= _rewriteRuns && evidence.SpreadA >= LightEditSpread && evidence.SpreadB >= LightEditSpread;

    private static bool IsExcerpt(in PairEvidence evidence, double kept, StorySide a, StorySide b)
    {
        int shorter = Math.Min(a.ShingleCount, b.ShingleCount);
        int longer = Math.Max(a.ShingleCount, b.ShingleCount);
        return evidence.Passages >= ExcerptPassages && kept >= ExcerptKeptFraction && shorter <= ExcerptLengthRatio * longer
            && Math.Max(a.Fraction(evidence.FirstPassageA, evidence), b.Fraction(evidence.FirstPassageB, evidence)) <= ExcerptStart;
    }

    private static bool IsLeadExcerpt(in PairEvidence evidence, int smaller, StorySide a, StorySide b)
    {
        if (evidence.Longest < LeadBlockShare * evidence.Ordered || evidence.Longest < LeadBlockFraction * smaller
            || Math.Max(a.ShingleCount, b.ShingleCount) < LeadMinShingles)
        {
            return false;
        }
        return Math.Min(a.Fraction(evidence.LongestStartA, evidence), b.Fraction(evidence.LongestStartB, evidence)) <= LeadBlockStart;
    }

    /// <summary>
    /// Whether the copy (the second text of <paramref name="evidence"/>) is part of the source reprinted with a word
    /// misread here and there: <see cref="QuotedShare"/> of it covered in order once gaps of a word or two are bridged
    /// (<see cref="PairEvidence.BridgedB"/>), covering at most <see cref="MisreadExcerptSourceShare"/> of the source.
    /// Misreads break its verbatim passages every dozen words, so <see cref="IsQuotedPassages"/> cannot see them.
    /// </summary>
    public static bool IsMisreadPassages(in PairEvidence evidence) =>
        evidence.BridgedB >= QuotedShare * 1000 && evidence.BridgedA <= MisreadExcerptSourceShare * 1000;

    /// <summary>
    /// Fraction of the source, from the first shingle a copy syndicated by its counts shares with it to the last, that
    /// the copy carries in order, a misread word bridged (<see cref="PairEvidence.InteriorA"/>): a story republished
    /// under another site's header and footer carries it whole; an update, a correction, an abridged copy or a
    /// revision that keeps 0.8 of the source leaves passages out inside it or writes them anew, and is rewritten or
    /// an excerpt of it, not the same text. A copy that shares this share of the source's shingles is taken as whole
    /// without its positions (<see cref="StoryJudge"/>): it leaves nothing out, whatever order it keeps.
    /// </summary>
    public const double SyndicatedInterior = 0.95;

    /// <summary>
    /// Whether the copy (the second text of <paramref name="evidence"/>) carries the source whole between the first and
    /// last shingle they share (<see cref="SyndicatedInterior"/>); true where shingles are sampled and it cannot tell.
    /// </summary>
    public static bool CarriesWhole(in PairEvidence evidence) => evidence.InteriorA == 0 || evidence.InteriorA >= SyndicatedInterior * 1000;

    public static bool IsQuotedPassages(in PairEvidence evidence) =>
        evidence.Ordered > 0 && evidence.InPassages >= QuotedShare * evidence.Ordered && Math.Min(evidence.SpreadA, evidence.SpreadB) < LightEditSpread;
}
