using System.Text.RegularExpressions;
using NearDup.Cli.Report;

namespace NearDup.Tests.Report;

/// <summary>
/// Opens a report of <see cref="ReportSeeds"/> in headless chromium: the DOM after the page's script ran
/// must list the clusters with marked shared passages, show injected markup as text only and report
/// no script errors; a screenshot is kept at <c>artifacts/report/report-seeds.png</c>.
/// Without <c>/usr/bin/chromium</c> the test is skipped, except under <c>CI=true</c>, where it fails.
/// </summary>
public sealed partial class ReportBrowserTests
{
    /// <summary>Repository-relative path of the screenshot CI keeps and the README names.</summary>
    public const string ScreenshotPath = "artifacts/report/report-seeds.png";

    [Fact]
    public void Report_OfSeeds_RendersInHeadlessChromium()
    {
        RequireChromium();
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        var html = Path.Combine(temp.Path, "report.html");
        ReportWriter.Write(docs, ReportSeeds.Texts(docs), clusters, html, ReportOptions.Default, new DateTimeOffset(2025, 1, 2, 3, 4, 0, TimeSpan.Zero));
        var url = new Uri(html).AbsoluteUri + "#open=all";

        // --enable-logging=stderr copies the page's console (including "Uncaught ..." errors) to stderr.
        var (exitCode, dom, stderr) = Chromium.Run("--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", url);
        Assert.True(exitCode == 0, $"chromium exited with {exitCode}: {stderr}");
        var artifacts = Path.Combine(RepositoryRoot(), Path.GetDirectoryName(ScreenshotPath)!);
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "report-seeds.dom.html"), dom);
        File.Copy(html, Path.Combine(artifacts, "report-seeds.html"), overwrite: true);

        // The script ran to the end without errors.
        Assert.Contains("data-state=\"ready\"", dom, StringComparison.Ordinal);
        Assert.Matches(ErrorsBox(), dom);
        Assert.DoesNotContain("Uncaught", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(":CONSOLE", stderr, StringComparison.Ordinal);

        // Both clusters of two or more and both singletons are listed; both clusters are expanded.
        Assert.Contains("data-cluster=\"c000001\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-cluster=\"c000002\"", dom, StringComparison.Ordinal);
        Assert.Contains(">c000003<", dom, StringComparison.Ordinal);
        Assert.Contains(">c000004<", dom, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(dom, "data-rendered=\"1\""));

        // Every copy has its comparison, with marked passages on both sides.
        foreach (var copy in (string[])[ReportSeeds.SyndicatedId, ReportSeeds.RewriteId, ReportSeeds.ExcerptId, ReportSeeds.MirrorId])
        {
            Assert.Contains($"data-doc=\"{copy}\"", dom, StringComparison.Ordinal);
        }

        Assert.True(Regex.Count(dom, "<mark ") >= 10, "expected shared passages marked");
        Assert.Contains("<mark class=\"in\" data-k=\"0\">Harbor Bridge Reopens After Two-Year Restoration", dom, StringComparison.Ordinal);

        // The excerpt swaps two paragraphs: the shorter one is marked as moved (its "The" ends the other
        // passage, since the canonical's next paragraph starts with "The" too).
        Assert.Contains("<mark class=\"moved\" data-k=\"1\">Harbor Bridge reopened to traffic", dom, StringComparison.Ordinal);

        // The syndicated copy's header and footer match nothing, so they are dimmed.
        Assert.Contains("<span class=\"dim\">COASTAL DAILY | Local News", dom, StringComparison.Ordinal);
        Assert.Matches("<span class=\"dim\">[^<]*© 2024 Coastal Daily\\.", dom);

        // Injected markup is text: escaped in the serialized DOM, never an element, and it never ran.
        foreach (var injected in ReportSeeds.InjectionStrings)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(injected).Replace("&#39;", "'", StringComparison.Ordinal), dom, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<textarea", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>mirror footer", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", dom, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportSeeds.PwnedAttribute + "=", dom, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(dom, "<script"));

        var screenshot = Path.Combine(RepositoryRoot(), ScreenshotPath);
        File.Delete(screenshot);
        var shot = Chromium.Run("--virtual-time-budget=5000", "--window-size=1280,2000", "--screenshot=" + screenshot, url);
        Assert.True(shot.ExitCode == 0, $"chromium screenshot exited with {shot.ExitCode}: {shot.StdErr}");
        Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, $"no screenshot at {screenshot}: {shot.StdErr}");
    }

    /// <summary>Texts trimmed to fit the budget say so beside each comparison; the summary shows the headline, not the site's header.</summary>
    [Fact]
    public void Report_TrimmedTexts_ShowWhatIsLeftOut_AndTheHeadlinePreview()
    {
        RequireChromium();
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        var html = Path.Combine(temp.Path, "report.html");
        var options = ReportOptions.Default with { MaxTotalTextChars = 6 * 400, MinTextChars = 100 };
        var model = ReportWriter.Write(docs, ReportSeeds.Texts(docs), clusters, html, options, DateTimeOffset.UnixEpoch);

        var (exitCode, dom, stderr) = Chromium.Run("--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", new Uri(html).AbsoluteUri + "#open=all");

        Assert.True(exitCode == 0, $"chromium exited with {exitCode}: {stderr}");
        Assert.Contains("data-state=\"ready\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("Uncaught", stderr, StringComparison.Ordinal);
        int more = ReportSeeds.Syndicated.Length - model.Documents[0][1].Text!.Length;
        Assert.True(more > 0);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Contains(string.Create(invariant, $"copy trimmed: {more:N0} more characters"), dom, StringComparison.Ordinal);
        Assert.Contains(string.Create(invariant, $"(texts are embedded up to {model.TextChars:N0})"), dom, StringComparison.Ordinal);
        Assert.Contains("<bdi class=\"snippet\">Harbor Bridge Reopens After Two-Year Restoration</bdi>", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_HashFilters_NarrowTheListInChromium()
    {
        RequireChromium();
        using var temp = new TempDirectory();
        var (docs, clusters) = ReportSeeds.Write(temp.Path);
        var html = Path.Combine(temp.Path, "report.html");
        ReportWriter.Write(docs, ReportSeeds.Texts(docs), clusters, html, ReportOptions.Default, DateTimeOffset.UnixEpoch);

        var (_, dom, _) = Chromium.Run("--virtual-time-budget=5000", "--dump-dom", new Uri(html).AbsoluteUri + "#q=moderators");

        Assert.Contains("data-state=\"ready\"", dom, StringComparison.Ordinal);
        Assert.Matches(ErrorsBox(), dom);
        Assert.Contains("data-cluster=\"c000002\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("data-cluster=\"c000001\"", dom, StringComparison.Ordinal);
        Assert.Contains("Showing 1–1 of 1 clusters", dom, StringComparison.Ordinal);

        var (_, byRole, _) = Chromium.Run("--virtual-time-budget=5000", "--dump-dom", new Uri(html).AbsoluteUri + "#role=excerpt&min=0.3");

        Assert.Contains("data-cluster=\"c000001\"", byRole, StringComparison.Ordinal);
        Assert.DoesNotContain("data-cluster=\"c000002\"", byRole, StringComparison.Ordinal);
        Assert.DoesNotContain(">c000003<", byRole, StringComparison.Ordinal);
        Assert.Contains("Showing 1–1 of 1 clusters", byRole, StringComparison.Ordinal);

        var paged = Path.Combine(temp.Path, "paged.html");
        ReportWriter.Write(docs, ReportSeeds.Texts(docs), clusters, paged, ReportOptions.Default with { PageSize = 2 }, DateTimeOffset.UnixEpoch);
        var (_, secondPage, _) = Chromium.Run("--virtual-time-budget=5000", "--dump-dom", new Uri(paged).AbsoluteUri + "#page=2");

        Assert.Contains("Showing 3–4 of 4 clusters", secondPage, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", secondPage, StringComparison.Ordinal);
        Assert.Contains(">c000004<", secondPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-cluster=\"c000001\"", secondPage, StringComparison.Ordinal);
    }

    /// <summary>Skips without chromium, except in CI, where the browser is required.</summary>
    private static void RequireChromium()
    {
        if (Chromium.IsInstalled)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{Chromium.ExecutablePath} is missing but CI=true: run .ci/browser-setup.sh as root before the tests");
        }

        Assert.Skip("chromium not installed: apt-get install chromium");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NearDup.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"NearDup.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The error box, empty.</summary>
    [GeneratedRegex("<div id=\"errors\"[^>]*></div>")]
    private static partial Regex ErrorsBox();
}
