using System.Text;

namespace NearDup.Tests.Report;

/// <summary>
/// Seed-shaped fixtures for the report tests, written for these tests: one story with a syndicated
/// copy (header and footer), a spun rewrite and an excerpt (two paragraphs, swapped) with a related-posts footer; two different
/// stories on the same topic (singletons); and a notice quoting script-injection strings, with a
/// mirrored copy that adds more of them in its footer.
/// </summary>
internal static class ReportSeeds
{
    public const string StoryId = "news/harbor-bridge";
    public const string SyndicatedId = "wire/harbor-bridge-coastal";
    public const string RewriteId = "blogs/bridge-spun";
    public const string ExcerptId = "aggregator/bridge-excerpt";
    public const string TollsId = "news/bridge-tolls";
    public const string HistoryId = "news/bridge-history";
    public const string NoticeId = "misc/notice";
    public const string MirrorId = "misc/notice-mirror";

    /// <summary>Attribute the injected markup would set if it ever ran.</summary>
    public const string PwnedAttribute = "data-pwned";

    public const string Story = """
        Harbor Bridge Reopens After Two-Year Restoration

        The Harbor Bridge reopened to traffic on Monday morning after a two-year restoration that replaced its corroded steel deck and repainted the towers in their original green.

        Mayor Elena Ortiz cut a ribbon at the east approach while a brass band played and several hundred residents walked across the span before the first cars were allowed through.

        Engineers said the new deck is designed to last at least seventy years and can carry heavier trucks than the old structure, which had been limited to ten tons since 2015.

        The project cost 48 million dollars, roughly six million more than planned, because crews found deeper rust inside the north tower than inspections had shown.

        Commuters who spent two years on a detour through the industrial district said the reopening would cut their morning drive by twenty minutes or more.
        """;

    public const string SyndicationHeader = "COASTAL DAILY | Local News | Subscribe for $1 a week\nPosted by Staff Wire, 6:45 AM\n\n";

    public const string SyndicationFooter = "\n\n© 2024 Coastal Daily. All rights reserved.\nShare this story: Facebook · X · Email · Print";

    public const string Rewrite = """
        Harbor Bridge Opens Again Following Two-Year Repair Work

        Traffic returned to the Harbor Bridge on Monday morning after a two-year restoration that swapped out its rusted steel deck and gave the towers a fresh coat of their original green.

        Mayor Elena Ortiz snipped a ribbon at the eastern approach as a brass band performed, and hundreds of locals strolled over the bridge before cars were let through.

        According to engineers, the new deck should last at least seventy years and can carry heavier trucks than the old structure, which had been limited to ten tons since 2015.

        The work came to 48 million dollars, about six million over budget, since crews discovered worse corrosion inside the north tower than earlier checks had revealed.

        Drivers who endured two years of detours through the industrial district expect the reopening to shave twenty minutes or more off their commute.
        """;

    public const string Excerpt = """
        Morning Briefing: Harbor Bridge

        Engineers said the new deck is designed to last at least seventy years and can carry heavier trucks than the old structure, which had been limited to ten tons since 2015.

        The Harbor Bridge reopened to traffic on Monday morning after a two-year restoration that replaced its corroded steel deck and repainted the towers in their original green.

        Read the full story at Coastal Daily.

        Related posts:
        - Ferry schedule changes for the summer season
        - City council approves new bike lanes downtown
        - Weekend farmers market moves to the waterfront
        """;

    public const string Tolls = """
        Council Debates Tolls for Restored Harbor Bridge

        City council members spent three hours on Thursday arguing over whether drivers should pay a toll to cross the newly restored Harbor Bridge. Supporters said a small fee would fund future maintenance, while opponents warned it would push traffic back onto neighborhood streets. A vote is expected next month.
        """;

    public const string History = """
        A Century of Crossings: The Story of Harbor Bridge

        When the Harbor Bridge opened in 1924 it was the longest steel span in the state. Horse carts shared the deck with early automobiles, and a toll keeper lived in a small house at the west end. The local historical society is collecting photographs from every decade for an exhibition this fall.
        """;

