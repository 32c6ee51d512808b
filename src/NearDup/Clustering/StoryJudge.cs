using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// The clustering stage that decides, for each verified weak link between two groups, whether the two tell the same
/// story (a copy link, which may put them in one cluster) or different stories that share text (a reuse link: a
/// follow-up's background paragraph, a shared quote, a long document quoting a passage), which is reported but never
/// merges. It judges on the groups' closest members (the representative of a group of one or of more than
/// <see cref="MaxJudgedMembers"/>), from the <see cref="PairEvidence"/> of their shared shingles.
/// </summary>
/// <remarks>
/// The rule and the measurements behind it are in docs/copy-evidence.md. Same story when any of:
/// <list type="bullet">
/// <item>most of the smaller text is shared in order (<see cref="KeptFraction"/>): an update, a correction, an abridged version;</item>
/// <item>the shared shingles break into many short runs spread over both texts (a spun or edited copy), or into short
/// runs whose breaks skip about as far in both texts over half of each (a heavy rewrite in place), both keeping the
/// smaller text's facts but few (<see cref="RewriteMaxFactChanges"/>: not a form filled in again), or nearly half
/// the smaller text is kept in runs reaching every part of both (a light edit), or a third of a text that the other
/// is half as long again as is kept in reworded runs all through it (<see cref="CondensedKept"/>: a summary or a
/// paraphrase of part of a longer text), or two texts with few facts but a name each share reworded runs over three
/// tenths of both (<see cref="FactPoorDensity"/>: a heavily revised essay or answer);</item>
/// <item>quoted passages make up a quarter or more of a text at most half the other's length, and the first starts in the
/// opening of both texts (an excerpt);</item>
/// <item>one verbatim block holds nearly all that is shared and starts in the opening of one text (a post quoting a
/// story's first paragraphs: a reused background block sits lower in both);</item>
/// <item>both texts open with the same sentence and share only verbatim passages, a quarter of the smaller text, with
/// few differing facts (<see cref="OpeningExcerptShingles"/>): a post pasting a story's opening, at any length;</item>
/// <item>nearly all the smaller text's facts (figures, names) are the other's, within a day (<see cref="FactsConfirm"/>),
/// the facts many stories share (<see cref="CommonFacts"/>: a site template's) aside;</item>
/// <item>a table or notice re-sent under the same first line, most of its many facts the same (<see cref="OpeningShingles"/>);</item>
/// <item>one release rewritten by two outlets within a few days, keeping its rare facts and phrases all through (<see cref="ReleaseRewrite"/>).</item>
/// </list>
/// The rules from the excerpt on do not apply to a passage that a longer text carries after its own opening
/// (<see cref="QuotesPassage"/>): a digest or a feature quoting part of a short story, three times longer, or with the
/// passage a small part of it and its other facts its own.
/// Unless what they share is verbatim passages, the two must also report the same facts (<see cref="FactsAgree"/>), or
/// be a rewrite whose facts differ in few places for its length (<see cref="RewriteFactChanges"/>); verbatim passages
/// are no excuse for texts dated <see cref="VerbatimDays"/> or more apart.
/// Documents without positions (an index of format 2) keep every verified link, as before positions were kept.
/// </remarks>
internal sealed class StoryJudge(DocumentTable docs, BoilerplateFilter common, int[] sizes, double sampleRate, CommonFacts commonFacts)
{
    /// <summary>Fraction of the smaller text's shingles shared in order that makes a copy whatever its shape.</summary>
    public const double KeptFraction = 0.6;

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
    /// Facts per shingle of the smaller text under which a pair is fact-poor (<see cref="IsFactPoorRewrite"/>): an essay,
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
    /// <see cref="IsCoherentRewrite"/>) not dated apart may have where <see cref="FactsAgree"/> fails: one in forty
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

    /// <summary>Fraction of a text by which the shared text must start earlier in one of two copies to name it the source.</summary>
    public const double LeadMargin = 0.02;

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
    /// Days apart from which verbatim passages no longer excuse facts that disagree: a week's distance is a series's
    /// next item (a weekly report's frame, its figures new) or a follow-up reusing a background block, where a post
    /// quoting a story, with facts of its own around the quote, comes within days of it.
    /// </summary>
    public const int VerbatimDays = 7;

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
    /// Facts of the smaller text shared (or all of them but <see cref="ConfirmMissing"/>: a short results item re-sent
    /// with one figure rounded), and fewest facts, that make two verified texts one story by themselves.
    /// </summary>
    public const double ConfirmAgreement = 0.92;

    /// <inheritdoc cref="ConfirmAgreement"/>
    public const int ConfirmMissing = 1;

