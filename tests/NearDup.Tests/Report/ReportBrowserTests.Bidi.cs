using System.Text;
using System.Text.RegularExpressions;
using NearDup.Cli.Report;

namespace NearDup.Tests.Report;

/// <summary>
/// Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and the rest) in ids, texts, the title or a path cannot
/// reorder the page: ids are shown with the control as <c>[U+202E]</c> inside a <c>&lt;bdi&gt;</c>, server-rendered
/// text likewise, and texts are isolated pieces.
/// </summary>
public sealed partial class ReportBrowserTests
{
    private const string Rlo = "\u202E";

    private static readonly Regex s_scripts = new("<script[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static (string Html, string Url) WriteBidiReport(string folder, string title)
    {
        string words = "the council voted on tuesday to rebuild the old harbour bridge after years of delay and rising repair costs "
            + "while the mayor promised the work would end before winter and traffic would flow again";
        var docs = Path.Combine(folder, "docs.jsonl");
        File.WriteAllText(docs,
            $$"""
            {"id":"report{{Rlo}}fdp.exe","text":"{{Rlo}}HEAD {{words}}"}
            {"id":"copy{{Rlo}}gpj.js","text":"{{Rlo}}LOOK {{words}}"}

            """, new UTF8Encoding(false));
        var clusters = Path.Combine(folder, "clusters.jsonl");
        File.WriteAllText(clusters,
            $$"""
            {"cluster":"c{{Rlo}}1","canonical":"report{{Rlo}}fdp.exe","members":[{"id":"report{{Rlo}}fdp.exe","role":"canonical","jaccard":1,"containment":1},{"id":"copy{{Rlo}}gpj.js","role":"syndicated","jaccard":0.9,"containment":0.95}]}

            """, new UTF8Encoding(false));
        var html = Path.Combine(folder, "report.html");
        ReportWriter.Write(docs, ReportSeeds.Texts(docs), clusters, html, ReportOptions.Default with { Title = title }, DateTimeOffset.UnixEpoch);
        return (File.ReadAllText(html), new Uri(html).AbsoluteUri + "#open=all");
    }

    [Fact]
    public void Write_BidiControlInTitle_ShownAsCodePointOutsideTheData()
    {
        using var temp = new TempDirectory();
        var (html, _) = WriteBidiReport(temp.Path, "Weekly " + Rlo + "report");

        Assert.Contains("<h1>Weekly [U+202E]report</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Weekly [U+202E]report</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Rlo, s_scripts.Replace(html, ""), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BidiControlsInIdsAndTexts_AreIsolatedInChromium()
    {
        RequireChromium();
        using var temp = new TempDirectory();
        var (_, url) = WriteBidiReport(temp.Path, "NearDup report");

        var (exitCode, dom, stderr) = Chromium.Run("--virtual-time-budget=5000", "--dump-dom", url);
        Assert.True(exitCode == 0, $"chromium exited with {exitCode}: {stderr}");
        Assert.Contains("data-state=\"ready\"", dom, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(dom, "data-rendered=\"1\""));
        string rendered = s_scripts.Replace(dom, "");

        // Every id is in a <bdi> inside its <code>, with the override shown, never raw.
        Assert.Contains("<code class=\"cid\"><bdi>c[U+202E]1</bdi></code>", rendered, StringComparison.Ordinal);
        Assert.True(Regex.Count(rendered, "<code><bdi>report\\[U\\+202E\\]fdp\\.exe</bdi></code>") >= 3, "canonical id in title line, table and comparison");
        Assert.True(Regex.Count(rendered, "<code><bdi>copy\\[U\\+202E\\]gpj\\.js</bdi></code>") >= 2, "copy id in table and comparison");
        Assert.DoesNotMatch("<code[^>]*>[^<]*\u202E", rendered);
        Assert.DoesNotMatch("<bdi>[^<]*\u202E[^<]*</bdi></code>", rendered);

        // The text keeps its override (passage offsets count it) but only inside an isolated piece: the snippet is a
        // <bdi>, and in the comparison it lies in a mark, a dimmed span or a <bdi> (CSS isolates marks and dimmed spans).
        Assert.Matches("<bdi class=\"snippet\">[^<]*\u202E", rendered);
        foreach (Match m in Regex.Matches(rendered, "\u202E"))
        {
            int open = rendered.LastIndexOf('<', m.Index);
            if (open > rendered.LastIndexOf('>', m.Index))
            {
                continue; // in an attribute (data-cluster, data-doc), which is never drawn
            }
            string tag = rendered[open..rendered.IndexOf('>', open)];
            Assert.True(tag.StartsWith("<bdi", StringComparison.Ordinal) || tag.StartsWith("<mark", StringComparison.Ordinal)
                || tag.StartsWith("<span class=\"dim\"", StringComparison.Ordinal), $"raw U+202E after {tag}>");
        }
    }
}
