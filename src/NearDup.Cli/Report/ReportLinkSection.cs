using System.Globalization;
using System.Net;

namespace NearDup.Cli.Report;

/// <summary>
/// The report's table of links between clusters, drawn on the server so it reads without JavaScript: a document can
/// quote several stories, and every such link is listed, whichever cluster the document sits in; so is every copy
/// link whose two documents the clustering kept in different clusters.
/// </summary>
internal static class ReportLinkSection
{
    /// <summary>Rows drawn at most; the heaviest links first, the count of the rest said below the table.</summary>
    public const int MaxRows = 1000;

    public static void Write(TextWriter html, IReadOnlyList<ReportLink> links)
    {
        if (links.Count == 0)
        {
            return;
        }
        html.Write("<section class=\"links\" aria-label=\"Links between clusters\">\n<h2>Links between clusters</h2>\n");
        html.Write("<p class=\"note\">Reuse: different stories that share text (a follow-up's background paragraph, a shared quote, a filled-in template); ");
        html.Write("it never merges clusters. Copy, kept apart: two copies whose clusters stay apart, because joining them would put texts the judge ");
        html.Write("calls different stories together (a version of an article copying part of another version, a post excerpting two stories).</p>\n<table class=\"links\"><thead><tr><th>document</th><th>cluster</th><th>document</th><th>cluster</th>");
        html.Write("<th>relation</th><th>kind</th><th>shared 5-grams</th><th>containment</th></tr></thead><tbody>\n");
        foreach (var link in links.Take(MaxRows))
        {
            html.Write($"<tr><td><bdi>{Encode(link.A)}</bdi></td><td>{Encode(link.ClusterA)}</td><td><bdi>{Encode(link.B)}</bdi></td><td>{Encode(link.ClusterB)}</td>");
            html.Write($"<td>{(link.Relation == "copy" ? "copy, kept apart" : Encode(link.Relation))}</td><td>{Encode(link.Kind ?? "")}</td><td>{link.Shared.ToString("N0", CultureInfo.InvariantCulture)}</td>");
            html.Write($"<td>{link.Containment.ToString("0.####", CultureInfo.InvariantCulture)}</td></tr>\n");
        }
        html.Write("</tbody></table>\n");
        if (links.Count > MaxRows)
        {
            html.Write($"<p class=\"note\">{(links.Count - MaxRows).ToString("N0", CultureInfo.InvariantCulture)} more links not shown.</p>\n");
        }
        html.Write("</section>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