    /// <inheritdoc cref="ConfirmAgreement"/>
    public const int ConfirmFacts = 6;

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
    /// Size of the larger text, in multiples of the smaller, from which a block it carries after its opening is a
    /// passage it quotes, not a copy (see <see cref="QuotesPassage"/>).
    /// </summary>
    public const double QuoterRatio = 3;

    /// <summary>Fraction of the larger text after which a shared block starts for <see cref="QuotesPassage"/>.</summary>
    public const double QuoterStart = 0.15;

    /// <summary>
    /// Shingles of the larger text's opening for <see cref="QuotesPassage"/> when <see cref="QuoterStart"/> of it is
    /// more: a long report's lead paragraphs (with a site's header above them), past which a shared block is its body
    /// quoting a passage.
    /// </summary>
    public const int QuoterOpening = 200;

    /// <summary>Fraction of the smaller text kept in order from which it is mostly the other's text (<see cref="QuotesPassage"/>).</summary>
    public const double QuoterKept = 0.5;

    /// <summary>Tenths of the smaller text from which what two texts share is more than a passage of it (<see cref="QuotesPassage"/>).</summary>
    public const int QuoterSpread = 7;

    /// <summary>
    /// Fraction of the larger text under which what the two share is a passage inside it, whatever the share of the
    /// smaller (<see cref="QuotesPassage"/>), when the smaller carries less than <see cref="QuoterFactShare"/> of the
    /// larger's facts.
    /// </summary>
    public const double QuoterShare = 0.2;

    /// <summary>
    /// Fraction of the larger text's facts (<see cref="FactHashes.CountLarger"/>) under which its own text reports
    /// something else (<see cref="QuotesPassage"/>): a digest's other stories bring their own names and figures, where
    /// a fuller version of a story repeats the story's, and the original a post excerpts shares the post's names.
    /// </summary>
    public const double QuoterFactShare = 0.2;

    /// <summary>
    /// Size of the larger text, in multiples of the smaller, from which <see cref="QuoterShare"/> applies: a long
    /// document; two texts of about one size sharing a passage (a student's answer pasting a few lines of its source)
    /// are left to the other rules.
    /// </summary>
    public const double QuoterShareRatio = 2;

    /// <summary>Largest group whose members are each tried against the other side of a link.</summary>
    public const int MaxJudgedMembers = 4;

    private readonly int _maxStep = sampleRate >= 1 ? 1 : (int)Math.Round(2 / sampleRate);
    private readonly int _passageRun = Math.Max(2, (int)Math.Round(PairEvidence.PassageRun * sampleRate));
    private readonly int _rewriteRuns = Math.Max(2, (int)Math.Round(RewriteRuns * sampleRate));
    private readonly int _condensedRuns = Math.Max(2, (int)Math.Round(CondensedRuns * sampleRate));
    private readonly int _factPoorRuns = Math.Max(2, (int)Math.Round(FactPoorRuns * sampleRate));
    private readonly int _seriesHeadingShingles = Math.Max(2, (int)Math.Round(SeriesHeadingShingles * sampleRate));
    private readonly int _coherentBreaks = Math.Max(2, (int)Math.Ceiling(CoherentBreaks * sampleRate));
    private readonly int _openingRun = Math.Max(1, (int)Math.Round(OpeningShingles * sampleRate));
    private readonly int _openingExcerptRun = Math.Max(2, (int)Math.Round(OpeningExcerptShingles * sampleRate));

    /// <summary>
    /// For each link between groups (keys as the clusterer packs them: smaller group in the high half) that
    /// <paramref name="candidate"/> lets through, whether the two groups tell the same story, judged on their closest
    /// members (<see cref="Closest"/>).
    /// </summary>
    /// <remarks>
    /// In <paramref name="leads"/> (one per link, or null) goes the <see cref="Lead(int, int)"/> of the two groups'
    /// representatives wherever the link was judged on them, from the evidence judged (so that <see cref="SourceVotes"/>
    /// measures the pair no second time); <see cref="UnknownLead"/> elsewhere.
    /// </remarks>
    public bool[] Judge(long[] links, Func<int, bool> candidate, int[] groupRep, int[] groupStarts, int[] groupMembers, sbyte[]? leads,
        ParallelOptions parallel)
    {
        var same = new bool[links.Length];
        Parallel.For(0, links.Length, parallel, k => same[k] = JudgeLink(links[k], k, candidate, groupRep, groupStarts, groupMembers, leads));
        return same;
    }

