using System.Globalization;
using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>
/// A publishing site and its boilerplate: header and navigation, cookie banner, byline style,
/// footer, a pool of related-post entries and, for scraper sites, proxy-rewritten links. All of it is
/// fixed per site, so different stories republished by the same site share it: a method that
/// keys on whole-page shingles will link them (the boilerplate trap).
/// </summary>
internal sealed class Site
{
    private static readonly string[] s_nav =
    [
        "Home", "News", "World", "US", "Politics", "Business", "Tech", "Science", "Health", "Sports", "Entertainment",
        "Opinion", "Lifestyle", "Travel", "Video", "Weather", "Local", "Crime", "Education", "Climate", "Money", "Culture",
    ];

    private static readonly string[] s_mastheads = ["Herald", "Times", "Post", "Gazette", "Tribune", "Chronicle", "Courier", "Observer", "Independent", "Daily", "Record", "Sentinel"];
    private static readonly string[] s_relatedHeaders = ["Related Posts", "You may also like", "More from {0}", "Recommended", "Read next", "Most popular"];
    private static readonly string[] s_proxyHosts = ["kproxy", "hidester", "proxysite", "croxy", "webproxy", "unblockit"];

    private Site(string name, string domain)
    {
        Name = name;
        Domain = domain;
    }

    public string Name { get; }

    public string Domain { get; }

    /// <summary>Lines before the article (site name, navigation, optional banner).</summary>
    public string Header { get; private set; } = "";

    /// <summary>Lines after the article (comment prompt, newsletter, cookie text, copyright).</summary>
    public string Footer { get; private set; } = "";

    public string RelatedHeader { get; private set; } = "";

    public string[] RelatedPool { get; private set; } = [];

    public int BylineStyle { get; private set; }

    /// <summary>Proxy prefix for scraper sites that rewrite links, else null.</summary>
    public string? ProxyPrefix { get; private set; }

    /// <summary>True when the site typesets curly quotes.</summary>
    public bool CurlyQuotes { get; private set; }

    public static Site Create(ulong seed, int index)
    {
        var lex = Lexicon.Shared;
        var rng = Rng.For(seed, (ulong)index, Streams.Site);
        var topic = Topic.Create(seed, (1UL << 62) | (uint)index);
        var prose = new ProseWriter(rng, topic, []);
        string stem = lex.CapitalWord(rng);
        string name = rng.Next(4) switch
        {
            0 => "The " + rng.Pick(topic.Places) + " " + rng.Pick(s_mastheads),
            1 => stem + " News",
            2 => stem + "Wire",
            _ => "The " + stem + " " + rng.Pick(s_mastheads),
        };
        string domain = name.Replace("The ", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() + (rng.Chance(0.8) ? ".com" : ".net");
        var site = new Site(name, domain)
        {
            BylineStyle = rng.Next(4),
            CurlyQuotes = rng.Chance(0.5),
            RelatedHeader = string.Format(CultureInfo.InvariantCulture, rng.Pick(s_relatedHeaders), name),
        };

        if (rng.Chance(0.2))
        {
            site.ProxyPrefix = string.Create(CultureInfo.InvariantCulture, $"https://server{rng.Between(1, 9)}.{rng.Pick(s_proxyHosts)}.com/servlet/redirect.srv/{lex.ZipfWord(rng)}/{lex.ZipfWord(rng)}/p{rng.Between(1, 4)}/");
        }

        var nav = new List<string>(s_nav);
        rng.Shuffle(nav);
        int navCount = rng.Between(5, 10);
        var header = new StringBuilder();
        header.Append(name).Append('\n');
        header.AppendJoin(rng.Chance(0.5) ? " | " : "  ", nav.Take(navCount)).Append('\n');
        if (rng.Chance(0.5))
        {
            header.Append("Subscribe").Append(rng.Chance(0.5) ? " | Sign in" : " Log in").Append('\n');
        }

        site.Header = header.ToString();

        var footer = new StringBuilder();
        switch (rng.Next(3))
        {
            case 0:
                footer.Append("Join our commenting forum\n\nJoin thought-provoking conversations, follow other ").Append(name).Append(" readers and see their replies\n\n");
                break;
            case 1:
                footer.Append("Sign up for the ").Append(name).Append(" newsletter. ").Append(prose.Sentence()).Append("\n\n");
                break;
            default:
                footer.Append("Follow ").Append(name).Append(" on social media. ").Append(prose.Sentence()).Append("\n\n");
                break;
        }

        footer.Append(rng.Pick(["We use cookies to improve your experience on ", "This site uses cookies. By continuing to browse ", "Cookies help us deliver our services on "]))
            .Append(domain).Append(". ").Append(prose.Sentence()).Append(' ').Append(prose.Sentence()).Append("\n\n");
        footer.Append("\u00a9 ").Append(rng.Between(2009, 2024).ToString(CultureInfo.InvariantCulture)).Append(' ').Append(name).Append(". All rights reserved.");
        if (rng.Chance(0.5))
        {
            footer.Append(" | Privacy Policy | Terms of Use");
        }

        site.Footer = footer.ToString();

        var pool = new string[rng.Between(12, 24)];
        for (int i = 0; i < pool.Length; i++)
        {
            string excerpt = prose.Sentence();
            excerpt = excerpt[..Math.Min(excerpt.Length, rng.Between(60, 140))].TrimEnd();
            pool[i] = prose.Headline() + "\n" + name + "\n\n" + prose.Author() + ", " + excerpt + " Read more";
        }

        site.RelatedPool = pool;
        return site;
    }

    /// <summary>A related-posts block of 3–5 entries from the site's pool.</summary>
    public void AppendRelated(StringBuilder sb, Rng rng)
    {
        sb.Append(RelatedHeader).Append("\n\n");
        int count = rng.Between(3, 5);
        int start = rng.Next(RelatedPool.Length);
        for (int i = 0; i < count; i++)
        {
            sb.Append(RelatedPool[(start + i) % RelatedPool.Length]).Append("\n\n");
        }
    }

    /// <summary>The byline in this site's style.</summary>
    public void AppendByline(StringBuilder sb, string author, DateOnly date, Rng rng)
    {
        var lex = Lexicon.Shared;
        switch (BylineStyle)
        {
            case 0:
                sb.Append("By ").Append(author).Append('\n').Append(date.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture));
                break;
            case 1:
                sb.Append(author).Append(',').Append(lex.FirstName(rng)).Append(' ').Append(lex.LastName(rng)).Append('\n')
                    .Append(date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)).Append(' ')
                    .Append(rng.Between(0, 23).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
                    .Append(rng.Next(60).ToString("D2", CultureInfo.InvariantCulture)).Append(" BST");
                break;
            case 2:
                sb.Append(author).Append(" | ").Append(Name).Append(" | ").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append("Posted by ").Append(author).Append(" on ").Append(date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture));
                break;
        }

        sb.Append("\n\n");
    }

    /// <summary>Proxy junk as scraper sites leave it: navigation words glued to rewritten links.</summary>
    public void AppendProxyLine(StringBuilder sb, string headline, Rng rng)
    {
        string prefix = ProxyPrefix ?? "https://" + Domain + "/";
        sb.Append("Home ").Append(prefix).Append(' ').Append(rng.Pick(s_nav)).Append(' ').Append(prefix).Append(' ').Append(headline).Append("\n\n");
    }
}
