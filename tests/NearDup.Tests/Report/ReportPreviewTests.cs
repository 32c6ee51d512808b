using NearDup.Cli.Report;
using NearDup.Clustering;

namespace NearDup.Tests.Report;

public sealed class ReportPreviewTests
{
    private const string Headline = "Harbor Bridge Reopens After Two-Year Restoration";

    private const string SiteHeader = "The Coastal Daily\nBusiness  Climate  Local  Money  Sports  Weather\nSubscribe | Sign in\n\n";

    private static readonly HashSet<string> s_none = [];

    [Fact]
    public void Choose_WrappedCanonical_ShowsTheHeadlineTheOriginalAlsoHas()
    {
        string wrapped = SiteHeader + ReportSeeds.Story + ReportSeeds.SyndicationFooter;

        Assert.Equal(Headline, ReportPreview.Choose(wrapped, [ReportSeeds.Story], s_none));
        Assert.Equal(Headline, ReportPreview.Choose(ReportSeeds.Syndicated, [ReportSeeds.Story, ReportSeeds.Rewrite], s_none));
    }

    [Fact]
    public void Choose_SiteNameOpeningOtherClusters_IsBoilerplate_EvenWithoutAnOriginalInTheCluster()
    {
        string Wrapped(string story) => SiteHeader + story;
        var clusters = new[]
        {
            new[] { Wrapped(ReportSeeds.Story), Wrapped(ReportSeeds.Story) },
            [Wrapped(ReportSeeds.Tolls)],
            [Wrapped(ReportSeeds.History)],
        };

        var boilerplate = ReportPreview.BoilerplateLines(clusters);

        Assert.Contains("the coastal daily", boilerplate);
        Assert.DoesNotContain(ReportPreview.Normalize(Headline), boilerplate);
        Assert.Equal(Headline, ReportPreview.Choose(clusters[0][0], [clusters[0][1]], boilerplate));
        Assert.Equal("The Coastal Daily", ReportPreview.Choose(clusters[0][0], [clusters[0][1]], s_none));
    }

    [Fact]
    public void Choose_OriginalWhoseCopiesRetitleIt_KeepsItsOwnHeadline_NotASharedParagraph()
    {
        Assert.Equal(Headline, ReportPreview.Choose(ReportSeeds.Story, [ReportSeeds.Excerpt, ReportSeeds.Rewrite], s_none));
        Assert.Equal(Headline, ReportPreview.Choose("By Staff Wire\n\n" + ReportSeeds.Story, ["By Staff Wire\n\n" + ReportSeeds.Rewrite], s_none));
    }

    [Fact]
    public void Choose_PlainStory_FirstLine_AndOnlyMenuLines_TheFirstLine()
    {
        Assert.Equal(Headline, ReportPreview.Choose(ReportSeeds.Story, [], s_none));
        Assert.Equal("Home | News | Sports", ReportPreview.Choose("Home | News | Sports\n  Subscribe | Sign in  ", [], s_none));
        Assert.Equal("", ReportPreview.Choose(" \n -- \n", [], s_none));
        Assert.Equal("Posted by Staff Wire, 6:45 AM", ReportPreview.Choose("Posted by Staff Wire, 6:45 AM", [], s_none));
    }

    [Theory]
    [InlineData(Headline, true)]
    [InlineData("Council Debates Tolls: What Comes Next?", false)]
    [InlineData("\"We will reopen on time,\" the mayor said", false)]
    [InlineData("Engineers said the deck would last seventy years.", false)]
    public void IsHeadlineLike(string line, bool headline) => Assert.Equal(headline, ReportPreview.IsHeadlineLike(line));

    [Fact]
    public void Choose_SharedQuoteLine_IsNotTakenForTheHeadline()
    {
        const string quote = "\"The bridge will carry heavier trucks,\" the engineer said.";
        string story = Headline + "\n\nBy Staff Wire\n\n" + quote + "\n\nMore of the story follows in this paragraph.";

        Assert.Equal(Headline, ReportPreview.Choose(story, ["Morning Briefing\n\n" + quote], s_none));
    }

    [Theory]
    [InlineData("Business  Climate  Local  Money  Lifestyle", true)]
    [InlineData("Lifestyle | Crime | Politics | Home | Video", true)]
    [InlineData("Subscribe | Sign in", true)]
    [InlineData("Share this story: Facebook · X · Email · Print", true)]
    [InlineData(Headline, false)]
    [InlineData("Posted by Staff Wire, 6:45 AM", false)]
    [InlineData("Prices rose 3% | analysts had expected a smaller rise in the second quarter of the year", false)]
    public void IsMenu(string line, bool menu) => Assert.Equal(menu, ReportPreview.IsMenu(line));

    [Fact]
    public void Build_CanonicalIsTheSyndicatedCopy_PreviewIsItsHeadline()
    {
        var cluster = new ReportCluster("c000001",
        [
            new ClusterMember(ReportSeeds.SyndicatedId, CopyRole.Canonical, 1, 1),
            new ClusterMember(ReportSeeds.StoryId, CopyRole.Syndicated, 0.86, 0.97),
        ]);

        var model = ReportModel.Build([cluster], _ => ReportSeeds.Documents, ReportOptions.Default);

        Assert.Equal([Headline], model.Previews);
    }
}