    /// <summary>
    /// <see cref="Judge"/> with the links taken in <paramref name="order"/> (<see cref="SpillOrder.OfLinks"/>) by
    /// <see cref="SpillSweep"/>'s fixed set of <paramref name="workers"/>, each chunk's sides asked for ahead: the
    /// documents are read from a spill file larger than the page cache. The verdicts are stored by link, as in any order.
    /// Every copy's lead is set here, its representatives' <see cref="Lead(int, int)"/> where the link was judged on
    /// other members: <see cref="SourceVotes"/> would measure those in the links' order, reading their sides at random.
    /// </summary>
    public bool[] JudgeInOrder(long[] links, Func<int, bool> candidate, int[] groupRep, int[] groupStarts, int[] groupMembers, sbyte[]? leads,
        int[] order, int workers, CancellationToken cancellationToken)
    {
        var same = new bool[links.Length];
        SpillSweep.Run(docs.Store.Spill, order, workers, cancellationToken,
            (k, ahead) =>
            {
                if (candidate(k))
                {
                    AskForJudged((int)(links[k] >> 32), groupRep, groupStarts, groupMembers, ahead);
                    AskForJudged((int)(uint)links[k], groupRep, groupStarts, groupMembers, ahead);
                }
            },
            k =>
            {
                same[k] = JudgeLink(links[k], k, candidate, groupRep, groupStarts, groupMembers, leads);
                if (leads is not null && same[k] && leads[k] == UnknownLead)
                {
                    leads[k] = Lead(groupRep[(int)(links[k] >> 32)], groupRep[(int)(uint)links[k]]);
                }
            });
        return same;
    }

    /// <summary>Adds to <paramref name="ahead"/> what <see cref="Closest"/> and the judge read of group <paramref name="g"/>: its members judged, or its representative.</summary>
    private void AskForJudged(int g, int[] groupRep, int[] groupStarts, int[] groupMembers, ReadAhead ahead)
    {
        int size = groupStarts[g + 1] - groupStarts[g];
        if (size == 1 || size > MaxJudgedMembers)
        {
            SpillSweep.AskFor(docs, groupRep[g], positions: true, ahead);
            return;
        }
        foreach (int m in groupMembers.AsSpan(groupStarts[g], size))
        {
            SpillSweep.AskFor(docs, m, positions: true, ahead);
        }
    }

    /// <summary>Link <paramref name="k"/>'s verdict (see <see cref="Judge"/>), its lead in <paramref name="leads"/>.</summary>
    private bool JudgeLink(long link, int k, Func<int, bool> candidate, int[] groupRep, int[] groupStarts, int[] groupMembers, sbyte[]? leads)
    {
        if (leads is not null)
        {
            leads[k] = UnknownLead;
        }
        if (!candidate(k))
        {
            return false;
        }
        int g = (int)(link >> 32), h = (int)(uint)link;
        int a = Closest(g, groupRep[h], groupRep, groupStarts, groupMembers);
        int b = Closest(h, a, groupRep, groupStarts, groupMembers);
        return leads is not null && a == groupRep[g] && b == groupRep[h] ? IsSameStory(a, b, out leads[k]) : IsSameStory(a, b);
    }

    /// <summary>A lead that <see cref="Judge"/> did not measure.</summary>
    public const sbyte UnknownLead = sbyte.MinValue;

    /// <summary><see cref="IsSameStory(int, int)"/>, and <see cref="Lead(int, int)"/> from the same evidence.</summary>
    private bool IsSameStory(int a, int b, out sbyte lead)
    {
        var sideA = Side(a);
        var sideB = Side(b);
        if (!sideA.HasPositions || !sideB.HasPositions)
        {
            lead = 0;
            return true;
        }
        var evidence = Measure(sideA, sideB);
        lead = Lead(sideA, sideB, evidence);
        return IsSameStory(sideA, sideB, evidence);
    }

    /// <summary>
    /// The member of group <paramref name="g"/> whose shared text with document <paramref name="other"/> is the largest
    /// share of the smaller of the two (shared shingles over the smaller size, as the judge's rules count): a source
    /// grouped with one cut-and-paste copy is judged on its own full text, not on the copy that represents the group,
    /// and an original grouped with its wrapped copy is judged on itself, not on the copy that shares as much plus a
    /// phrase of a site's wrapper (a noisy copy is under half of a wrapped page, and most of the original).
    /// Groups larger than <see cref="MaxJudgedMembers"/> (a story syndicated many times) are judged on their representative.
    /// </summary>
    private int Closest(int g, int other, int[] groupRep, int[] groupStarts, int[] groupMembers)
    {
        int size = groupStarts[g + 1] - groupStarts[g];
        if (size == 1 || size > MaxJudgedMembers)
        {
            return groupRep[g];
        }
        int best = groupRep[g], bestShared = Shared(best, other);
        foreach (int m in groupMembers.AsSpan(groupStarts[g], size))
        {
            if (m == best)
            {
                continue;
            }
            int shared = Shared(m, other);
            // shared / smaller(m) > bestShared / smaller(best), without division.
            if ((long)shared * Smaller(best, other) > (long)bestShared * Smaller(m, other))
            {
                (best, bestShared) = (m, shared);
            }
        }
        return best;
    }

