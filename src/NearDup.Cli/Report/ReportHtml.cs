using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NearDup.Cli.Report;

/// <summary>
/// Writes the self-contained HTML page: markup with escaped text, the overview's inline SVG charts,
/// the data as one <c>&lt;script type="application/json" id="neardup-data"&gt;</c> block and the
/// inline CSS and script of <see cref="ReportAssets"/>. No external resources.
/// </summary>
/// <remarks>
/// Data layout (compact arrays, since a 100,000-document report is mostly this block):
/// <code>
/// { "version": 1, "title": "...", "roles": ["canonical", "exact", ...], "pageSize": 20, "minRun": 4,
///   "maxText": 20000,                                     // the length texts were cut to
///   "docs": [[id, text or null, flags, more], ...],      // flags: 1 trimmed, 2 omitted; more: chars left out
///   "clusters": [{"id": "c000001", "h": "headline",       // two or more members, largest first; h: the summary's line
///                 "m": [[doc, role, jaccard, containment, [aStart, aEnd, bStart, bEnd, inOrder, ...]], ...]}],
///   "singles": [[clusterId, docId], ...] }
/// </code>
/// <c>doc</c> indexes <c>docs</c>; <c>role</c> indexes <c>roles</c>; the flat passage list has five numbers
/// per passage (UTF-16 offsets in the canonical's and the member's text, 1 if in order) and is empty for the canonical.
/// </remarks>
internal static partial class ReportHtml
{
    /// <summary>Writes the page for <paramref name="model"/> to <paramref name="output"/> (left open).</summary>
    public static void Write(Stream output, ReportModel model, ReportOptions options, ReportSource source)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using (var html = new StreamWriter(output, utf8, bufferSize: 1 << 16, leaveOpen: true))
        {
            WriteHead(html, options);
            WriteOverview(html, model, options, source);
            ReportLinkSection.Write(html, model.Links);
            WriteClusterSection(html);
            html.Write("<script type=\"application/json\" id=\"neardup-data\">");
        }

        using (var escaper = new ScriptJsonStream(output, leaveOpen: true))
        {
            WriteData(escaper, model, options);
        }

