using System.Text.Json;
using System.Text.RegularExpressions;
using NearDup.Cli.Report;

namespace NearDup.Tests.Report;

public sealed partial class ReportHtmlTests
{
    private static string Generate(ReportOptions? options = null)
    {
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        var output = Path.Combine(temp.Path, "report.html");
        ReportWriter.Write(docs, ReportSeeds.Texts(docs), clusters, output, options ?? ReportOptions.Default, DateTimeOffset.UnixEpoch);
        return File.ReadAllText(output);
    }

    private static JsonDocument Data(string html)
        => JsonDocument.Parse(DataBlock().Match(html).Groups["json"].Value);

    [Fact]
    public void Write_InjectedMarkup_NeverRawInTheHtml()
    {
        var html = Generate();

        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</textarea", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>mirror", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u2028', html);

        // Exactly the page's own three script blocks: error catcher, data, main script.
        Assert.Equal(3, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        Assert.Equal(3, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Write_DataBlock_ParsesBackToTheDocumentTexts()
    {
        using var data = Data(Generate());
        var docs = data.RootElement.GetProperty("docs").EnumerateArray()
            .ToDictionary(d => d[0].GetString()!, d => d[1].GetString());

        Assert.Equal(ReportSeeds.Notice, docs[ReportSeeds.NoticeId]);
        Assert.Equal(ReportSeeds.Mirror, docs[ReportSeeds.MirrorId]);
        Assert.Equal(ReportSeeds.Syndicated, docs[ReportSeeds.SyndicatedId]);
        Assert.Equal(6, docs.Count);
        Assert.False(docs.ContainsKey(ReportSeeds.TollsId));
        Assert.Equal(
            [["c000003", ReportSeeds.TollsId], ["c000004", ReportSeeds.HistoryId]],
            data.RootElement.GetProperty("singles").EnumerateArray().Select(s => s.EnumerateArray().Select(x => x.GetString()!).ToArray()));
    }

    [Fact]
    public void Write_ClustersLargestFirst_WithPassagesForCopies()
    {
        using var data = Data(Generate());
        var clusters = data.RootElement.GetProperty("clusters");

        Assert.Equal(["c000001", "c000002"], clusters.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        var members = clusters[0].GetProperty("m");
        Assert.Equal(0, members[0][4].GetArrayLength());
        Assert.Equal(0, members[1][4].GetArrayLength() % 5);
        Assert.True(members[1][4].GetArrayLength() >= 5);
        Assert.Equal([0, 2, 4, 3], members.EnumerateArray().Select(m => m[1].GetInt32()));
        Assert.Equal(0.86, members[1][2].GetDouble());
        Assert.Equal("Harbor Bridge Reopens After Two-Year Restoration", clusters[0].GetProperty("h").GetString());
    }

    [Fact]
    public void Write_IsSelfContained()
    {
        var page = Generate();
        var html = DataBlock().Replace(page, "");
        var withoutSvgNamespace = html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal);

        Assert.DoesNotContain("http://", withoutSvgNamespace, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", withoutSvgNamespace, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OverviewCounts()
    {
        var html = Generate();

        Assert.Contains("<div class=\"num\">8</div><div class=\"label\">documents</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"num\">2</div><div class=\"label\">clusters of 2+</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"num\">4</div><div class=\"label\">copies</div>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"role r-syndicated\">syndicated</span> <b>2</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TextBudget_TrimsEveryTextToOneLength_WithWhatIsLeftOut()
    {
        const int budget = 6 * 400;

        var html = Generate(ReportOptions.Default with { MaxTotalTextChars = budget, MinTextChars = 100 });
        using var data = Data(html);
        var docs = data.RootElement.GetProperty("docs").EnumerateArray()
            .ToDictionary(d => d[0].GetString()!, d => (Text: d[1].GetString()!, Flags: d[2].GetInt32(), More: d[3].GetInt32()));

        int cap = data.RootElement.GetProperty("maxText").GetInt32();
        Assert.InRange(cap, 100, 400);
        Assert.True(docs.Values.Sum(d => d.Text.Length) <= budget);
        foreach (var (id, doc) in docs)
        {
            string whole = ReportSeeds.Documents[id];
            Assert.True(doc.Text.Length <= cap, id);
            Assert.StartsWith(doc.Text, whole, StringComparison.Ordinal);
            Assert.Equal(whole.Length - doc.Text.Length, doc.More);
            Assert.Equal(doc.More > 0 ? (int)ReportTextFlags.Truncated : 0, doc.Flags);
        }

        Assert.Contains($"Texts are embedded up to {cap:N0} characters per document (cut from 20,000", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TextBudgetBelowTheShortestLength_LargerClustersFirstThenIdsOnly()
    {
        var budget = ReportSeeds.Story.Length + ReportSeeds.Syndicated.Length + ReportSeeds.Excerpt.Length + ReportSeeds.Rewrite.Length;

        using var data = Data(Generate(ReportOptions.Default with { MaxTotalTextChars = budget, MinTextChars = 20_000 }));
        var docs = data.RootElement.GetProperty("docs").EnumerateArray().ToDictionary(d => d[0].GetString()!, d => (Text: d[1], Flags: d[2].GetInt32(), More: d[3].GetInt32()));

        Assert.Equal(ReportSeeds.Story, docs[ReportSeeds.StoryId].Text.GetString());
        Assert.Equal(0, docs[ReportSeeds.StoryId].More);
        Assert.Equal(JsonValueKind.Null, docs[ReportSeeds.NoticeId].Text.ValueKind);
        Assert.Equal((int)ReportTextFlags.Omitted, docs[ReportSeeds.NoticeId].Flags);
        Assert.Equal(ReportSeeds.Notice.Length, docs[ReportSeeds.NoticeId].More);
    }

    [Theory]
    [InlineData(900, 10, 400)]
    [InlineData(1600, 10, 20_000)]
    [InlineData(100, 10, 33)]
    [InlineData(100, 50, 50)]
    public void TextLength_LongestThatFitsTheBudget_NotBelowTheFloor(long budget, int floor, int expected)
    {
        var options = ReportOptions.Default with { MaxTotalTextChars = budget, MinTextChars = floor };

        Assert.Equal(expected, ReportModel.TextLength([100, 500, 1000], options));
    }

    [Fact]
    public void Assets_CannotEndTheirScriptBlock_AndNeverUseInnerHtml()
    {
        foreach (var asset in (string[])[ReportAssets.Script, ReportAssets.ErrorCatcher, ReportAssets.Css])
        {
            Assert.DoesNotContain("</script", asset, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("</style", asset, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<!--", asset, StringComparison.Ordinal);
            Assert.DoesNotContain("innerHTML", asset, StringComparison.Ordinal);
            Assert.DoesNotContain("insertAdjacentHTML", asset, StringComparison.Ordinal);
            Assert.DoesNotContain("document.write", asset, StringComparison.Ordinal);
        }
    }

    /// <summary>Marks and dimmed spans inside a text cell are isolated, so a bidirectional override in the text cannot reorder the row.</summary>
    [Fact]
    public void Css_IsolatesMarksAndDimmedSpans() =>
        Assert.Contains(".cell mark, .cell .dim { unicode-bidi: isolate; }", ReportAssets.Css, StringComparison.Ordinal);

    [Theory]
    [InlineData("short text", 100, "short text")]
    [InlineData("alpha beta gamma delta", 12, "alpha beta")]
    [InlineData("alpha beta gamma delta", 13, "alpha beta ga")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghij")]
    [InlineData("ab𝔘cd", 3, "ab")]
    public void Truncate_AtWordBoundaryNeverInsideSurrogatePair(string text, int max, string expected)
        => Assert.Equal(expected, ReportModel.Truncate(text, max));

    [Fact]
    public void ReplaceLoneSurrogates_KeepsLengthAndPairs()
    {
        var text = "a\uD800b𝔘c\uDC00";

        var clean = ReportModel.ReplaceLoneSurrogates(text);

        Assert.Equal("a\uFFFDb𝔘c\uFFFD", clean);
        Assert.Same("plain", ReportModel.ReplaceLoneSurrogates("plain"));
    }

    [Fact]
    public void SizeHistogram_BinsAndLabels()
    {
        var svg = ReportCharts.SizeHistogram([2, 2, 3, 7, 150, 1]);

        Assert.Contains("<title>2: 2 clusters</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<title>6–10: 1 clusters</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<title>101+: 1 clusters</title>", svg, StringComparison.Ordinal);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.EndsWith("</svg>", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(2500, 5000)]
    public void NiceStep_OneTwoFiveSeries(double raw, long expected) => Assert.Equal(expected, ReportCharts.NiceStep(raw));

    [GeneratedRegex("<script type=\"application/json\" id=\"neardup-data\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}
