namespace NearDup.Clustering;

/// <summary>
/// The clustering stage that decides, for each verified weak link between two groups, whether the two tell the same
/// story (a copy link, which may put them in one cluster) or different stories that share text (a reuse link: a
/// follow-up's background paragraph, a shared quote, a long document quoting a passage), which is reported but never
/// merges. It judges on the groups' closest members (the representative of a group of one or of more than
/// <see cref="MaxJudgedMembers"/>), by the <see cref="StoryRules"/>; and the role of a copy against its source.
/// </summary>
internal sealed class StoryJudge(DocumentTable docs, BoilerplateFilter common, int[] sizes, double sampleRate, CommonFacts commonFacts)
{
    /// <summary>Fraction of a text by which the shared text must start earlier in one of two copies to name it the source.</summary>
    public const double LeadMargin = 0.02;

    /// <summary>Largest group whose members are each tried against the other side of a link.</summary>
    public const int MaxJudgedMembers = 4;

    private readonly int _maxStep = sampleRate >= 1 ? 1 : (int)Math.Round(2 / sampleRate);
    private readonly int _passageRun = Math.Max(2, (int)Math.Round(PairEvidence.PassageRun * sampleRate));

    private readonly StoryRules _rules = new(sampleRate, commonFacts);

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
        return _rules.IsSameStory(sideA, sideB, evidence);
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
        return _rules.IsSameStory(a, b, Measure(a, b));
    }

    /// <summary>
    /// Whether what <paramref name="copy"/> shares with <paramref name="source"/> is verbatim passages, whatever its
    /// length, rather than reworded text: they hold most of what the two share in order, and do not reach all through
    /// both texts as a light edit's do (an excerpt, unless the copy reports the source's facts both ways, as another
    /// outlet's rewrite keeping its quotes does: <see cref="PassagesOrRewritten"/>). Null when a document has no positions.
    /// </summary>
    public bool? IsQuotedPassages(int source, int copy) => IsQuotedPassages(Side(source), Side(copy));

    /// <inheritdoc cref="IsQuotedPassages(int, int)"/>
    public bool? IsQuotedPassages(StorySide source, StorySide copy)
    {
        if (!source.HasPositions || !copy.HasPositions)
        {
            return null;
        }
        return StoryRules.IsQuotedPassages(Measure(source, copy));
    }

    /// <summary>
    /// What <paramref name="copy"/> is to <paramref name="source"/>, its canonical or a queried match, the same in
    /// clusters and queries: exact (<paramref name="sameContent"/>), syndicated (a strong link, or holding
    /// <see cref="NearDupOptions.SyndicatedContainment"/> of the source: a short story in a long wrapping is the story
    /// republished, not a passage of it; either carrying the source whole, <see cref="SyndicatedOrEdited"/>, where
    /// unsampled positions can tell; or covering that share of it in order with gaps of a word or two bridged,
    /// <see cref="PairEvidence.BridgedA"/>: a reprint with misread or retyped words), excerpt (verbatim passages of the
    /// source, whatever its length, unless the copy reports the source's facts both ways; by length
    /// where positions are missing), else rewritten. <paramref name="score"/> has the source first.
    /// </summary>
    public CopyRole RoleOf(StorySide source, StorySide copy, bool sameContent, Verifier.Score score, Verifier verifier, NearDupOptions options) =>
        RoleAndStory(source, copy, sameContent, score, verifier, options, judgeStory: false).Role;

    /// <summary>
    /// <see cref="RoleOf"/>, and whether the two are one story: true for a copy exact or syndicated by its counts (whatever
    /// role <see cref="SyndicatedOrEdited"/> then gives it), else (when
    /// <paramref name="judgeStory"/>; false otherwise) <see cref="IsSameStory(StorySide, StorySide)"/> of
    /// (<paramref name="copy"/>, <paramref name="source"/>). A query needs both; the pair's shared fingerprints are
    /// then merged once for the two orientations (<see cref="PairEvidence.MeasureBoth"/>), with the same results, or
    /// not at all when <paramref name="merged"/> holds that merge (source first; a query's score took it). Without
    /// <paramref name="judgeStory"/>, <paramref name="measured"/>, when given, is the pair's <see cref="Measure(StorySide, StorySide, SharedIndexPairs?)"/>
    /// (source first), taken already. Texts dated apart as a series' items (<paramref name="seriesApart"/>,
    /// <see cref="FactRules.SeriesApart"/>) keep the role the other pairs get, but are judged one story or not however
    /// much they share, as the clusterer judges them (without positions, an index of format 2, a verified link is a
    /// copy there and here).
    /// </summary>
    public (CopyRole Role, bool SameStory) RoleAndStory(StorySide source, StorySide copy, bool sameContent, Verifier.Score score, Verifier verifier,
        NearDupOptions options, bool judgeStory, SharedIndexPairs? merged = null, PairEvidence? measured = null, bool seriesApart = false)
    {
        CopyRole? byCounts = sameContent ? CopyRole.Exact : IsSyndicatedByScore(score, verifier, options) ? CopyRole.Syndicated : null;
        bool positions = source.HasPositions && copy.HasPositions;
        if (byCounts is { } exactOrSyndicated && (!seriesApart || !judgeStory))
        {
            // Only a syndicated copy that may have left part of the source out needs its positions read (and only
            // unsampled positions tell: PairEvidence.InteriorA).
            bool whole = exactOrSyndicated is CopyRole.Exact || !positions || _maxStep != 1 || SharesNearlyAll(score);
            return (whole ? exactOrSyndicated : SyndicatedOrEdited(source, copy, measured ?? Measure(source, copy, merged), score), !seriesApart);
        }
        if (!positions)
        {
            return (byCounts ?? (score.SizeB <= options.ExcerptLengthRatio * score.SizeA ? CopyRole.Excerpt : CopyRole.Rewritten), judgeStory);
        }
        var (forward, backward) = judgeStory ? MeasureBoth(source, copy, merged) : (measured ?? Measure(source, copy, merged), default);
        // A copy syndicated for its misreads alone is still judged: a fill-in template's other names and figures
        // break its 5-grams a word at a time as misreads do.
        var role = byCounts is CopyRole.Syndicated ? SyndicatedOrEdited(source, copy, forward, score) : byCounts
            ?? (forward.BridgedA >= options.SyndicatedContainment * 1000 ? CopyRole.Syndicated : PassagesOrRewritten(source, copy, forward));
        return (role, judgeStory && _rules.IsSameStory(copy, source, backward));
    }

    /// <summary>
    /// The role of a copy syndicated by its counts (<paramref name="forward"/> and <paramref name="score"/> have the
    /// source first): syndicated when it shares nearly all the source's shingles (<see cref="SharesNearlyAll"/>) or
    /// carries the source whole in order (<see cref="StoryRules.CarriesWhole"/>), else an excerpt or a rewrite as its
    /// passages tell (<see cref="PassagesOrRewritten"/>).
    /// </summary>
    private CopyRole SyndicatedOrEdited(StorySide source, StorySide copy, in PairEvidence forward, Verifier.Score score) =>
        SharesNearlyAll(score) || StoryRules.CarriesWhole(forward) ? CopyRole.Syndicated : PassagesOrRewritten(source, copy, forward);

    /// <summary>
    /// Whether the copy shares <see cref="StoryRules.SyndicatedInterior"/> of the source's shingles (<paramref name="score"/>
    /// has the source first): it leaves nothing of the source out, whatever a site inserts around or inside it.
    /// </summary>
    private static bool SharesNearlyAll(Verifier.Score score) => score.Shared >= StoryRules.SyndicatedInterior * score.SizeA;

    /// <summary>
    /// An excerpt where verbatim (or misread) passages hold what the copy shares, else a rewrite; a rewrite too where
    /// verbatim passages are shared but the copy reports the source's facts and few of its own
    /// (<see cref="StoryRules.ReportsSameFacts"/>): another outlet's rewrite keeps the story's quotes verbatim and words
    /// the rest anew, where an excerpt leaves out the facts of the paragraphs it does not quote.
    /// </summary>
    private CopyRole PassagesOrRewritten(StorySide source, StorySide copy, in PairEvidence forward) =>
        (StoryRules.IsQuotedPassages(forward) && !_rules.ReportsSameFacts(source, copy)) || StoryRules.IsMisreadPassages(forward)
            ? CopyRole.Excerpt : CopyRole.Rewritten;

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
    public bool SharesPassage(StorySide a, StorySide b, int shingles) => PassageEvidence(a, b, shingles) is not null;

    /// <summary>
    /// The pair's evidence (<see cref="Measure(StorySide, StorySide, SharedIndexPairs?)"/>) when <paramref name="a"/> and
    /// <paramref name="b"/> share a passage (<see cref="SharesPassage(int, int, int)"/>), else null: a query reads the
    /// role of such a link from the same evidence. <paramref name="merged"/>, when given, holds the merge of the pair's
    /// fingerprints (<paramref name="a"/> first).
    /// </summary>
    public PairEvidence? PassageEvidence(StorySide a, StorySide b, int shingles, SharedIndexPairs? merged = null)
    {
        if (!a.HasPositions || !b.HasPositions)
        {
            return null;
        }
        var evidence = Measure(a, b, merged);
        return evidence.Densest >= shingles ? evidence : null;
    }

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