        using (var html = new StreamWriter(output, utf8, bufferSize: 1 << 12, leaveOpen: true))
        {
            html.Write("</script>\n<script>");
            html.Write(ReportAssets.Script);
            html.Write("</script>\n</body>\n</html>\n");
        }
    }

    private static void WriteHead(StreamWriter html, ReportOptions options)
    {
        html.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Write("<meta name=\"generator\" content=\"neardup report\">\n");
        html.Write($"<title>{Encode(options.Title)}</title>\n<style>");
        html.Write(ReportAssets.Css);
        html.Write("</style>\n<script>");
        html.Write(ReportAssets.ErrorCatcher);
        html.Write("</script>\n</head>\n<body data-state=\"loading\">\n");
    }

    private static void WriteOverview(StreamWriter html, ReportModel model, ReportOptions options, ReportSource source)
    {
        var roleCounts = new long[ClusterRoles.Names.Count];
        foreach (var member in model.Groups.SelectMany(g => g.Members.Skip(1)))
        {
            roleCounts[(int)member.Role]++;
        }

        var copies = roleCounts.Sum();
        var generated = source.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        html.Write("<header class=\"top\"><div class=\"wrap\">");
        html.Write($"<h1>{Encode(options.Title)}</h1>");
        html.Write($"<p class=\"sub\">Documents <code>{Encode(source.Input)}</code> · clusters <code>{Encode(source.Clusters)}</code>");
        html.Write($" · generated {Encode(generated)}</p></div></header>\n");
        html.Write("<main class=\"wrap\">\n<div id=\"errors\" role=\"alert\" hidden></div>\n");
        html.Write("<noscript><p class=\"note\">The cluster list needs JavaScript; the overview above works without it.</p></noscript>\n");
        html.Write("<section class=\"overview\" aria-label=\"Overview\">\n<div class=\"cards\">");
        Card(html, model.DocumentCount, "documents");
        Card(html, model.Groups.Count, "clusters of 2+");
        Card(html, copies, "copies");
        Card(html, model.Singletons.Count, "singletons");
        html.Write("</div>\n<div class=\"role-counts\">");
        for (var r = 1; r < roleCounts.Length; r++)
        {
            var name = ClusterRoles.Names[r];
            html.Write($"<span class=\"role-count\"><span class=\"role r-{name}\">{name}</span> <b>{Format(roleCounts[r])}</b></span>");
        }

        html.Write("</div>\n<div class=\"charts\">");
        html.Write("<figure><figcaption>Cluster sizes <span class=\"hint\">(clusters of two or more documents)</span></figcaption>");
        html.Write(ReportCharts.SizeHistogram(model.Groups.Select(g => g.Members.Count)));
        html.Write("</figure><figure><figcaption>Similarity <span class=\"hint\">(Jaccard of each copy with its canonical)</span></figcaption>");
        html.Write(ReportCharts.ScoreHistogram(model.Groups.SelectMany(g => g.Members.Skip(1))));
        html.Write("</figure></div>\n");
        var truncated = model.Documents.Sum(d => d.Count(x => x.Flags.HasFlag(ReportTextFlags.Truncated)));
        var omitted = model.Documents.Sum(d => d.Count(x => x.Flags.HasFlag(ReportTextFlags.Omitted)));
        html.Write($"<p class=\"note\">Shared passages: runs of at least {options.MinRunWords} consecutive words (case, accents and punctuation ignored). ");
        html.Write($"Texts are embedded up to {Format(model.TextChars)} characters per document");
        if (model.TextChars < options.MaxTextChars)
        {
            html.Write($" (cut from {Format(options.MaxTextChars)} to keep all texts within {Format(options.MaxTotalTextChars)} characters)");
        }

        if (truncated > 0)
        {
            html.Write($"; {Format(truncated)} trimmed, each with a note of what is left out");
        }

        if (omitted > 0)
        {
            html.Write($"; {Format(omitted)} documents over the {Format(options.MaxTotalTextChars)}-character total budget are listed by id only");
        }

        html.Write(".</p>\n</section>\n");
    }

    private static void WriteClusterSection(StreamWriter html)
    {
        html.Write("""
            <section class="clusters" aria-label="Clusters">
            <h2>Clusters</h2>
            <div class="toolbar">
            <input type="search" id="q" placeholder="Search id or text…" aria-label="Search by document id, cluster id or text">
            <label>Role <select id="role"><option value="">any</option><option value="1">exact</option><option value="2">syndicated</option><option value="3">rewritten</option><option value="4">excerpt</option><option value="single">singletons only</option></select></label>
            <label>Min Jaccard <input type="number" id="min" min="0" max="1" step="0.05" value="0"></label>
            <label class="check"><input type="checkbox" id="singles" checked> singletons</label>
            </div>
            <p id="summary" class="summary"></p>
            <div id="list"></div>
            <nav id="pager" class="pager" aria-label="Pages"></nav>
            </section>
            </main>

            """);
    }

    private static void WriteData(Stream escaper, ReportModel model, ReportOptions options)
    {
        var writerOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var json = new Utf8JsonWriter(escaper, writerOptions);
        json.WriteStartObject();
        WriteSettings(json, model, options);
        WriteDocuments(json, model);
        WriteClusters(json, model);
        WriteSingletons(json, model);
        json.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter json, ReportModel model, ReportOptions options)
    {
        json.WriteNumber("version", 1);
        json.WriteString("title", options.Title);
        json.WriteStartArray("roles");
        foreach (var role in ClusterRoles.Names)
        {
            json.WriteStringValue(role);
        }

        json.WriteEndArray();
        json.WriteNumber("pageSize", options.PageSize);
        json.WriteNumber("minRun", options.MinRunWords);
        json.WriteNumber("maxText", model.TextChars);
    }

    /// <summary>Each document as [id, text or null, flags, characters left out], in the order members refer to them.</summary>
    private static void WriteDocuments(Utf8JsonWriter json, ReportModel model)
    {
        json.WriteStartArray("docs");
        foreach (var documents in model.Documents)
        {
            foreach (var document in documents)
            {
                json.WriteStartArray();
                json.WriteStringValue(document.Id);
                if (document.Text is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(document.Text);
                }

                json.WriteNumberValue((int)document.Flags);
                json.WriteNumberValue(document.MoreChars);
                json.WriteEndArray();
            }

            FlushIfLarge(json);
        }

        json.WriteEndArray();
    }

    private static void WriteClusters(Utf8JsonWriter json, ReportModel model)
    {
        json.WriteStartArray("clusters");
        var docIndex = 0;
        for (var g = 0; g < model.Groups.Count; g++)
        {
            var cluster = model.Groups[g];
            json.WriteStartObject();
            json.WriteString("id", cluster.Id);
            json.WriteString("h", model.Previews[g]);
            json.WriteStartArray("m");
            for (var m = 0; m < cluster.Members.Count; m++)
            {
                WriteMember(json, docIndex++, cluster.Members[m], model.Passages[g][m]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            FlushIfLarge(json);
        }

        json.WriteEndArray();
    }

    /// <summary>A member as [document index, role, Jaccard, containment, [passages as aStart, aEnd, bStart, bEnd, in order]].</summary>
    private static void WriteMember(Utf8JsonWriter json, int docIndex, NearDup.Clustering.ClusterMember member, IReadOnlyList<SharedPassage> passages)
    {
        json.WriteStartArray();
        json.WriteNumberValue(docIndex);
        json.WriteNumberValue((int)member.Role);
        json.WriteNumberValue(Math.Round(member.Jaccard, 4));
        json.WriteNumberValue(Math.Round(member.Containment, 4));
        json.WriteStartArray();
        foreach (var p in passages)
        {
            json.WriteNumberValue(p.AStart);
            json.WriteNumberValue(p.AEnd);
            json.WriteNumberValue(p.BStart);
            json.WriteNumberValue(p.BEnd);
            json.WriteNumberValue(p.InOrder ? 1 : 0);
        }

        json.WriteEndArray();
        json.WriteEndArray();
    }

    private static void WriteSingletons(Utf8JsonWriter json, ReportModel model)
    {
        json.WriteStartArray("singles");
        foreach (var single in model.Singletons)
        {
            json.WriteStartArray();
            json.WriteStringValue(single.Id);
            json.WriteStringValue(single.Canonical.Id);
            json.WriteEndArray();
            FlushIfLarge(json);
        }

        json.WriteEndArray();
    }

    private static void FlushIfLarge(Utf8JsonWriter json)
    {
        if (json.BytesPending > 1 << 16)
        {
            json.Flush();
        }
    }

    private static void Card(StreamWriter html, long value, string label)
        => html.Write($"<div class=\"card\"><div class=\"num\">{Format(value)}</div><div class=\"label\">{Encode(label)}</div></div>");

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// HTML-encodes server-rendered text (title, file paths): a bidirectional control (U+200E/F, U+202A-E, U+2066-9)
    /// is shown as <c>[U+202E]</c>, as the page's script shows it in ids, since an entity would still reorder the page.
    /// </summary>
    private static string Encode(string text) => WebUtility.HtmlEncode(BidiControls().Replace(text, m => $"[U+{(int)m.Value[0]:X4}]"));

    [System.Text.RegularExpressions.GeneratedRegex("[\u200E\u200F\u202A-\u202E\u2066-\u2069]")]
    private static partial System.Text.RegularExpressions.Regex BidiControls();
}
