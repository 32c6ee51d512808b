using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// A copy that holds 0.8 of its source by its counts is syndicated only when it carries the source whole between the
/// first and last shingle they share (<see cref="StoryRules.CarriesWhole"/>): the story under another site's header
/// and footer. An update or a revision that writes a passage anew inside it is rewritten, and a copy that leaves
/// passages out inside it is not the same text either, though both keep most of its 5-grams.
/// </summary>
public sealed class EditedCopyRoleTests
{
    [Fact]
    public void Cluster_StoryUnderAnotherSitesHeaderAndFooter_IsSyndicated()
    {
        var story = StoryJudgeTests.Words(31, 600);
        string[] wrapped = [.. StoryJudgeTests.Words(32, 40), .. story, .. StoryJudgeTests.Words(33, 40)];

        var member = ReprintRoleTests.MemberOf(story, wrapped);

        Assert.Equal(CopyRole.Syndicated, member.Role);
    }

    [Fact]
    public void Cluster_StoryUnderTwoSitesFrames_IsSyndicated_ThoughTheCopyLacksTheCanonicalsOwnFrame()
    {
        // Under 0.95 of the canonical's shingles are shared (its own header and footer are not), so its positions
        // decide: the copy carries all of it from the first shared shingle to the last.
        var story = StoryJudgeTests.Words(37, 600);
        string[] first = [.. StoryJudgeTests.Words(38, 40), .. story, .. StoryJudgeTests.Words(39, 40)];
        string[] second = [.. StoryJudgeTests.Words(40, 40), .. story, .. StoryJudgeTests.Words(41, 40)];

        var member = ReprintRoleTests.MemberOf(first, second);

        Assert.True(member.Containment < 0.95, $"containment {member.Containment}");
        Assert.Equal(CopyRole.Syndicated, member.Role);
    }

    [Fact]
    public void Cluster_UpdateWritingAParagraphAnewInsideTheStory_IsRewritten()
    {
        var story = StoryJudgeTests.Words(34, 600);
        string[] update = [.. story.AsSpan(0, 300), .. StoryJudgeTests.Words(35, 60), .. story.AsSpan(360)];

        var member = ReprintRoleTests.MemberOf(story, update);

        Assert.True(member.Containment >= 0.8 && member.Jaccard >= 0.5, $"{member.Containment} {member.Jaccard}: syndicated by its counts");
        Assert.Equal(CopyRole.Rewritten, member.Role);
    }

    [Fact]
    public void Cluster_CopyLeavingTwoPassagesOutInsideTheStory_IsNotSyndicated()
    {
        var story = StoryJudgeTests.Words(36, 600);
        string[] cut = [.. story.AsSpan(0, 150), .. story.AsSpan(190, 280), .. story.AsSpan(510)];

        var member = ReprintRoleTests.MemberOf(story, cut);

        Assert.True(member.Containment >= 0.8, $"containment {member.Containment}: syndicated by its counts");
        Assert.NotEqual(CopyRole.Syndicated, member.Role);
    }
}
