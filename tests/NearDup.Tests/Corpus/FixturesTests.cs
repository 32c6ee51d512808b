using NearDup.Corpus;

namespace NearDup.Tests.Corpus;

public sealed class FixturesTests
{
    private static readonly IReadOnlyList<GeneratedDocument> s_docs = Fixtures.SeedShaped();
    private static readonly HashSet<string> s_story = FiveGrams.Of(s_docs[0].Text);

    [Fact]
    public void SeedShaped_RolesAndClusters_MatchSeedShape()
    {
        Assert.Equal(
            [DocumentRoles.Original, DocumentRoles.Syndicated, DocumentRoles.Rewritten, DocumentRoles.Excerpt, DocumentRoles.Original, DocumentRoles.Original],
            s_docs.Select(d => d.Role));
        Assert.Equal(4, s_docs.Count(d => d.Cluster == Fixtures.StoryCluster));
        Assert.Equal(6, s_docs.Select(d => d.Id).Distinct().Count());
        Assert.InRange(s_docs[0].Text.Split(' ').Length, 900, 1400);
    }

    [Fact]
    public void SeedShaped_Twice_Identical() => Assert.Equal(s_docs, Fixtures.SeedShaped());

    [Fact]
    public void SeedShaped_Syndicated_ContainsStoryInsideBoilerplate()
    {
        var copy = FiveGrams.Of(s_docs[1].Text);
        Assert.InRange(FiveGrams.Containment(s_story, copy), 0.95, 1.0);
        Assert.InRange(FiveGrams.Containment(copy, s_story), 0.5, 0.95);
    }

    [Fact]
    public void SeedShaped_Rewrite_TenToFifteenPercentJaccard() =>
        Assert.InRange(FiveGrams.Jaccard(s_story, FiveGrams.Of(s_docs[2].Text)), 0.10, 0.15);

    [Fact]
    public void SeedShaped_Excerpt_QuarterToThirdFromStory() =>
        Assert.InRange(FiveGrams.Containment(FiveGrams.Of(s_docs[3].Text), s_story), 0.25, 0.35);

    [Fact]
    public void SeedShaped_HardNegatives_SameCastDifferentText()
    {
        foreach (var negative in s_docs.Skip(4))
        {
            Assert.InRange(FiveGrams.Jaccard(s_story, FiveGrams.Of(negative.Text)), 0, 0.005);
            Assert.NotEqual(Fixtures.StoryCluster, negative.Cluster);
        }

        // The same officials appear: the topic's statement is quoted by all three stories.
        var quoted = s_docs[0].Text.Split('\n').First(l => l.StartsWith("\"We ", StringComparison.Ordinal));
        string statement = quoted[..quoted.IndexOf(",\"", StringComparison.Ordinal)];
        Assert.All(s_docs.Skip(4), d => Assert.Contains(statement, d.Text, StringComparison.Ordinal));
    }
}