    /// <summary>The injection strings the report must show as text.</summary>
    /// <summary>The report's text loader over <paramref name="docs"/>: the CLI's reader with default fields.</summary>
    public static Func<ISet<string>, IReadOnlyDictionary<string, string>> Texts(string docs) =>
        needed => NearDup.Cli.Input.DocumentTexts.Load(docs, new NearDup.Cli.Input.InputOptions(), needed);

    public static readonly string[] InjectionStrings =
    [
        "<script>alert(1)</script>",
        "</textarea>",
        "</script>",
        "<img src=x onerror=alert(1)>",
    ];

    public static readonly string Notice =
        "Site Notice: Comment Formatting\n\n"
        + "Readers who paste code into comments will see it printed as plain text, for example "
        + "<script>alert(1)</script> or </textarea> or </script> or <img src=x onerror=alert(1)> and nothing runs at all.\n\n"
        + "Markup that tries to change the page, like <img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"> "
        + "or <script>document.body.setAttribute('data-pwned','script')</script>, stays inert as well.\u2028"
        + "Our moderators review every comment before it appears on the site, <!-- even hidden ones -->. "
        + "Contact the editors with any questions about the new policy.";

    public static readonly string Mirror =
        "Mirror of Site Notice\n\n" + Notice
        + "\n\n<b>mirror footer</b> </script><script>document.body.setAttribute('data-pwned','footer')</script>";

    /// <summary>The clusters JSONL, as <c>neardup cluster</c> would write it (canonical listed later in c000002).</summary>
    public const string ClustersJsonl = """
        {"cluster":"c000001","canonical":"news/harbor-bridge","members":[{"id":"news/harbor-bridge","role":"canonical","jaccard":1,"containment":1},{"id":"wire/harbor-bridge-coastal","role":"syndicated","jaccard":0.86,"containment":0.97},{"id":"aggregator/bridge-excerpt","role":"excerpt","jaccard":0.31,"containment":0.82},{"id":"blogs/bridge-spun","role":"rewritten","jaccard":0.38,"containment":0.45}]}
        {"cluster":"c000002","canonical":"misc/notice","members":[{"id":"misc/notice-mirror","role":"syndicated","jaccard":0.9,"containment":0.95},{"id":"misc/notice","role":"canonical","jaccard":1,"containment":1}]}
        {"cluster":"c000003","canonical":"news/bridge-tolls","members":[{"id":"news/bridge-tolls","role":"canonical","jaccard":1,"containment":1}]}
        {"cluster":"c000004","canonical":"news/bridge-history","members":[{"id":"news/bridge-history","role":"canonical","jaccard":1,"containment":1}]}

        """;

    public static string Syndicated => SyndicationHeader + Story + SyndicationFooter;

    /// <summary>Every fixture document by id.</summary>
    public static IReadOnlyDictionary<string, string> Documents => new Dictionary<string, string>
    {
        [StoryId] = Story,
        [SyndicatedId] = Syndicated,
        [RewriteId] = Rewrite,
        [ExcerptId] = Excerpt,
        [TollsId] = Tolls,
        [HistoryId] = History,
        [NoticeId] = Notice,
        [MirrorId] = Mirror,
    };

    /// <summary>
    /// Writes the documents as <c>docs/&lt;id&gt;.txt</c> and the clusters as <c>clusters.jsonl</c> under
    /// <paramref name="root"/>; returns both paths.
    /// </summary>
    public static (string Docs, string Clusters) Write(string root)
    {
        var docs = Path.Combine(root, "docs");
        foreach (var (id, text) in Documents)
        {
            var path = Path.Combine(docs, id + ".txt");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }

        var clusters = Path.Combine(root, "clusters.jsonl");
        File.WriteAllText(clusters, ClustersJsonl, new UTF8Encoding(false));
        return (docs, clusters);
    }
}