    private int Smaller(int a, int b) => Math.Max(1, Math.Min(sizes[a], sizes[b]));

    private int Shared(int a, int b) => SharedFingerprints.CountShared(docs.Fingerprints(a), docs.Fingerprints(b), common);

    /// <summary>
    /// For each group, the copy links on which it is the source less those on which it is the copy: the source
    /// is the text that opens with what the two share (a story starts with its own lead; a post quoting it, or a
    /// site wrapping it, puts its own text first), so the shared text's first passage starts earlier in it.
    /// </summary>
    /// <remarks>Each link's lead is taken from <paramref name="known"/> (one per link, or null) where it is not <see cref="UnknownLead"/>.</remarks>
    public int[] SourceVotes(long[] links, sbyte[]? known, int[] groupRep, int groups, ParallelOptions parallel)
    {
        var leads = new sbyte[links.Length];
        Parallel.For(0, links.Length, parallel, k => leads[k] = known is not null && known[k] != UnknownLead
            ? known[k] : Lead(groupRep[(int)(links[k] >> 32)], groupRep[(int)(uint)links[k]]));
        var votes = new int[groups];
        for (int k = 0; k < links.Length; k++)
        {
            votes[(int)(links[k] >> 32)] -= leads[k];
            votes[(int)(uint)links[k]] += leads[k];
        }
        return votes;
    }

    /// <summary>-1 when the shared text starts earlier in <paramref name="a"/> (by <see cref="LeadMargin"/> of a text or more), 1 in <paramref name="b"/>, else 0.</summary>
    public sbyte Lead(int a, int b) => Lead(Side(a), Side(b));

    /// <inheritdoc cref="Lead(int, int)"/>
    public sbyte Lead(StorySide a, StorySide b) => !a.HasPositions || !b.HasPositions ? (sbyte)0 : Lead(a, b, Measure(a, b));

    /// <summary><see cref="Lead(StorySide, StorySide)"/> of two texts with positions, from their evidence.</summary>
    private static sbyte Lead(StorySide a, StorySide b, in PairEvidence evidence)
    {
        if (evidence.FirstPassageA < 0)
        {
            return 0;
        }
        double difference = a.Fraction(evidence.FirstPassageA, evidence) - b.Fraction(evidence.FirstPassageB, evidence);
        return difference <= -LeadMargin ? (sbyte)-1 : difference >= LeadMargin ? (sbyte)1 : (sbyte)0;
    }

    /// <summary>Whether documents <paramref name="a"/> and <paramref name="b"/> tell the same story (see the remarks).</summary>
    public bool IsSameStory(int a, int b) => IsSameStory(Side(a), Side(b));

    /// <inheritdoc cref="IsSameStory(int, int)"/>
    public bool IsSameStory(StorySide a, StorySide b)
    {
        if (!a.HasPositions || !b.HasPositions)
        {
            return true;
        }
        return IsSameStory(a, b, Measure(a, b));
    }

    /// <summary><see cref="IsSameStory(StorySide, StorySide)"/> of two texts with positions, from their evidence.</summary>
    private bool IsSameStory(StorySide a, StorySide b, in PairEvidence evidence)
    {
        var facts = FactHashes.Compare(a.Facts, b.Facts);
        double days = DaysApart(a, b);
        bool apart = days >= FactDays;
        if (apart && (IsSeriesItem(a, b, evidence) || IsSeriesHeading(evidence, facts)))
        {
            return false;
        }
        int smaller = Math.Max(1, Math.Min(a.Size, b.Size));
        if (!FactsAgree(facts, apart) && (days >= VerbatimDays || !IsVerbatim(evidence)) && !IsRewriteWithFewFactChanges(evidence, facts, smaller, apart))
        {
            return false;
        }
        double kept = (double)evidence.Ordered / smaller;
        if (kept >= KeptFraction)
        {
            return true;
        }
        if (((IsRewrite(evidence, smaller) || IsCoherentRewrite(evidence)) && KeepsFacts(facts, smaller)) || IsLightEdit(evidence, kept)
            || (!apart && (IsCondensedRewrite(evidence, a, b, kept) || IsFactPoorRewrite(evidence, a, b, facts, smaller, kept))))
        {
            return true;
        }
        return !QuotesPassage(evidence, a, b, facts.Shared, smaller, kept) && (IsExcerpt(evidence, kept, a, b) || IsLeadExcerpt(evidence, smaller, a, b)
            || IsOpeningExcerpt(evidence, facts, smaller, kept, apart) || (FactsConfirm(facts, apart) && RareFactsConfirm(a, b) && NamesOrTable(a, b, facts, smaller)) || IsResent(evidence, facts, smaller, kept, apart)
            || IsReleaseRewrite(evidence, a, b, kept));
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
        return ReleaseRewrite.Holds(evidence, DaysApart(a, b), FactHashes.Compare(a.Facts, b.Facts, commonFacts.Words), kept, density);
    }

