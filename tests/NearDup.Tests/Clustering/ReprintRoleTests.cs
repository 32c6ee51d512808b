using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// A reprint whose words are misread here and there (an OCR'd archive, a retyped copy) is the story republished:
/// syndicated, as the clean reprint is, though its misreads cost it most of the shared word 5-grams. A copy reworded a
/// stretch at a time stays a rewrite.
/// </summary>
public sealed class ReprintRoleTests
{
    [Fact]
    public void Cluster_ReprintWithAMisreadLetterInEveryEighthWord_IsSyndicated()
    {
        var story = StoryJudgeTests.Words(21, 600);

        var member = MemberOf(story, Misread(story));

        Assert.True(member.Containment < 0.5, $"containment {member.Containment}: the misreads should cost most shared 5-grams");
        Assert.Equal(CopyRole.Syndicated, member.Role);
    }

    [Theory]
    [InlineData(100, 300, CopyRole.Excerpt)]
    [InlineData(0, 420, CopyRole.Rewritten)]
    public void Cluster_PartOfTheStoryReprintedWithMisreads_IsAnExcerpt_MostOfItALightRewrite(int from, int to, CopyRole role)
    {
        // Two of its paragraphs (a third of the story) reprinted with a word in eight misread: its verbatim passages
        // break every eight words, but bridged it is all the story's text. Seven tenths of it so is a light rewrite.
        var story = StoryJudgeTests.Words(26, 600);

        var member = MemberOf(story, Misread(story[from..to]));

        Assert.Equal(role, member.Role);
    }

    [Fact]
    public void Cluster_UndatedReprintWithMisreads_LeavesTheStoryCanonical()
    {
        // The misreads add shingles of their own, so the reprint has more; the story is the one with fewer.
        var story = StoryJudgeTests.Words(24, 600);
        var reprint = Misread(story);
        using var detector = new DuplicateDetector();
        detector.Add("story", string.Join(' ', story));
        detector.Add("copy", string.Join(' ', reprint));

        var cluster = Assert.Single(detector.Cluster().Clusters);

        Assert.Equal("story", cluster.Canonical);
        Assert.Equal(CopyRole.Syndicated, cluster.Members.Single(m => m.Id == "copy").Role);
    }

    [Fact]
    public void Cluster_CopyRewordingTenWordsInEveryThirty_IsRewritten()
    {
        var story = StoryJudgeTests.Words(22, 600);
        var edited = (string[])story.Clone();
        var replacements = StoryJudgeTests.Words(23, 600);
        for (int i = 0; i < edited.Length; i++)
        {
            edited[i] = i % 30 >= 20 ? replacements[i] : edited[i];
        }

        Assert.Equal(CopyRole.Rewritten, MemberOf(story, edited).Role);
    }

    [Fact]
    public void Query_FillInNoticeWithOtherFacts_IsNoCopy_ThoughItsGapsAreAWordLong()
    {
        // A fact in every seventh word: the other company's notice breaks the 5-grams a word at a time, as misreads do.
        var frame = StoryJudgeTests.Words(25, 280);
        using var detector = new DuplicateDetector();
        detector.Add("notice", StoryJudgeTests.Notice(frame, 0));

        var match = Assert.Single(detector.Query(StoryJudgeTests.Notice(frame, 1000)));

        Assert.Equal(PairRelation.Reuse, match.Relation);
    }

    /// <summary>
    /// The words with one in eight misread: letters read as others, or a word split in two (which adds a shingle, as a
    /// space read into a word does).
    /// </summary>
    private static string[] Misread(string[] words)
    {
        var copy = (string[])words.Clone();
        for (int i = 3; i < copy.Length; i += 8)
        {
            copy[i] = i % 16 == 3 ? copy[i].Replace('e', 'c').Replace('a', 'o') + "l" : copy[i][..2] + " " + copy[i][2..];
        }
        return copy;
    }

    private static readonly DateTimeOffset s_day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The copy's entry in the story's cluster (it must join it; the story, dated first, is its canonical).</summary>
    internal static ClusterMember MemberOf(string[] story, string[] copy)
    {
        using var detector = new DuplicateDetector();
        detector.Add("story", string.Join(' ', story), s_day);
        detector.Add("copy", string.Join(' ', copy), s_day.AddHours(6));
        var cluster = Assert.Single(detector.Cluster().Clusters);
        Assert.Equal("story", cluster.Canonical);
        return cluster.Members.Single(m => m.Id == "copy");
    }
}
