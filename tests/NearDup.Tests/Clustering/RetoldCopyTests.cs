using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Copies that retell a story in other words and share little of its wording, told from a follow-up by their facts:
/// another outlet's rewrite keeps the story's quotes verbatim and reports its facts (StoryRules.MatchedFacts); a
/// newsletter's brief keeps a few of its phrases and only its facts (StoryRules.RetoldFacts).
/// </summary>
public sealed class RetoldCopyTests
{
    /// <summary>Story tokens (words and facts) at which the rewrite keeps a quote verbatim: four blocks of 26, one in each quarter.</summary>
    private static readonly int[] QuoteStarts = [22, 121, 220, 319];

    /// <summary>The story's facts (numbered in order) that the other text replaces with its own, the first so many: none inside a quote.</summary>
    private static readonly int[] OwnFacts = [5, 15, 24, 0, 4, 6, 7, 8, 9];

    [Theory]
    [InlineData(3, true)]
    [InlineData(9, false)]
    public void Cluster_RewriteKeepingQuotesAndTheStorysFacts_Joins_WhereAFollowUpWithNewFactsDoesNot(int factsReplaced, bool same)
    {
        // A 330-word story with a fact after every 11th word (30). The other text keeps four quotes of 26 words
        // verbatim (0.25 of it in order), rewords the rest, a word in fifteen of it dropped, and keeps the facts in
        // place, `factsReplaced` of them its own: 3 is a rewrite's few (0.9 of each text's facts the other's, under
        // the 0.92 that facts alone confirm); 9 is a follow-up's new development (0.7), which reuses the quotes as
        // background.
        var story = StoryJudgeTests.WithFacts(StoryJudgeTests.Words(90, 330), 11, [.. Enumerable.Range(0, 30)]);
        var reworded = StoryJudgeTests.Words(91, story.Count);
        var other = new List<string>();
        for (int t = 0; t < story.Count; t++)
        {
            if (QuoteStarts.Any(s => t >= s && t < s + 26))
            {
                other.Add(story[t]);
            }
            else if (t % 12 == 11)
            {
                int fact = t / 12;
                other.Add(StoryJudgeTests.Fact(OwnFacts.Take(factsReplaced).Contains(fact) ? 1000 + fact : fact));
            }
            else if (t % 15 != 7)
            {
                other.Add(reworded[t]);
            }
        }
        var result = StoryJudgeTests.ClusterTexts(("story", string.Join(' ', story), null), ("other", string.Join(' ', other), null));
        Assert.Equal(same, ClusterOf(result, "story") == ClusterOf(result, "other"));
        Assert.Equal(same ? PairRelation.Copy : PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
        if (same)
        {
            // What the two share is the quotes, verbatim passages, but the rewrite reports the whole story's facts:
            // rewritten, not an excerpt (StoryRules.ReportsSameFacts). Rewrites of each other, the one with fewer
            // fingerprints would be taken for the original; a pair sharing verbatim passages keeps the story.
            var cluster = result.Clusters.Single(c => c.Members.Count == 2);
            Assert.Equal("story", cluster.Canonical);
            Assert.Equal(CopyRole.Rewritten, cluster.Members.Single(m => m.Role != CopyRole.Canonical).Role);
        }
    }

    [Theory]
    [InlineData(true, "story")]
    [InlineData(false, "spun")]
    public void Cluster_SpunCopyShorterByThreeParagraphs_IsCanonicalOnlyIfItKeptTheirFacts(bool dropFacts, string canonical)
    {
        // A 330-word story with a fact after every 11th word, and a spun copy of it (runs of a few shingles between
        // its edits, a rewrite) without three of its 11-word stretches: 0.97 of its length. Of a rewrite pair of
        // comparable size, the text with fewer fingerprints is the original (a paraphrase pads what it rewrites),
        // unless the longer reports three facts or more that the shorter lacks: the shorter then left them out.
        var words = StoryJudgeTests.Words(94, 330);
        var synonyms = StoryJudgeTests.Words(95, 330);
        // Every 9th word swapped and a word wedged in after every 13th: breaks that skip unlike amounts in the two
        // texts, which no reprint's misreads make.
        var spunWords = words.SelectMany((w, i) => i % 13 == 6 ? [i % 9 == 4 ? synonyms[i] : w, synonyms[329 - i]] : new[] { i % 9 == 4 ? synonyms[i] : w })
            .ToArray();
        int[] facts = [.. Enumerable.Range(0, 30)];
        var spun = StoryJudgeTests.WithFacts(spunWords, 11, facts);
        foreach (int fact in (int[])[25, 15, 5])
        {
            // The 11 words before the fact, and the fact unless it stays.
            int at = spun.IndexOf(StoryJudgeTests.Fact(fact));
            spun.RemoveRange(at - 11, dropFacts ? 12 : 11);
        }
        var result = StoryJudgeTests.ClusterTexts(("story", string.Join(' ', StoryJudgeTests.WithFacts(words, 11, facts)), null),
            ("spun", string.Join(' ', spun), null));
        var cluster = Assert.Single(result.Clusters, c => c.Members.Count == 2);
        Assert.Equal(canonical, cluster.Canonical);
        Assert.Equal(CopyRole.Rewritten, cluster.Members.Single(m => m.Role != CopyRole.Canonical).Role);
    }

    /// <summary>
    /// Story words from which the brief takes a 7-word phrase, and its own words after each: at uneven steps, as a
    /// retelling picks what it keeps.
    /// </summary>
    private static readonly (int Phrase, int Own)[] BriefSegments = [(10, 8), (45, 14), (70, 9), (120, 16), (150, 10), (200, 12), (230, 11)];

    [Theory]
    [InlineData(2, true)]
    [InlineData(7, false)]
    public void Cluster_BriefRetellingAStoryWithItsFacts_Joins_WhereOneReportingFactsOfItsOwnDoesNot(int ownFacts, bool same)
    {
        // A 400-word story with a fact after every 10th word (40). The brief, half its length, takes seven 7-word
        // phrases from the story's first 240 words (0.1 of the brief in order, in 7 runs over 6 tenths of the story, at
        // uneven steps: no rewrite's shape) and tells the rest in its own words, with 21 of the story's facts, `ownFacts`
        // of them its own: 2 is a brief's few (0.9 of its facts the story's, under the 0.92 that facts alone confirm);
        // 7 is a text reporting something else about the same people.
        var words = StoryJudgeTests.Words(92, 400);
        var own = StoryJudgeTests.Words(93, 400);
        var brief = new List<string>();
        int used = 0;
        for (int k = 0; k < BriefSegments.Length; k++)
        {
            brief.AddRange(words.Skip(BriefSegments[k].Phrase).Take(7));
            brief.AddRange(own.Skip(used).Take(BriefSegments[k].Own));
            used += BriefSegments[k].Own;
            for (int f = 3 * k; f < 3 * k + 3; f++)
            {
                brief.Add(StoryJudgeTests.Fact(f % 3 == 0 && f / 3 < ownFacts ? 1000 + f : f));
                brief.AddRange(own.Skip(200 + 5 * f).Take(4));
            }
        }
        var result = StoryJudgeTests.ClusterTexts(("story", string.Join(' ', StoryJudgeTests.WithFacts(words, 10, [.. Enumerable.Range(0, 40)])), null),
            ("brief", string.Join(' ', brief), null));
        Assert.Equal(same, ClusterOf(result, "story") == ClusterOf(result, "brief"));
        Assert.Equal(same ? PairRelation.Copy : PairRelation.Reuse, Assert.Single(result.Pairs).Relation);
    }

    private static string ClusterOf(ClusteringResult result, string id) => result.Clusters.Single(c => c.Members.Any(m => m.Id == id)).Id;
}