    /// <summary>
    /// Whether the larger text carries a passage of the smaller after its own opening (<see cref="QuoterStart"/> of it,
    /// at most <see cref="QuoterOpening"/> shingles): a long document (a digest, a feature, a compilation, a night's main
    /// report) quoting part of a shorter story, which is reuse. It is a passage of the smaller when the larger is
    /// <see cref="QuoterRatio"/> times its size or more and carries less than <see cref="QuoterKept"/> of it, reaching
    /// fewer than <see cref="QuoterSpread"/> tenths; or, whatever its share of the smaller, when it is under
    /// <see cref="QuoterShare"/> of a larger text <see cref="QuoterShareRatio"/> times its size or more and the
    /// smaller carries under <see cref="QuoterFactShare"/> of the larger's facts. A post excerpting a story is the shorter text: mostly the quote, or quoting the story from its
    /// opening paragraphs, so the shared text starts near the top of the larger; a plagiarised answer is made of the
    /// source's text all through; a fuller version of a story reports the story's facts.
    /// </summary>
    private static bool QuotesPassage(in PairEvidence evidence, StorySide a, StorySide b, int sharedFacts, int smaller, double kept)
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
            (double)QuoterOpening / (1 << evidence.PositionShift));
        return start > opening;
    }

    /// <summary>Whether the larger text, <see cref="QuoterRatio"/> times the smaller, shares less than a part of it (see <see cref="QuotesPassage"/>).</summary>
    private static bool IsPassageOfSmaller(in PairEvidence evidence, bool aLarger, StorySide larger, int smaller, double kept) =>
        larger.Size >= QuoterRatio * smaller && kept < QuoterKept && (aLarger ? evidence.SpreadB : evidence.SpreadA) < QuoterSpread;

    /// <summary>
    /// Whether the larger text, <see cref="QuoterShareRatio"/> times the smaller or more, shares a passage or more
    /// with it (a run of a sentence, or as many shingles of an edited passage close together; a headline flash shares
    /// a phrase of its full story), under <see cref="QuoterShare"/> of the larger text, and the smaller carries under
    /// <see cref="QuoterFactShare"/> of the larger's facts (see <see cref="QuotesPassage"/>).
    /// </summary>
    private static bool IsSmallPartOfOtherReporting(in PairEvidence evidence, StorySide a, StorySide b, StorySide larger, int smaller, int sharedFacts)
    {
        int largerFacts = FactHashes.CountLarger(a.Facts, b.Facts);
        return larger.Size >= QuoterShareRatio * smaller && (evidence.Passages > 0 || evidence.Densest >= PairEvidence.PassageRun)
            && evidence.Ordered < QuoterShare * larger.Size && largerFacts > 0 && sharedFacts < QuoterFactShare * largerFacts;
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
    /// Whether two texts that share verified text report the very same facts: at least <see cref="ConfirmAgreement"/>
    /// of the smaller one's, or all but <see cref="ConfirmMissing"/>, <see cref="ConfirmFacts"/> or more, and not dated
    /// <see cref="FactDays"/> or more apart.
    /// An update re-topped with new material, or a table re-sent in another layout, keeps every fact of the first
    /// version where its words no longer line up; a follow-up brings the facts of its new development.
    /// </summary>
    private static bool FactsConfirm((int Shared, int Smaller) facts, bool apart) =>
        facts.Smaller >= ConfirmFacts && (facts.Shared >= ConfirmAgreement * facts.Smaller || facts.Smaller - facts.Shared <= ConfirmMissing) && !apart;

    /// <summary>
    /// Whether facts can confirm the pair (<see cref="FactsConfirm"/>): both samples hold a name, or the facts are a
    /// table's, dense (<see cref="ConfirmFigureDensity"/>; half a full sample is dense for a long text, whose sample
    /// stops at <see cref="FactHashes.MaxCount"/>).
    /// </summary>
    private bool NamesOrTable(StorySide a, StorySide b, (int Shared, int Smaller) facts, int smaller) =>
        (FactHashes.HoldsName(a.Facts) && FactHashes.HoldsName(b.Facts))
        || facts.Smaller >= Math.Min(ConfirmFigureDensity * smaller / sampleRate, FactHashes.MaxCount / 2);

    /// <summary>
    /// Whether the facts few other stories report (not <see cref="CommonFacts"/>) confirm the pair as
    /// <see cref="FactsConfirm"/> asks of all: texts wrapped in one site's header and footer share its names and figures,
    /// which would confirm any two of its pages. A pair whose facts are all common is not held back. Where the rare
    /// facts counted are a sample of the smaller text's (not <see cref="FactHashes.CountsWholeText"/>), "all but
    /// <see cref="ConfirmMissing"/>" needs <see cref="ConfirmFacts"/> of them, as <see cref="FactsConfirm"/> asks of all
    /// facts: in a full sample the template's facts take most places, and the handful of rare ones left below the
    /// cut-off, a different handful under another hash, says too little to excuse one missing.
    /// </summary>
    private bool RareFactsConfirm(StorySide a, StorySide b)
    {
        var (shared, smaller) = FactHashes.Compare(a.Facts, b.Facts, commonFacts.Words);
        return smaller == 0 || shared >= ConfirmAgreement * smaller
            || (smaller - shared <= ConfirmMissing && (smaller >= ConfirmFacts || FactHashes.CountsWholeText(a.Facts, b.Facts)));
    }

    /// <summary>
    /// Whether two texts dated <see cref="FactDays"/> or more apart report other facts (<see cref="FactsAgree"/> fails)
    /// or each report a figure the other lacks (<see cref="IsSeriesItem"/>): the next item of a series, whose words can
    /// be nearly all the same. Such a link is not strong, whatever its scores: the judge decides it.
    /// </summary>
    public static bool FactsDifferApart(ReadOnlySpan<uint> factsA, long ticksA, ReadOnlySpan<uint> factsB, long ticksB) =>
        DaysApart(ticksA, ticksB) >= FactDays && (!FactsAgree(FactHashes.Compare(factsA, factsB), apart: true) || FiguresSwapped(factsA, factsB));

    /// <summary>
    /// Whether two texts of about one length (<see cref="SeriesSizeRatio"/>) that open together (<see cref="OpeningShingles"/>:
    /// the same headline) and keep most of their words in order (<see cref="KeptFraction"/>) each report a figure the
    /// other does not: dated <see cref="FactDays"/> or more apart, that is the next item of a series (a weekly table, a
    /// daily operation, a price report), the same frame around new figures. A copy keeps its original's figures; an
    /// edit or a correction that changes one comes the same day; two sites' copies of one story, each under its own
    /// dated header, do not open together.
    /// </summary>
    private bool IsSeriesItem(StorySide a, StorySide b, in PairEvidence evidence)
    {
        int smaller = Math.Max(1, Math.Min(a.Size, b.Size));
        return evidence.OpeningRun >= _openingRun && Math.Max(a.Size, b.Size) <= SeriesSizeRatio * smaller
            && evidence.Ordered >= KeptFraction * smaller && FiguresSwapped(a.Facts, b.Facts);
    }

    /// <summary>
    /// Whether what two texts dated <see cref="FactDays"/> or more apart share is their common opening
    /// (<see cref="SeriesHeadingShare"/> of it or more), no longer than a heading (<see cref="SeriesHeadingShingles"/>),
    /// while their facts disagree (<see cref="FactsAgree"/>): a series' standing heading (a weather table's, a daily
    /// rate notice's) over another day's figures, whatever their lengths.
    /// </summary>
    private bool IsSeriesHeading(in PairEvidence evidence, (int Shared, int Smaller) facts) =>
        evidence.OpeningRun >= _openingRun && evidence.OpeningRun <= _seriesHeadingShingles
        && evidence.OpeningRun >= SeriesHeadingShare * evidence.Ordered && !FactsAgree(facts, apart: true);

    /// <summary>Whether each of two fact samples holds a figure the other lacks (<see cref="FactHashes.FiguresApart"/>).</summary>
    private static bool FiguresSwapped(ReadOnlySpan<uint> factsA, ReadOnlySpan<uint> factsB)
    {
        var (onlyA, onlyB) = FactHashes.FiguresApart(factsA, factsB);
        return onlyA > 0 && onlyB > 0;
    }

    private static double DaysApart(StorySide a, StorySide b) => DaysApart(a.DateTicks, b.DateTicks);

    /// <summary>Days between the two texts' dates; zero when either has none.</summary>
    private static double DaysApart(long ticksA, long ticksB) =>
        ticksA == long.MaxValue || ticksB == long.MaxValue ? 0 : Math.Abs(ticksA - ticksB) / (double)TimeSpan.TicksPerDay;

    /// <summary>
    /// Whether verbatim passages hold most of what the two share in order (<see cref="QuotedShare"/>): a quoted or
    /// cut-and-pasted block, whose facts are the source's while the rest of the quoting text brings its own, where a
    /// template's or a series item's shared words break at every figure and name that differs.
    /// </summary>
    private static bool IsVerbatim(in PairEvidence evidence) => evidence.Ordered > 0 && evidence.InPassages >= QuotedShare * evidence.Ordered;

    /// <summary>
    /// Whether two texts whose words agree report the same facts: at least <see cref="FactAgreement"/> of the smaller
    /// text's figures and names are the other's, or more (<see cref="LaterFactAgreement"/>) when both are dated
    /// <see cref="FactDays"/> or more apart (the next item of a series repeats its frame and some standing figures).
    /// A text with fewer than <see cref="MinFacts"/> facts gives no evidence the same day (a correction changes a figure);
    /// dated apart, one fact does (<see cref="MinFactsApart"/>): a series' next flash repeats its words around a new figure.
    /// </summary>
    private static bool FactsAgree((int Shared, int Smaller) facts, bool apart) =>
        facts.Smaller < (apart ? MinFactsApart : MinFacts) || facts.Shared >= (apart ? LaterFactAgreement : FactAgreement) * facts.Smaller;

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

    /// <summary>Whether the smaller text is reworded from part of the larger all through (see <see cref="CondensedKept"/>).</summary>
    private bool IsCondensedRewrite(in PairEvidence evidence, StorySide a, StorySide b, double kept)
    {
        bool aSmaller = a.Size <= b.Size;
        return kept >= CondensedKept && Math.Max(a.Size, b.Size) >= CondensedRatio * Math.Min(a.Size, b.Size) && evidence.Runs >= _condensedRuns
            && !IsVerbatim(evidence) && (aSmaller ? evidence.SpreadA : evidence.SpreadB) >= CondensedSpread;
    }

    /// <summary>
    /// Whether two texts with few facts (<see cref="FactPoorDensity"/>), each naming someone or something (so written
    /// in capitals and lower case: a text in lower case shows its figures only, and looks fact-poor whatever it
    /// reports), share reworded runs (<see cref="FactPoorRuns"/>, not mostly verbatim) reaching
    /// <see cref="FactPoorSpread"/> tenths of both. In news the scattered phrases two stories share are names and
    /// titles, and a follow-up brings facts of its own; where there are few names to share, the shared phrases are
    /// wording, and independent texts on one topic share almost none: a plagiarised answer heavily revised.
    /// </summary>
    private bool IsFactPoorRewrite(in PairEvidence evidence, StorySide a, StorySide b, (int Shared, int Smaller) facts, int smaller, double kept) =>
        kept >= FactPoorKept && evidence.Runs >= _factPoorRuns && Math.Min(evidence.SpreadA, evidence.SpreadB) >= FactPoorSpread
        && !IsVerbatim(evidence) && facts.Smaller < FactHashes.MaxCount && facts.Smaller <= FactPoorDensity * smaller / sampleRate
        && FactHashes.HoldsName(a.Facts) && FactHashes.HoldsName(b.Facts);

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
    /// Whether <paramref name="copy"/> is made of passages of <paramref name="source"/> (an excerpt), whatever its
    /// length, rather than reworded (a rewrite): verbatim passages hold most of what the two share in order, and do
    /// not reach all through both texts as a light edit's do. Null when a document has no positions.
    /// </summary>
    public bool? IsQuotedPassages(int source, int copy) => IsQuotedPassages(Side(source), Side(copy));

    /// <inheritdoc cref="IsQuotedPassages(int, int)"/>
    public bool? IsQuotedPassages(StorySide source, StorySide copy)
    {
        if (!source.HasPositions || !copy.HasPositions)
        {
            return null;
        }
        return IsQuotedPassages(Measure(source, copy));
    }

    private static bool IsQuotedPassages(in PairEvidence evidence) =>
        evidence.Ordered > 0 && evidence.InPassages >= QuotedShare * evidence.Ordered && Math.Min(evidence.SpreadA, evidence.SpreadB) < LightEditSpread;

    /// <summary>
    /// What <paramref name="copy"/> is to <paramref name="source"/>, its canonical or a queried match, the same in
    /// clusters and queries: exact (<paramref name="sameContent"/>), syndicated (a strong link, or holding
    /// <see cref="NearDupOptions.SyndicatedContainment"/> of the source: a short story in a long wrapping is the story
    /// republished, not a passage of it; or covering that share of it in order with gaps of a word or two bridged,
    /// <see cref="PairEvidence.BridgedA"/>: a reprint with misread or retyped words), excerpt (verbatim passages of the
    /// source, whatever its length; by length
    /// where positions are missing), else rewritten. <paramref name="score"/> has the source first.
    /// </summary>
    public CopyRole RoleOf(StorySide source, StorySide copy, bool sameContent, Verifier.Score score, Verifier verifier, NearDupOptions options) =>
        RoleAndStory(source, copy, sameContent, score, verifier, options, judgeStory: false).Role;

    /// <summary>
    /// <see cref="RoleOf"/>, and whether the two are one story: true for an exact or syndicated copy, else (when
    /// <paramref name="judgeStory"/>; false otherwise) <see cref="IsSameStory(StorySide, StorySide)"/> of
    /// (<paramref name="copy"/>, <paramref name="source"/>). A query needs both; the pair's shared fingerprints are
    /// then merged once for the two orientations (<see cref="PairEvidence.MeasureBoth"/>), with the same results, or
    /// not at all when <paramref name="merged"/> holds that merge (source first; a query's score took it).
    /// </summary>
    public (CopyRole Role, bool SameStory) RoleAndStory(StorySide source, StorySide copy, bool sameContent, Verifier.Score score, Verifier verifier,
        NearDupOptions options, bool judgeStory, SharedIndexPairs? merged = null)
    {
        if (sameContent)
        {
            return (CopyRole.Exact, true);
        }
        if (IsSyndicatedByScore(score, verifier, options))
        {
            return (CopyRole.Syndicated, true);
        }
        if (!source.HasPositions || !copy.HasPositions)
        {
            return (score.SizeB <= options.ExcerptLengthRatio * score.SizeA ? CopyRole.Excerpt : CopyRole.Rewritten, judgeStory);
        }
        var (forward, backward) = judgeStory ? MeasureBoth(source, copy, merged) : (Measure(source, copy, merged), default);
        // A copy syndicated for its misreads alone is still judged: a fill-in template's other names and figures
        // break its 5-grams a word at a time as misreads do.
        var role = forward.BridgedA >= options.SyndicatedContainment * 1000 ? CopyRole.Syndicated
            : IsQuotedPassages(forward) ? CopyRole.Excerpt : CopyRole.Rewritten;
        return (role, judgeStory && IsSameStory(copy, source, backward));
    }

    /// <summary>
    /// Whether the copy is syndicated by its counts alone: a strong link, or holding
    /// <see cref="NearDupOptions.SyndicatedContainment"/> of the source (<paramref name="score"/> has the source first).
    /// </summary>
    public static bool IsSyndicatedByScore(Verifier.Score score, Verifier verifier, NearDupOptions options) =>
        verifier.IsStrong(score) || score.Shared >= options.SyndicatedContainment * score.SizeA;

    /// <summary>
    /// Whether documents <paramref name="a"/> and <paramref name="b"/> share a passage: <paramref name="shingles"/> or
    /// more shared shingles in order within <see cref="PairEvidence.PassageWindow"/> shingles of both (<see cref="PairEvidence.Densest"/>).
    /// A pair that shares too little of either text to be verified otherwise is a reuse link only then.
    /// </summary>
    public bool SharesPassage(int a, int b, int shingles) => SharesPassage(Side(a), Side(b), shingles);

    /// <inheritdoc cref="SharesPassage(int, int, int)"/>
    /// <remarks><paramref name="merged"/>, when given, holds the merge of the pair's fingerprints (<paramref name="a"/> first).</remarks>
    public bool SharesPassage(StorySide a, StorySide b, int shingles, SharedIndexPairs? merged = null) =>
        a.HasPositions && b.HasPositions && Measure(a, b, merged).Densest >= shingles;

    /// <summary>The evidence of a pair of documents.</summary>
    public PairEvidence Measure(int a, int b) => Measure(Side(a), Side(b));

    /// <inheritdoc cref="Measure(int, int)"/>
    public PairEvidence Measure(StorySide a, StorySide b, SharedIndexPairs? merged = null) =>
        PairEvidence.Measure(a.Fingerprints, a.Positions, a.ShingleCount, a.PositionShift, b.Fingerprints, b.Positions, b.ShingleCount, b.PositionShift,
            common, _maxStep, _passageRun, merged);

    /// <summary>The evidence of a pair both ways, (a, b) and (b, a), from one merge.</summary>
    private (PairEvidence Forward, PairEvidence Backward) MeasureBoth(StorySide a, StorySide b, SharedIndexPairs? merged) =>
        PairEvidence.MeasureBoth(a.Fingerprints, a.Positions, a.ShingleCount, a.PositionShift, b.Fingerprints, b.Positions, b.ShingleCount, b.PositionShift,
            common, _maxStep, _passageRun, merged);

    /// <summary>Document <paramref name="i"/> of the table as the judge reads it.</summary>
    public StorySide Side(int i) =>
        new(docs.Fingerprints(i), docs.Positions(i), docs.ShingleCount(i), sizes[i], docs.Store.HasPositions(docs.Slot(i)), docs.Facts(i), docs.DateTicks(i));
}
