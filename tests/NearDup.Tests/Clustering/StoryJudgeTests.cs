using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The weak-link rule on texts made here: each shape of copy joins its story, and a follow-up that reuses one
/// background paragraph (which the count rule alone called a copy) stays apart with a reuse link.
/// </summary>
public sealed class StoryJudgeTests
{
    internal static string[] Words(int seed, int count)
    {
        var random = new Random(seed);
        // Letters only, in lower case: plain words, none of them a figure or a name (see FactHashes).
        return [.. Enumerable.Range(0, count).Select(_ => Letters(random.Next(0, 50_000)))];
    }

    private static string Letters(int n)
    {
        var word = new System.Text.StringBuilder("w");
        for (; n > 0; n /= 26)
        {
            word.Append((char)('a' + n % 26));
        }
        return word.ToString();
    }

    private static ClusteringResult Cluster(params (string Id, string[] Words)[] docs)
    {
        using var detector = new DuplicateDetector();
        foreach (var (id, words) in docs)
        {
            detector.Add(id, string.Join(' ', words));
        }
        return detector.Cluster(includePairs: true);
    }

    private static string ClusterOf(ClusteringResult result, string id) => result.Clusters.Single(c => c.Members.Any(m => m.Id == id)).Id;

    [Fact]
    public void Cluster_FollowUpReusingOneBackgroundParagraph_StaysApartWithAReuseLink()
    {
        var story = Words(1, 400);
        string[] followUp = [.. Words(2, 400), .. story.AsSpan(300, 60)];
        var result = Cluster(("story", story), ("follow-up", followUp));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "follow-up"));
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(PairRelation.Reuse, pair.Relation);
        Assert.Equal(56, pair.SharedShingles);
    }

    [Fact]
    public void Cluster_SpunCopyWithEveryNinthWordReplaced_JoinsItsStory()
    {
        var story = Words(3, 600);
        var spun = (string[])story.Clone();
        var replacements = Words(4, 600);
        for (int i = 4; i < spun.Length; i += 9)
        {
            spun[i] = replacements[i];
        }
        var result = Cluster(("story", story), ("spun", spun));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "spun"));
        Assert.Equal(PairRelation.Copy, Assert.Single(result.Pairs).Relation);
    }

    [Fact]
    public void Cluster_ExcerptQuotingAPassageInsideItsOwnText_JoinsItsStory()
    {
        var story = Words(5, 900);
        string[] excerpt = [.. Words(6, 100), .. story.AsSpan(200, 200), .. Words(7, 60)];
        var result = Cluster(("story", story), ("excerpt", excerpt));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "excerpt"));
        var member = result.Clusters.SelectMany(c => c.Members).Single(m => m.Id == "excerpt");
        Assert.Equal(CopyRole.Excerpt, member.Role);
    }

    [Fact]
    public void Cluster_UpdateKeepingMostOfTheEarlierVersion_JoinsItsStory()
    {
        var story = Words(8, 300);
        string[] update = [.. story.AsSpan(0, 250), .. Words(9, 200)];
        var result = Cluster(("story", story), ("update", update));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "update"));
    }

    [Fact]
    public void Cluster_SummaryRewordedFromPartOfALongerSource_JoinsItsSource()
    {
        // Ten words of the source's second quarter, then six of its own, fifteen times: runs of six shingles all
        // through the summary (none a passage), a third of it, from four tenths of the source.
        var source = Words(40, 1000);
        var own = Words(41, 90);
        var summary = new List<string>();
        for (int k = 0; k < 15; k++)
        {
            summary.AddRange(source.AsSpan(100 + 20 * k, 10));
            summary.AddRange(own.AsSpan(6 * k, 6));
        }
        var result = Cluster(("source", source), ("summary", [.. summary]));
        Assert.Equal(ClusterOf(result, "source"), ClusterOf(result, "summary"));
    }

    [Fact]
    public void Cluster_VerbatimPassagesFromBelowASourcesOpening_StayApart()
    {
        // The summary's pattern, but fourteen words at a time (passages) from the source's second half: a follow-up
        // reusing background paragraphs, which the condensed-rewrite rule leaves to the excerpt rules.
        var source = Words(42, 1000);
        var own = Words(43, 56);
        var quoting = new List<string>();
        for (int k = 0; k < 7; k++)
        {
            quoting.AddRange(source.AsSpan(500 + 50 * k, 14));
            quoting.AddRange(own.AsSpan(8 * k, 8));
        }
        var result = Cluster(("source", source), ("quoting", [.. quoting]));
        Assert.NotEqual(ClusterOf(result, "source"), ClusterOf(result, "quoting"));
    }

    [Theory]
    [InlineData(600, true)]
    [InlineData(90, false)]
    public void Cluster_SpunCopyChangingThreeOfSixFigures_JoinsOnlyWhenTheTextIsLongForThem(int length, bool joins)
    {
        // Six figures spread through the story, three of them changed in the copy, every ninth word replaced. In a
        // long text three changed figures are a paraphrase's slips; in a short one they are a template's fill-ins.
        var story = Words(44 + length, length);
        var copy = (string[])story.Clone();
        var replacements = Words(45, length);
        for (int i = 4; i < copy.Length; i += 9)
        {
            copy[i] = replacements[i];
        }
        for (int f = 0; f < 6; f++)
        {
            int at = (2 * f + 1) * length / 12 + 1;
            story[at] = (1000 + f).ToString(System.Globalization.CultureInfo.InvariantCulture);
            copy[at] = (f < 3 ? 1000 + f : 2000 + f).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var result = Cluster(("story", story), ("copy", copy));
        Assert.Equal(joins, ClusterOf(result, "story") == ClusterOf(result, "copy"));
    }

    [Fact]
    public void Cluster_LongReportQuotingAStoryBelowItsLeadParagraphs_LinksWithoutMerging()
    {
        // A night's long report carries a shorter story's quote 250 words in: within its first tenth, but past
        // its lead paragraphs (QuoterOpening), so the quote is reuse, where the story quotes it a fifth of the way in.
        var story = Words(46, 350);
        string[] report = [.. Words(47, 250), .. story.AsSpan(70, 100), .. Words(48, 2650)];
        var result = Cluster(("story", story), ("report", report));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "report"));
        Assert.Equal(PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
    }

    [Fact]
    public void Measure_ChainStartingAfterAnEntryOffIt_KeepsTheChainInOrder()
    {
        // Sorted by position in A: (0, 5), (1, 1), (2, 2). The longest chain rising in B is (1, 1), (2, 2): one run.
        uint[] fingerprints = [10, 20, 30];
        ushort[] positionsA = [0, 1, 2];
        ushort[] positionsB = [5, 1, 2];
        var evidence = PairEvidence.Measure(fingerprints, positionsA, 10, 0, fingerprints, positionsB, 10, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 2);
        Assert.Equal(new PairEvidence(Shared: 3, Ordered: 2, Runs: 1, Passages: 1, SpreadA: 2, SpreadB: 2,
            Longest: 2, LongestStartA: 1, LongestStartB: 1, FirstPassageA: 1, FirstPassageB: 1, InPassages: 2, Densest: 2, BridgedA: 200, BridgedB: 200,
            InteriorA: 1000, InteriorB: 1000), evidence);
    }

    [Fact]
    public void Measure_ReversedOrder_HasAChainOfOne()
    {
        uint[] fingerprints = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        ushort[] forward = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        ushort[] backward = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
        var evidence = PairEvidence.Measure(fingerprints, forward, 10, 0, fingerprints, backward, 10, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal(new PairEvidence(Shared: 10, Ordered: 1, Runs: 1, Passages: 0, SpreadA: 1, SpreadB: 1,
            Longest: 1, LongestStartA: 9, LongestStartB: 0, FirstPassageA: -1, FirstPassageB: -1, Densest: 1, BridgedA: 100, BridgedB: 100,
            InteriorA: 1000, InteriorB: 1000), evidence);
    }

    [Fact]
    public void Measure_IdenticalSequences_AreOnePassageOverEveryTenth()
    {
        var fingerprints = Enumerable.Range(1, 100).Select(i => (uint)i).ToArray();
        var positions = Enumerable.Range(0, 100).Select(i => (ushort)i).ToArray();
        var evidence = PairEvidence.Measure(fingerprints, positions, 100, 0, fingerprints, positions, 100, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal(new PairEvidence(Shared: 100, Ordered: 100, Runs: 1, Passages: 1, SpreadA: 10, SpreadB: 10,
            Longest: 100, LongestStartA: 0, LongestStartB: 0, FirstPassageA: 0, FirstPassageB: 0, InPassages: 100, OpeningRun: 100, Densest: 100, BridgedA: 1000, BridgedB: 1000,
            InteriorA: 1000, InteriorB: 1000), evidence);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 0)]
    public void Measure_OpeningRun_IsTheFirstRunOnlyWhereBothTextsStartTogether(int firstB, int openingRun)
    {
        // Five shingles from the start of A, then a word changed, then five more: the opening run is the first five
        // when B starts with them too, none when B's copy of them starts one shingle in (another first word).
        uint[] fingerprints = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        ushort[] positionsA = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11];
        ushort[] positionsB = [.. positionsA.Select(p => (ushort)(p + firstB))];
        var evidence = PairEvidence.Measure(fingerprints, positionsA, 12, 0, fingerprints, positionsB, 13, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal(openingRun, evidence.OpeningRun);
        Assert.Equal(2, evidence.Runs);
    }

    [Fact]
    public void Measure_BlockWithShinglesDroppedOnOneDiagonal_IsOneBlockOfSeveralRuns()
    {
        // Every third shingle of a 60-shingle quote is missing (boilerplate or not sampled); B holds it 40 later.
        ushort[] positionsA = [.. Enumerable.Range(0, 60).Where(i => i % 3 != 2).Select(i => (ushort)(i + 10))];
        ushort[] positionsB = [.. positionsA.Select(p => (ushort)(p + 40))];
        uint[] fingerprints = [.. Enumerable.Range(1, positionsA.Length).Select(i => (uint)i)];
        var evidence = PairEvidence.Measure(fingerprints, positionsA, 200, 0, fingerprints, positionsB, 200, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal(20, evidence.Runs);
        Assert.Equal(0, evidence.Passages);
        Assert.Equal(40, evidence.Longest);
        Assert.Equal((10, 50), (evidence.LongestStartA, evidence.LongestStartB));
    }

    [Fact]
    public void Measure_BlockBrokenByAGapWiderThanTheBlockGap_IsTwoBlocks()
    {
        ushort[] positionsA = [.. Enumerable.Range(0, 30).Select(i => (ushort)i), .. Enumerable.Range(30 + PairEvidence.BlockGap, 20).Select(i => (ushort)i)];
        uint[] fingerprints = [.. Enumerable.Range(1, positionsA.Length).Select(i => (uint)i)];
        var evidence = PairEvidence.Measure(fingerprints, positionsA, 100, 0, fingerprints, positionsA, 100, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal(30, evidence.Longest);
        Assert.Equal(2, evidence.Passages);
        Assert.Equal((0, 0), (evidence.FirstPassageA, evidence.FirstPassageB));
    }

    [Fact]
    public void Cluster_PostQuotingTheStorysOpeningAtMostOfItsLength_JoinsItsStory()
    {
        // The post is 0.8 of the story's length, past the excerpt rule's length ratio: the quoted opening block decides.
        var story = Words(10, 700);
        string[] post = [.. Words(11, 80), .. story.AsSpan(20, 150), .. Words(12, 330)];
        var result = Cluster(("story", story), ("post", post));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "post"));
        Assert.Equal(PairRelation.Copy, Assert.Single(result.Pairs).Relation);
        Assert.Equal(CopyRole.Excerpt, result.Clusters.SelectMany(c => c.Members).Single(m => m.Id == "post").Role);
    }

    [Fact]
    public void Cluster_SameBlockFromTheLowerHalfOfBoth_StaysApartWithAReuseLink()
    {
        // The same 150 words, but reused background: it sits in the lower half of both texts.
        var story = Words(13, 700);
        string[] followUp = [.. Words(14, 400), .. story.AsSpan(450, 150), .. Words(15, 50)];
        var result = Cluster(("story", story), ("follow-up", followUp));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "follow-up"));
        Assert.Equal(PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
    }

    [Fact]
    public void Cluster_SeveralPassagesStartingLowInTheShorterText_StayApartWithAReuseLink()
    {
        // Passages of the story's opening, but placed after the shorter text's own opening third: a follow-up's shape.
        var story = Words(16, 900);
        string[] followUp = [.. Words(17, 150), .. story.AsSpan(0, 40), .. Words(18, 20), .. story.AsSpan(100, 40), .. Words(19, 60)];
        var result = Cluster(("story", story), ("follow-up", followUp));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "follow-up"));
    }

    [Fact]
    public void Cluster_LightEditChangingAPhraseInEverySentence_JoinsItsStory()
    {
        // Six words of every 22 replaced: about half the 5-grams kept, in runs of a dozen, all through both texts.
        var story = Words(20, 660);
        var edited = (string[])story.Clone();
        var replacements = Words(21, 660);
        for (int i = 0; i < edited.Length; i++)
        {
            edited[i] = i % 22 is >= 10 and < 16 ? replacements[i] : edited[i];
        }
        var result = Cluster(("story", story), ("edited", edited));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "edited"));
        Assert.Equal(PairRelation.Copy, Assert.Single(result.Pairs).Relation);
    }

    [Fact]
    public void Cluster_ShortSpunCopy_IsRewrittenNotExcerpt()
    {
        // Every other 20-word stretch of the story, every sixth word replaced: half its length, past the excerpt
        // length ratio, but reworded all through.
        var story = Words(22, 800);
        var spun = story.Where((_, i) => i / 20 % 2 == 0).ToArray();
        var replacements = Words(23, 400);
        for (int i = 3; i < spun.Length; i += 6)
        {
            spun[i] = replacements[i];
        }
        var result = Cluster(("story", story), ("spun", spun));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "spun"));
        // Half the story is gone: a cut-down copy, whose source stays canonical although it has more outside.
        Assert.Equal("story", result.Clusters.Single(c => c.Members.Count == 2).Canonical);
        Assert.Equal(CopyRole.Rewritten, result.Clusters.SelectMany(c => c.Members).Single(m => m.Id == "spun").Role);
    }

    /// <summary>
    /// A notice: the frame's words with a fact (a name, then a figure, in turn) after every seventh word, the facts
    /// numbered from <paramref name="firstFact"/>; every eleventh frame word swapped when <paramref name="edited"/>.
    /// </summary>
    internal static string Notice(string[] frame, int firstFact, bool edited = false)
    {
        var words = new List<string>();
        for (int i = 0; i < frame.Length; i++)
        {
            words.Add(edited && i % 11 == 5 ? "edit" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : frame[i]);
            if (i % 7 == 6)
            {
                words.Add(Fact(firstFact + i / 7));
            }
        }
        return string.Join(' ', words);
    }

    internal static ClusteringResult ClusterTexts(params (string Id, string Text, DateTimeOffset? Date)[] docs)
    {
        using var detector = new DuplicateDetector();
        foreach (var (id, text, date) in docs)
        {
            detector.Add(id, text, date);
        }
        return detector.Cluster(includePairs: true);
    }

    [Fact]
    public void Cluster_FillInNoticesWithOtherFacts_StayApart_WhileAnEditKeepingTheFactsJoins()
    {
        // The same 280 words around other names and figures (a notice for another company), against the same
        // notice lightly edited: the words agree as much in both pairs, the facts only in the second.
        var frame = Words(50, 280);
        var result = ClusterTexts(("notice", Notice(frame, 0), null), ("other-company", Notice(frame, 1000), null),
            ("edited", Notice(frame, 0, edited: true), null));
        Assert.Equal(ClusterOf(result, "notice"), ClusterOf(result, "edited"));
        Assert.NotEqual(ClusterOf(result, "notice"), ClusterOf(result, "other-company"));
        Assert.Contains(result.Pairs, p => p.Relation == PairRelation.Reuse && p.First == "notice" && p.Second == "other-company");
    }

    [Fact]
    public void Cluster_FormRefilledWithAThirdOfItsFactsChanged_StaysApart_WhereASpunCopyKeepingThemJoins()
    {
        // A 150-word notice with a fact after every fourth word; both others swap every ninth word (a rewrite's shape,
        // broken all through). The refilled form also changes 10 of its 30 facts: 0.67 agree, but 10 missing facts in
        // 150 shingles are more than a paraphrase changes (RewriteMaxFactChanges); the spun copy keeps them all.
        var frame = Words(80, 120);
        var swapped = frame.Select((w, i) => i % 9 == 4 ? "swap" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : w).ToArray();
        int[] facts = [.. Enumerable.Range(0, 30)];
        int[] refilled = [.. facts.Select(f => f % 3 == 1 ? 1000 + f : f)];
        string notice = string.Join(' ', WithFacts(frame, 4, facts));
        // Apart, since the spun copy and the refilled form share nearly all their words.
        var spun = ClusterTexts(("notice", notice, null), ("spun", string.Join(' ', WithFacts(swapped, 4, facts)), null));
        var form = ClusterTexts(("notice", notice, null), ("refilled", string.Join(' ', WithFacts(swapped, 4, refilled)), null));
        Assert.Equal(ClusterOf(spun, "notice"), ClusterOf(spun, "spun"));
        Assert.NotEqual(ClusterOf(form, "notice"), ClusterOf(form, "refilled"));
        Assert.Equal(PairRelation.Reuse, Assert.Single(form.Pairs).Relation);
    }

    /// <summary>Words with the facts <paramref name="facts"/> after every <paramref name="every"/>th word, in turn, then again.</summary>
    internal static List<string> WithFacts(string[] words, int every, params int[] facts)
    {
        var result = new List<string>();
        for (int i = 0; i < words.Length; i++)
        {
            result.Add(words[i]);
            if (i % every == every - 1)
            {
                result.Add(Fact(facts[i / every % facts.Length]));
            }
        }
        return result;
    }

    internal static string Fact(int n) => n % 2 == 0 ? "Kor" + (char)('a' + n % 26) + (char)('a' + n / 26 % 26) + "ville" : (n * 37).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Cluster_UpdateRetoppedWithEveryFactOfTheStory_Joins_WhereAFollowUpWithNewFactsDoesNot()
    {
        // The story's last 160 words under a new 250-word top: the update's top restates the story's 40 facts, the
        // follow-up's brings 40 new ones. The words alone are the same shape in both (a block low in each text).
        var story = WithFacts(Words(60, 400), 10, [.. Enumerable.Range(0, 40)]);
        var body = story.Skip(story.Count - 176);
        var update = WithFacts(Words(61, 250), 6, [.. Enumerable.Range(0, 40)]).Concat(body);
        var followUp = WithFacts(Words(62, 250), 6, [.. Enumerable.Range(1000, 40)]).Concat(body);
        var result = ClusterTexts(("story", string.Join(' ', story), null), ("update", string.Join(' ', update), null),
            ("follow-up", string.Join(' ', followUp), null));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "update"));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "follow-up"));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Cluster_DigestQuotingMoreThanHalfOfAStory_StaysApart_WhereAFullerVersionWithTheStorysFactsJoins(bool storysFacts, bool same)
    {
        // A 330-word story's words 100 to 280 (over half of it, so not a passage of the story by its share) a quarter
        // of the way into a text of 1,080 words. Around the quote, a digest reports other stories (their own names
        // and figures, one every fifth word); a fuller version of the story restates the story's facts instead.
        int[] facts = [.. Enumerable.Range(0, 30)];
        var story = WithFacts(Words(70, 300), 10, facts);
        var quote = story.Skip(100).Take(180);
        int[] before = storysFacts ? facts : [.. Enumerable.Range(500, 40)];
        int[] after = storysFacts ? facts : [.. Enumerable.Range(600, 140)];
        var other = WithFacts(Words(71, 200), 5, before).Concat(quote).Concat(WithFacts(Words(72, 560), 5, after));
        var result = ClusterTexts(("story", string.Join(' ', story), null), ("other", string.Join(' ', other), null));
        Assert.Equal(same, ClusterOf(result, "story") == ClusterOf(result, "other"));
        Assert.Equal(same ? PairRelation.Copy : PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
    }

    [Theory]
    [InlineData(210, false, false)] // seven tenths of the story inside other stories' reporting: a quoted passage
    [InlineData(280, false, true)] // nearly all of it: the story republished in a longer page
    [InlineData(210, true, true)] // seven tenths amid the story's own facts: a fuller version
    public void Cluster_LongTextCarryingMostOfAStory_IsAQuoteUnlessItCarriesTheWholeStoryOrItsFacts(int quoteWords, bool storysFacts, bool same)
    {
        // A 300-word story's middle, from a third of the way into a text four times its length. Kept in order past
        // six tenths of the shorter text makes a copy whatever its shape, except where the longer text reports other
        // things around a passage it quotes (StoryRules.WholeStoryKept).
        int[] facts = [.. Enumerable.Range(0, 30)];
        var story = WithFacts(Words(73, 300), 10, facts);
        var quote = story.Skip((300 - quoteWords) / 2).Take(quoteWords);
        int[] before = storysFacts ? facts : [.. Enumerable.Range(500, 80)];
        int[] after = storysFacts ? facts : [.. Enumerable.Range(600, 160)];
        var other = WithFacts(Words(74, 400), 5, before).Concat(quote).Concat(WithFacts(Words(75, 800), 5, after));
        var result = ClusterTexts(("story", string.Join(' ', story), null), ("other", string.Join(' ', other), null));
        Assert.Equal(same, ClusterOf(result, "story") == ClusterOf(result, "other"));
        Assert.Equal(same ? PairRelation.Copy : PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Cluster_UpdateRestatingOnlyFigures_JoinsWhenTheyAreATablesNotAFewInProse(bool dense, bool same)
    {
        // The update test's shape with no names at all (a text in lower case, or one naming nothing): the new top
        // restates every figure of the story. Eight figures in 400 words (a year, a sum) agree between a story and its
        // follow-up as well; a table's figures, one every third word, are evidence by themselves.
        int every = dense ? 3 : 50;
        int[] figures = [.. Enumerable.Range(0, dense ? 140 : 8).Select(i => 2 * i + 1)];
        var story = WithFacts(Words(63, 400), every, figures);
        var body = story.Skip(story.Count - 176);
        var update = WithFacts(Words(64, 250), Math.Max(1, 250 * every / 400), figures).Concat(body);
        var result = ClusterTexts(("story", string.Join(' ', story), null), ("update", string.Join(' ', update), null));
        Assert.Equal(same, ClusterOf(result, "story") == ClusterOf(result, "update"));
        Assert.Single(result.Pairs);
    }

    [Fact]
    public void Cluster_PagesWrappedInOneSitesTemplate_FollowUpStaysApart_WhileTheUpdateJoins()
    {
        // Every page carries the site's header and footer with 40 names and figures of their own, which would confirm
        // any two of its pages (FactsConfirm: 40 of 43 agree) if counted. Twenty other pages make the template common.
        var header = WithFacts(Words(80, 140), 7, [.. Enumerable.Range(5000, 20)]);
        var footer = WithFacts(Words(81, 140), 7, [.. Enumerable.Range(6000, 20)]);
        string Page(IEnumerable<string> body) => string.Join(' ', header.Concat(body).Concat(footer));
        // The story's three figures are in its first half; both later texts carry its second half under a new top,
        // the update restating the figures, the follow-up reporting three others.
        var story = WithFacts(Words(82, 150), 40, 1, 3, 5).Concat(Words(87, 150)).ToList();
        var update = Words(83, 200).Concat(WithFacts(Words(84, 40), 10, 1, 3, 5)).Concat(story.Skip(153));
        var followUp = Words(85, 200).Concat(WithFacts(Words(86, 40), 10, 7, 9, 11)).Concat(story.Skip(153));
        var docs = new List<(string, string, DateTimeOffset?)>
        {
            ("story", Page(story), null), ("update", Page(update), null), ("follow-up", Page(followUp), null),
        };
        docs.AddRange(Enumerable.Range(0, 20).Select(i => ($"other-{i}", Page(Words(200 + i, 300)), (DateTimeOffset?)null)));
        var result = ClusterTexts([.. docs]);
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "update"));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "follow-up"));
        Assert.Contains(result.Pairs, p => p.Relation == PairRelation.Reuse && new[] { p.First, p.Second }.Contains("follow-up"));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, false)]
    public void Cluster_ShortItemResentWithItsFactsButOne_Joins_WhereOneWithThreeNewFactsDoesNot(int newFacts, bool same)
    {
        // A short results item (10 facts) and a re-sent version: a new 120-word top, then the item's second half.
        // The top restates facts of the item and brings new ones: all but one fact the item's is a re-send (a
        // figure rounded), three new ones a different report. Only the facts tell: the words are one block low in both.
        var item = WithFacts(Words(80, 100), 10, [.. Enumerable.Range(0, 10)]);
        var body = item.Skip(item.Count - 55);
        int[] topFacts = [.. Enumerable.Range(0, 5 - newFacts), .. Enumerable.Range(1000, newFacts)];
        var resent = WithFacts(Words(81, 120), 24, topFacts).Concat(body);
        var result = ClusterTexts(("item", string.Join(' ', item), null), ("resent", string.Join(' ', resent), null));
        Assert.Equal(same, ClusterOf(result, "item") == ClusterOf(result, "resent"));
        Assert.Single(result.Pairs);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(7, false)]
    public void Cluster_SeriesItemKeepingSevenTenthsOfItsFacts_IsTheSameStoryOnlyWithinADay(int daysApart, bool same)
    {
        // Forty facts, 28 of them the same: enough for two versions of one report, not for the next item of a series.
        var frame = Words(51, 280);
        var day = new DateTimeOffset(1987, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("first", Notice(frame, 0), day), ("next", Notice(frame, 12), day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "first") == ClusterOf(result, "next"));
    }

    [Fact]
    public void Measure_PassageOfATextOver65536Shingles_IsOneRunInItsCoarserUnit()
    {
        // A book of 140,000 shingles stores positions in units of 4 shingles; a 1,000-shingle post quotes 1,000
        // shingles of it from shingle 100,000 on. Measured in one unit, the quote is one passage, not 1,000 breaks.
        uint[] fingerprints = [.. Enumerable.Range(0, 1000).Select(i => (uint)(7 * i + 1))];
        ushort[] inBook = [.. Enumerable.Range(0, 1000).Select(i => (ushort)((100_000 + i) >> 2))];
        ushort[] inPost = [.. Enumerable.Range(0, 1000).Select(i => (ushort)i)];
        Assert.Equal(2, Sketcher.PositionShift(140_000));
        var evidence = PairEvidence.Measure(fingerprints, inBook, 140_000, 2, fingerprints, inPost, 1000, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal((1000, 1, 1, 1000), (evidence.Ordered, evidence.Runs, evidence.Passages, evidence.InPassages));
        Assert.Equal((25_000, 0, 2), (evidence.FirstPassageA, evidence.FirstPassageB, evidence.PositionShift));
        Assert.Equal((1, 10), (evidence.SpreadA, evidence.SpreadB));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(7, false)]
    public void Cluster_SeriesItemWithTheSameWordsAndOtherFigures_IsSyndicatedWithinADay_TheNextItemAWeekApart(int daysApart, bool same)
    {
        // 400 words with a figure after every 40th: nine in ten 5-grams shared, as strong as a syndicated copy's,
        // but every figure new, as in the next week's report of a series.
        var frame = Words(55, 400);
        var day = new DateTimeOffset(1987, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var first = string.Join(' ', WithFacts(frame, 40, [.. Enumerable.Range(0, 10).Select(i => 2 * i + 1)]));
        var next = string.Join(' ', WithFacts(frame, 40, [.. Enumerable.Range(50, 10).Select(i => 2 * i + 1)]));
        var result = ClusterTexts(("first", first, day), ("next", next, day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "first") == ClusterOf(result, "next"));
        var pair = Assert.Single(result.Pairs);
        Assert.True(pair.Jaccard >= 0.5 && pair.Containment >= 0.8, $"J={pair.Jaccard} C={pair.Containment}: not as strong as a syndicated copy");
    }

    [Theory]
    [InlineData(false, 0, true)]
    [InlineData(true, 0, false)]
    [InlineData(false, 7, false)]
    public void Cluster_TableResentUnderItsHeadline_Joins_WhereTheNextSnapshotOrAWeekLaterDoesNot(bool otherHeadline, int daysApart, bool same)
    {
        // A results table: a six-word headline, fourteen lines of two words and a figure, a closing note. The re-sent
        // version drops two lines, corrects two figures and rewords the note: under half of it is kept in order, in
        // short runs, and only its headline and its figures say it is the same table. Another market's or hour's report
        // differs in its headline's first word; the same table a week later is the next item of a series.
        var words = Words(90, 34);
        var headline = words[..6];
        var item = new List<string>(headline);
        var resent = new List<string>(otherHeadline ? ["wother", .. headline[1..]] : headline);
        for (int line = 0; line < 14; line++)
        {
            string[] row = [words[6 + 2 * line], words[7 + 2 * line], Fact(line)];
            item.AddRange(row);
            if (line is not (4 or 10))
            {
                resent.AddRange(line is 2 or 8 ? [.. row[..2], Fact(500 + line)] : row);
            }
        }
        item.AddRange(Words(91, 10));
        resent.AddRange(Words(92, 10));
        var day = new DateTimeOffset(1987, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("item", string.Join(' ', item), day), ("resent", string.Join(' ', resent), day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "item") == ClusterOf(result, "resent"));
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(2, 0, false)]
    [InlineData(2, 1, true)]
    [InlineData(2, 2, true)]
    [InlineData(2, 3, true)]
    public void Cluster_ItemWithTwoOfItsThreeFiguresSwapped_IsTheSeriesNextItemTwoDaysApart_NotACopyOrALongerVersion(
        int daysApart, int change, bool same)
    {
        // 300 words around 30 names and 3 figures, every fact once. The next item swaps two figures (change 0): 31 of
        // 33 facts agree, enough for a re-sent copy, but each text reports a figure the other lacks. A copy that adds
        // a figure (1) keeps every figure of the item. Two sites' copies (2), each under a dated header of its own,
        // report a figure the other lacks too, but do not open together. A version with the two figures changed and
        // 120 more words (3) is not one frame filled in again.
        var words = Words(70, 300);
        int[] names = [.. Enumerable.Range(0, 30).Select(i => 2 * i)];
        string body = string.Join(' ', WithFacts(words, 9, [.. names, 1, 3, 5]));
        string swapped = string.Join(' ', WithFacts(words, 9, [.. names, 1, 7, 9]));
        string first = change == 2 ? string.Join(' ', Words(73, 40)) + " " + Fact(7) + " " + body : body;
        string next = change switch
        {
            0 => swapped,
            1 => body + " " + Fact(7),
            2 => string.Join(' ', Words(71, 50)) + " " + Fact(9) + " " + body,
            _ => swapped + " " + string.Join(' ', Words(74, 120)),
        };
        var day = new DateTimeOffset(1987, 3, 13, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("item", first, day), ("next", next, day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "item") == ClusterOf(result, "next"));
    }

    [Theory]
    [InlineData(23, false)]
    [InlineData(200, true)]
    public void Cluster_TextQuotingAnothersOpening_JoinsAStory_NotAFormOfAFewWords(int sourceWords, bool same)
    {
        // The quoting text opens with its own word, then 14 of the source's opening words, then 8 of its own: 23 words,
        // 19 shingles, 10 of them shared in one block (0.53 kept). Against a 200-word story that is a post quoting its
        // lead; against a source of 23 words it is the same form filled in again (two companies' dividend notices).
        var source = Words(101, sourceWords);
        string[] quoting = ["alphaco", .. source[1..15], .. Words(1101, 8)];
        var result = ClusterTexts(("source", string.Join(' ', source), null), ("quoting", string.Join(' ', quoting), null));
        Assert.Equal(same, ClusterOf(result, "source") == ClusterOf(result, "quoting"));
        Assert.Equal(same ? PairRelation.Copy : PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(7, false)]
    public void Cluster_FlashRepeatedWithAnotherFigure_IsACorrectionTheSameDay_TheSeriesNextItemAWeekLater(int daysApart, bool same)
    {
        // Forty words around one figure, the figure changed: the words are a syndicated copy's, and one fact is all
        // that tells the next week's tender result from a corrected flash.
        var words = Words(66, 40);
        string Flash(int fact) => string.Join(' ', [.. words[..20], Fact(fact), .. words[20..]]);
        var day = new DateTimeOffset(1987, 3, 13, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("flash", Flash(1), day), ("next", Flash(3), day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "flash") == ClusterOf(result, "next"));
    }

    [Theory]
    [InlineData(false, 0, 0, true)]
    [InlineData(true, 0, 0, false)]
    [InlineData(false, 30, 0, false)]
    [InlineData(false, 0, 7, false)]
    public void Cluster_AnswerPastingTheStorysOpening_Joins_UnlessItOpensOnItsOwnBringsItsOwnFiguresOrComesAWeekLater(
        bool ownOpening, int ownFacts, int daysApart, bool same)
    {
        // An answer of 0.6 of the story's length pastes its opening and one later paragraph (50 words each) and goes on
        // in its own words: past the excerpt rule's length ratio, and with two blocks, not the lead-excerpt rule's one.
        // Opening with its own sentence first is a follow-up's shape; many figures of its own, a notice's or a table's.
        var story = WithFacts(Words(63, 500), 25, [.. Enumerable.Range(0, 20)]);
        var own = ownFacts == 0 ? [.. Words(64, 180)] : WithFacts(Words(64, 180), 180 / ownFacts, [.. Enumerable.Range(2000, ownFacts)]);
        IEnumerable<string> answer = [.. story.Take(50), .. own.Take(60), .. story.Skip(150).Take(50), .. own.Skip(60)];
        if (ownOpening)
        {
            answer = Words(65, 20).Concat(answer);
        }
        var day = new DateTimeOffset(2010, 5, 3, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("story", string.Join(' ', story), day), ("answer", string.Join(' ', answer), day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "story") == ClusterOf(result, "answer"));
        Assert.Single(result.Pairs);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3, true)]
    [InlineData(7, false)]
    public void Cluster_LeadBlockQuotedVerbatimWithOtherFacts_IsAnExcerptWithinDays_ASeriesFrameAWeekApart(int daysApart, bool same)
    {
        // The same 200-word opening, verbatim and free of facts, then 200 words of each text's own, with 50 facts of
        // its own: a post quoting a story's lead within days, or a weekly report's frame over new figures.
        var opening = Words(52, 200);
        var first = opening.Concat(WithFacts(Words(53, 200), 4, [.. Enumerable.Range(0, 50)]));
        var next = opening.Concat(WithFacts(Words(54, 200), 4, [.. Enumerable.Range(100, 50)]));
        var day = new DateTimeOffset(1987, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("first", string.Join(' ', first), day), ("next", string.Join(' ', next), day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "first") == ClusterOf(result, "next"));
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    [InlineData(true, true, false)]
    public void Cluster_HeavyRevisionWithFewFacts_JoinsItsSource_UnlessInLowerCaseOrFactRich(bool names, bool factRich, bool same)
    {
        // An answer keeps six 9-word phrases of a 300-word source, spread through it, between 9 to 70 words of its own
        // (not a rewrite in place, whose breaks skip as far in both): 30 shared shingles in six short runs, the shape
        // of a follow-up's shared names and titles. With two names in each
        // text (an essay's few), that is reworded text; in lower case no name shows, and every text looks fact-poor;
        // with 20 facts in each, 14 of them shared, the runs are what news stories on one event share.
        int[] sourceFacts = factRich ? [.. Enumerable.Range(0, 20)] : names ? [0, 2] : [];
        int[] answerFacts = factRich ? [.. Enumerable.Range(0, 14), .. Enumerable.Range(100, 6)] : sourceFacts;
        var result = ClusterHeavyRevision(sourceFacts, answerFacts);
        Assert.Equal(same, ClusterOf(result, "source") == ClusterOf(result, "answer"));
        Assert.Single(result.Pairs);
    }

    [Theory]
    [InlineData(false, true)] // four names each, one shared: an essay's terms, reworded
    [InlineData(true, false)] // twenty facts each, five shared: stories reporting other things
    public void Cluster_HeavyRevisionNamingOtherTermsThanItsSource_JoinsOnlyWhereBothHoldFewFacts(bool factRich, bool same)
    {
        // The revision above with most of its facts not the source's: where the two hold a handful of names in 300
        // words, their disagreeing is a paraphrase's choice of terms (StoryRules.IsFactPoor); where they hold twenty
        // facts each, it is other reporting, and the shared runs are what two stories on one topic share.
        int[] sourceFacts = factRich ? [.. Enumerable.Range(0, 20)] : [0, 2, 4, 6];
        int[] answerFacts = factRich ? [.. Enumerable.Range(0, 5), .. Enumerable.Range(100, 15)] : [0, 8, 10, 12];
        var result = ClusterHeavyRevision(sourceFacts, answerFacts);
        Assert.Equal(same, ClusterOf(result, "source") == ClusterOf(result, "answer"));
        Assert.Single(result.Pairs);
    }

    [Fact]
    public void Cluster_ReworkedPhrasesBesideATextOfManyFacts_AreNotAFactPoorRewriteForTheSamplesCut()
    {
        // Six 9-word phrases of a 300-word story with 12 facts (one in 26 words: news, not an essay), spread through a
        // text of 1,500 words and 300 facts of its own. Compared below the larger sample's cut-off, the story shows two
        // or three facts, an essay's few (StoryRules.IsFactPoor); counted whole, it reports other things.
        var words = Words(82, 300);
        var story = WithFacts(words, 25, [.. Enumerable.Range(0, 12)]);
        var other = new List<string>();
        for (int k = 0; k < 6; k++)
        {
            other.AddRange(words.Skip(50 * k).Take(9));
            other.AddRange(WithFacts(Words(83 + k, 200), 4, [.. Enumerable.Range(1000 + 50 * k, 50)]));
        }
        var result = ClusterTexts(("story", string.Join(' ', story), null), ("other", string.Join(' ', other), null));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "other"));
        Assert.Equal(PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Cluster_HeavyRevisionNamingNothing_JoinsAFactPoorSource_NotAFactRichOne(bool sourceFactRich, bool same)
    {
        // The answer above naming nothing (an answer about a method, not a person): beside a source that names two
        // things it is reworded text; beside one with 20 facts it is a text in lower case beside a story.
        var result = ClusterHeavyRevision(sourceFactRich ? [.. Enumerable.Range(0, 20)] : [0, 2], answerFacts: []);
        Assert.Equal(same, ClusterOf(result, "source") == ClusterOf(result, "answer"));
        Assert.Single(result.Pairs);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    public void Cluster_TableUnderTheSameHeadingWithOtherFigures_IsTheSeriesNextItemFromTwoDaysApart(int daysApart, bool same)
    {
        // A daily weather table: a 30-word heading, then twelve stations, each a name and two figures. The next day's
        // table keeps the heading and the stations and changes every figure: all the two share in order is the
        // heading, a verbatim block at the opening of both, which within a day reads as a post quoting a story's lead.
        var heading = Words(56, 30);
        string Table(int firstFigure) => string.Join(' ', heading.Concat(Enumerable.Range(0, 12)
            .SelectMany(station => new[] { Fact(2 * station), Fact(firstFigure + 4 * station), Fact(firstFigure + 4 * station + 2) })));
        var day = new DateTimeOffset(1987, 4, 7, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("day", Table(1), day), ("next", Table(201), day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "day") == ClusterOf(result, "next"));
        Assert.Single(result.Pairs);
    }

    [Theory]
    [InlineData(0, 3, true)]
    [InlineData(2, 3, false)]
    [InlineData(2, 4, false)]
    [InlineData(2, 6, false)]
    public void Cluster_TableUnderASixWordHeadlineWithSomeFiguresChanged_IsTheSeriesNextItemTwoDaysApart(int daysApart, int changed, bool same)
    {
        // A ship-loading table (Reuters-21578's r14360 / r15710): a headline of six words (two shingles), a count, a
        // sentence, then fourteen elevators, each a name and two figures. Two days later the count and `changed`
        // elevators' first figure differ: the opening the two share is the headline alone, and they keep 0.73, 0.66 or
        // 0.52 of their shingles in order, in runs broken at each new figure as a rewrite's are. The same day, it is
        // the table corrected.
        var headline = Words(57, 6);
        var sentence = Words(58, 12);
        string Table(int count, int firstNew) => string.Join(' ', headline.Append(Fact(count)).Concat(sentence).Concat(Enumerable.Range(0, 14)
            .SelectMany(e => new[] { Fact(2 * e), Fact(e % 2 == 1 && e / 2 < firstNew ? 601 + 2 * e : 301 + 2 * e), Fact(401 + 2 * e) })));
        var day = new DateTimeOffset(1987, 4, 7, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("day", Table(5, 0), day), ("next", Table(7, changed), day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "day") == ClusterOf(result, "next"));
        Assert.Single(result.Pairs);
    }

    [Theory]
    [InlineData(50, 4, false)]
    [InlineData(50, 2, false)]
    [InlineData(50, 1, true)]
    [InlineData(50, 0, true)]
    [InlineData(200, 4, true)]
    public void Cluster_FlashInTheSameWordsDaysLater_IsTheSeriesNextItem_WhereALongerStoryIsACopy(int words, int daysApart, bool same)
    {
        // Reuters-21578's "Fed adds reserves via customer repurchases" (r7207 / r8344, four days apart): 52 words, the
        // amount the same both times, one figure spelled "six" and then "6-3/16", so no figure stands in each text
        // against the other. Under FactRules.FlashShingles a text repeated two days on is a recurring event's next
        // occurrence; within a day, or a longer story, it is the text re-sent with a word changed.
        var text = Words(59, words);
        var next = (string[])text.Clone();
        next[words - 10] = Fact(3);
        var day = new DateTimeOffset(1987, 3, 19, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("day", string.Join(' ', text), day), ("next", string.Join(' ', next), day.AddDays(daysApart)));
        Assert.Equal(same, ClusterOf(result, "day") == ClusterOf(result, "next"));
        Assert.Single(result.Pairs);
    }

    [Theory]
    [InlineData(40, 15, false)]
    [InlineData(40, 2, false)]
    [InlineData(40, 1, true)]
    [InlineData(200, 15, true)]
    public void Cluster_IdenticalFlashDaysLater_IsTheSeriesNextItem_WhereAnIdenticalStoryIsAnExactCopy(int words, int daysApart, bool same)
    {
        // Reuters-21578's "Fed sets two billion dlr customer repurchase, Fed says" on 11 and 26 March (r3729 / r9972):
        // the same nine words report two operations. Identical texts are grouped before any link is judged, except
        // flashes dated FactRules.FactDays or more apart; their band keys make them candidates, and the judge links
        // them as reuse. A third copy three hours before the first joins it.
        string text = string.Join(' ', Words(60, words));
        var day = new DateTimeOffset(1987, 3, 11, 0, 0, 0, TimeSpan.Zero);
        var result = ClusterTexts(("day", text, day), ("again", text, day.AddHours(-3)), ("next", text, day.AddDays(daysApart)));
        Assert.Equal(ClusterOf(result, "day"), ClusterOf(result, "again"));
        Assert.Equal(same, ClusterOf(result, "day") == ClusterOf(result, "next"));
        if (!same)
        {
            Assert.Contains(result.Pairs, p => p.Relation == PairRelation.Reuse && (p.First == "next" || p.Second == "next"));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cluster_ParaphraseWithWedgedWords_LeavesTheStoryCanonical(bool paraphraseFirst)
    {
        // Every seventh word swapped and a filler word after every tenth: the paraphrase is the longer text, with
        // more distinct shingles, so only "least outside what the two share" names the story. Its id sorts first.
        var story = Words(40, 600);
        var fillers = Words(41, 100);
        var paraphrase = new List<string>();
        for (int i = 0; i < story.Length; i++)
        {
            paraphrase.Add(i % 7 == 3 ? fillers[i % 100] + "x" : story[i]);
            if (i % 10 == 9)
            {
                paraphrase.Add(fillers[i / 10]);
            }
        }
        (string, string[])[] docs = [("b-story", story), ("a-paraphrase", [.. paraphrase])];
        var result = Cluster(paraphraseFirst ? [docs[1], docs[0]] : docs);
        var pair = result.Clusters.Single(c => c.Members.Count == 2);
        Assert.Equal("b-story", pair.Canonical);
        Assert.Equal(CopyRole.Rewritten, pair.Members.Single(m => m.Id == "a-paraphrase").Role);
    }

    [Fact]
    public void Cluster_HeavyRewriteOfTheFirstSixTenths_JoinsItsStory()
    {
        // Every ten words, four are swapped for three others: runs of two shingles whose breaks skip 10 and 9
        // words. The reworded part covers six tenths of the story (the rest is new), under the spread rule's seven.
        var story = Words(30, 600);
        var replacements = Words(31, 2000);
        var spun = new List<string>();
        for (int i = 0, r = 0; i < 360; i += 10)
        {
            spun.AddRange(story.AsSpan(i, 6));
            spun.AddRange(replacements.AsSpan(r, 3));
            r += 3;
        }
        spun.AddRange(Words(32, 240));
        var result = Cluster(("story", story), ("spun", [.. spun]));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "spun"));
        // Of two comparable texts, each a rewrite of the other, the one with less outside what they share is canonical.
        Assert.Equal(CopyRole.Rewritten, result.Clusters.Single(c => c.Members.Count == 2).Members[1].Role);
    }

    [Fact]
    public void Cluster_SharedPhrasesAtUnrelatedPlaces_StayApart()
    {
        // Twelve seven-word phrases (names, titles) of the story, in its order, at offsets of their own in the other.
        var story = Words(33, 600);
        var random = new Random(34);
        var other = new List<string>();
        for (int p = 0; p < 12; p++)
        {
            other.AddRange(Words(35 + p, random.Next(5, 90)));
            other.AddRange(story.AsSpan(p * 50, 7));
        }
        var result = Cluster(("story", story), ("other", [.. other]));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "other"));
    }

    [Fact]
    public void Query_FollowUpAndLongExcerpt_AreJudgedAsTheClustersAre()
    {
        var story = Words(40, 700);
        using var detector = new DuplicateDetector();
        detector.Add("story", string.Join(' ', story));
        detector.Cluster();
        // A follow-up reusing a background block from the lower half: a reuse match, not a copy.
        string followUp = string.Join(' ', [.. Words(41, 400), .. story.AsSpan(450, 150), .. Words(42, 50)]);
        var reuse = Assert.Single(detector.Query(followUp));
        Assert.Equal(PairRelation.Reuse, reuse.Relation);
        // A post quoting the opening, 0.8 of the story's length: a copy, and an excerpt whatever its length.
        string post = string.Join(' ', [.. Words(43, 80), .. story.AsSpan(20, 150), .. Words(44, 330)]);
        var excerpt = Assert.Single(detector.Query(post));
        Assert.Equal((PairRelation.Copy, CopyRole.Excerpt), (excerpt.Relation, excerpt.Role));
    }

    [Fact]
    public void Measure_BreakOnOneDiagonal_IsAnEditOnlyWhenEveryShingleIsKept()
    {
        // Runs of 3 on one diagonal, 6 positions apart: a word swapped for one word at rate 1, a sampling gap otherwise.
        ushort[] positions = [.. Enumerable.Range(0, 10).SelectMany(r => Enumerable.Range(r * 6, 3)).Select(p => (ushort)p)];
        uint[] fingerprints = [.. Enumerable.Range(1, positions.Length).Select(i => (uint)i)];
        var kept = PairEvidence.Measure(fingerprints, positions, 60, 0, fingerprints, positions, 60, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal((10, 9, 9), (kept.Runs, kept.EditBreaks, kept.CoherentJumps));
        var sampled = PairEvidence.Measure(fingerprints, positions, 60, 0, fingerprints, positions, 60, 0, BoilerplateFilter.None, maxStep: 2, passageRun: 2);
        Assert.Equal((10, 0, 0), (sampled.Runs, sampled.EditBreaks, sampled.CoherentJumps));
    }

    [Fact]
    public void Cluster_LongDocumentQuotingAPassageAfterItsOpening_StaysApartWithAReuseLink()
    {
        // A compilation 3.3 times the story's length quotes a third of it at a fifth of its own length: reuse.
        var story = Words(50, 300);
        string[] compilation = [.. Words(51, 200), .. story.AsSpan(100, 100), .. Words(52, 700)];
        var result = Cluster(("story", story), ("compilation", compilation));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "compilation"));
        var pair = Assert.Single(result.Pairs);
        Assert.Equal((PairRelation.Reuse, 96), (pair.Relation, pair.SharedShingles));
    }

    [Theory]
    [InlineData(false, false, false)] // the compilation's names and figures its own: its first article, then the quote
    [InlineData(true, false, true)] // the longer text restating the short one's facts: its story, which the short one excerpts
    [InlineData(false, true, true)] // in lower case: figures alone, too few to say the longer text reports other things
    public void Cluster_CompilationQuotingAStoryAfterItsFirstArticle_StaysApart_WhereALongerTextWithTheStorysFactsJoins(bool storysFacts,
        bool lowerCase, bool same)
    {
        // A story of 120 words and 12 facts, quoted from its 20th to its 80th token about 150 words into a text of
        // 1,100: inside the opening a long report's lead paragraphs are given (15% of it, under QuoterOpening), past a
        // header's length (QuotedPassageRule.OwnReportingOpening). The other text's own facts are none of the story's.
        int[] facts = [.. Enumerable.Range(0, 12)];
        var story = WithFacts(Words(76, 120), 10, facts);
        var quote = story.Skip(20).Take(60);
        int[] before = storysFacts ? facts : [.. Enumerable.Range(500, 30)];
        int[] after = storysFacts ? facts : [.. Enumerable.Range(1000, 150)];
        var other = WithFacts(Words(77, 125), 5, before).Concat(quote).Concat(WithFacts(Words(78, 750), 5, after));
        string Text(IEnumerable<string> words) => lowerCase ? string.Join(' ', words).ToLowerInvariant() : string.Join(' ', words);
        var result = ClusterTexts(("story", Text(story), null), ("other", Text(other), null));
        Assert.Equal(same, ClusterOf(result, "story") == ClusterOf(result, "other"));
        Assert.Equal(same ? PairRelation.Copy : PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
    }

    [Theory]
    [InlineData(0, 700, true)] // the quote opens the larger text: the story, which a post excerpts
    [InlineData(300, 50, true)] // the larger only 1.5 times the smaller: a post, not a long document
    [InlineData(300, 700, false)]
    public void Cluster_StorysOpeningQuotedInsideAnotherText_IsAPassageOnlyAfterTheOpeningOfATextThreeTimesLonger(int before, int after, bool same)
    {
        var story = Words(53, 300);
        string[] other = [.. Words(54, before), .. story.AsSpan(0, 100), .. Words(55, after)];
        var result = Cluster(("story", story), ("other", other));
        Assert.Equal(same, ClusterOf(result, "story") == ClusterOf(result, "other"));
    }

    [Theory]
    [InlineData(190, true)] // half the shorter text is the quote: an excerpt
    [InlineData(300, false)]
    public void Cluster_LongDocumentQuotingTheShorterTextsOpening_JoinsOnlyWhenTheQuoteIsHalfOfIt(int storyWords, bool same)
    {
        var story = Words(56, storyWords);
        string[] compilation = [.. Words(57, 400), .. story.AsSpan(0, 100), .. Words(58, 500)];
        var result = Cluster(("story", story), ("compilation", compilation));
        Assert.Equal(same, ClusterOf(result, "story") == ClusterOf(result, "compilation"));
    }

    [Fact]
    public void Cluster_PassagesReachingEveryPartOfTheShorterText_AreNotOnePassageOfIt()
    {
        // Four blocks from all through the story, less than half of it: made of the story, as a plagiarised answer is.
        var story = Words(59, 300);
        string[] other = [.. Words(60, 300), .. story.AsSpan(0, 40), .. Words(61, 10), .. story.AsSpan(80, 40), .. Words(62, 10),
            .. story.AsSpan(160, 40), .. Words(63, 10), .. story.AsSpan(240, 40), .. Words(64, 600)];
        var result = Cluster(("story", story), ("other", other));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "other"));
    }

    [Fact]
    public void Cluster_NoisyCopyOfAnOriginalGroupedWithItsWrappedCopy_JoinsOnTheOriginal()
    {
        // Two sites wrap the story; the second copy went through OCR-like noise (about a word in sixteen misread), so
        // it keeps three quarters of the story's 5-grams: most of the original, under half of the other wrapped page,
        // which shares as much with it plus a phrase both sites' headers carry. Judged on the wrapped page, it is reuse.
        var story = Words(70, 400);
        var phrase = Words(71, 12);
        string[] wrapped = [.. Words(72, 110), .. phrase, .. story, .. Words(73, 120)];
        var noisy = (string[])story.Clone();
        var random = new Random(74);
        var misread = Words(75, noisy.Length);
        for (int i = 0; i < noisy.Length; i++)
        {
            if (random.Next(16) == 0)
            {
                noisy[i] = misread[i];
            }
        }
        string[] noisyWrapped = [.. Words(76, 110), .. phrase, .. noisy, .. Words(77, 120)];
        var result = Cluster(("story", story), ("wrapped", wrapped), ("noisy", noisyWrapped));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "wrapped"));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "noisy"));
    }

    [Fact]
    public void Cluster_ReprintWithMisreadNamesAndFigures_JoinsItsStory_WhereANoticeWithOtherNamesDoesNot()
    {
        // A story with a fact after every tenth word (names and figures in turn), reprinted from a scan: every fact
        // misread by a look-alike (K0rabville, l,073) and a few words with a digit read for a letter (s0me). Hashed as
        // written, the reprint keeps under half of its story's facts and brings figures of its own; folded by shape it
        // keeps them all. A notice in the same words with other names and figures stays apart.
        var frame = Words(90, 400);
        int[] facts = [.. Enumerable.Range(0, 40)];
        var story = WithFacts(frame, 10, facts);
        var reprint = story.Select((w, i) => i % 11 == 10 ? Misread(w) : i % 80 == 3 ? w + "s0me" : w).ToArray();
        var other = WithFacts(frame, 10, [.. facts.Select(f => 1000 + f)]);
        var result = Cluster(("story", [.. story]), ("reprint", reprint), ("other", [.. other]));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "reprint"));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "other"));
    }

    [Fact]
    public void Cluster_QuoteSharedByTwoFactRichStoriesInOneTemplate_StaysApartWhateverTheSampleKeeps_WhileANoisyReprintJoins()
    {
        // Two long stories on one site share a 150-word quote naming four people. The template's 20 names (made common
        // by 20 more pages) and the quote's sort first in every sample, and the second story, richer, cuts both samples
        // low: below its cut-off the first holds the template's names, the quote's and one of its own, so all but one
        // of its rare facts agree (4 of 5). Those five are a sample of 75 facts: the one missing stands for a dozen. A
        // reprint of the first story, misread all through, joins it. Names are picked by their hashes so that the
        // samples fall as described.
        var names = FactNames();
        var low = names.Where(n => n.Hash < uint.MaxValue / 64).Take(25).Select(n => n.Name).ToArray();
        var lowB = names.Where(n => n.Hash >= uint.MaxValue / 64 && n.Hash < uint.MaxValue / 2).Take(100).Select(n => n.Name).ToArray();
        var highA = names.Where(n => n.Hash >= uint.MaxValue / 2).Take(70).Select(n => n.Name).ToArray();
        var header = WithNames(Words(115, 100), 10, low[..10]);
        var footer = WithNames(Words(116, 100), 10, low[10..20]);
        string Page(IEnumerable<string> body) => string.Join(' ', header.Concat(body).Concat(footer));
        var quote = WithNames(Words(110, 150), 30, low[20..24]);
        string[] storyA = [.. WithNames(Words(111, 200), 5, [low[24], .. highA]), .. quote, .. WithNames(Words(112, 150), 5, highA[40..])];
        string[] storyB = [.. WithNames(Words(113, 200), 4, lowB), .. quote, .. WithNames(Words(114, 200), 4, lowB[50..])];
        var reprint = storyA.Select((w, i) => i % 11 == 10 ? Misread(w) : w);
        var docs = new List<(string, string, DateTimeOffset?)> { ("story", Page(storyA), null), ("other-story", Page(storyB), null), ("reprint", Page(reprint), null) };
        docs.AddRange(Enumerable.Range(0, 20).Select(i => ($"page-{i}", Page(Words(300 + i, 300)), (DateTimeOffset?)null)));
        var result = ClusterTexts([.. docs]);
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "reprint"));
        Assert.NotEqual(ClusterOf(result, "story"), ClusterOf(result, "other-story"));
        Assert.Contains(result.Pairs, p => p.Relation == PairRelation.Reuse && new[] { p.First, p.Second }.Contains("other-story"));
    }

    /// <summary>Capitalised names in a seeded order, each with its fact hash (<see cref="NearDup.Text.FactHashes"/>).</summary>
    private static List<(string Name, uint Hash)> FactNames() =>
        [.. Enumerable.Range(0, 20_000).Select(n => "Kor" + Letters(n)).Select(name => (name, NearDup.Text.FactHashes.Compute("a " + name).Single()))];

    /// <summary>Words with the names <paramref name="names"/> after every <paramref name="every"/>th word, in turn.</summary>
    private static List<string> WithNames(string[] words, int every, string[] names)
    {
        var result = new List<string>();
        for (int i = 0; i < words.Length; i++)
        {
            result.Add(words[i]);
            if (i % every == every - 1)
            {
                result.Add(names[i / every % names.Length]);
            }
        }
        return result;
    }

    /// <summary>The word with its first o, 1, 0, 5 or 8 read as a look-alike of another kind (a letter for a digit, a digit for a letter).</summary>
    private static string Misread(string word)
    {
        int k = word.IndexOfAny(['o', '1', '0', '5', '8']);
        return k < 0 ? word : word[..k] + word[k] switch { 'o' => '0', '1' => 'l', '0' => 'O', '5' => 'S', _ => 'B' } + word[(k + 1)..];
    }

    /// <summary>
    /// A 300-word source and an answer keeping six 9-word phrases of it, spread through it, between 9 to 70 words of
    /// its own, each with the given facts in a closing paragraph of its own words (so they break none of the phrases).
    /// </summary>
    private static ClusteringResult ClusterHeavyRevision(int[] sourceFacts, int[] answerFacts)
    {
        var source = Words(80, 300);
        var answer = new List<string>();
        int[] own = [12, 64, 9, 70, 15, 60];
        for (int k = 0; k < 6; k++)
        {
            answer.AddRange(source.Skip(50 * k).Take(9));
            answer.AddRange(Words(81 + k, own[k]));
        }
        IEnumerable<string> With(IEnumerable<string> words, int[] facts, int seed) =>
            facts.Length == 0 ? words : words.Concat(WithFacts(Words(seed, 4 * facts.Length), 4, facts));
        return ClusterTexts(("source", string.Join(' ', With(source, sourceFacts, 90)), null), ("answer", string.Join(' ', With(answer, answerFacts, 91)), null));
    }
}
