using System.Globalization;
using System.Net;
using System.Text;
using NearDup.Clustering;

namespace NearDup.Cli.Report;

/// <summary>
/// Inline SVG bar charts for the report's overview, drawn here so the page needs no chart library.
/// Colors come from CSS classes (<c>bar</c>, <c>r-syndicated</c>, ...) defined in <see cref="ReportAssets"/>.
/// </summary>
internal static class ReportCharts
{
    private const int Width = 560;
    private const int Height = 250;
    private const int Left = 48;
    private const int Right = 12;
    private const int Top = 40;
    private const int Bottom = 46;

    /// <summary>Upper bounds of the cluster-size bins; the last bin is open ("101+").</summary>
    private static readonly int[] s_sizeBins = [2, 3, 4, 5, 10, 20, 50, 100];

    /// <summary>Copy roles stacked in the score histogram, bottom to top.</summary>
    private static readonly CopyRole[] s_copyRoles = [CopyRole.Exact, CopyRole.Syndicated, CopyRole.Rewritten, CopyRole.Excerpt];

    /// <summary>One stacked series: a CSS class for its color, a legend name and a count per bin.</summary>
    private sealed record Series(string CssClass, string Name, long[] Counts);

    /// <summary>Histogram of the sizes of clusters with at least two documents.</summary>
    public static string SizeHistogram(IEnumerable<int> clusterSizes)
    {
        var labels = new List<string>();
        var lower = 2;
        foreach (var upper in s_sizeBins)
        {
            labels.Add(lower == upper ? Format(upper) : $"{Format(lower)}–{Format(upper)}");
            lower = upper + 1;
        }

        labels.Add($"{Format(lower)}+");
        var counts = new long[labels.Count];
        foreach (var size in clusterSizes)
        {
            if (size < 2)
            {
                continue;
            }

            var bin = Array.FindIndex(s_sizeBins, upper => size <= upper);
            counts[bin < 0 ? s_sizeBins.Length : bin]++;
        }

        return BarChart("Cluster sizes", labels, [new Series("bar", "clusters", counts)], "documents per cluster", legend: false);
    }

    /// <summary>Histogram of the Jaccard similarity of every copy with its canonical, in tenths, stacked by role.</summary>
    public static string ScoreHistogram(IEnumerable<ClusterMember> copies)
    {
        const int bins = 10;
        var labels = Enumerable.Range(0, bins).Select(i => (i / 10.0).ToString("0.0", CultureInfo.InvariantCulture)).ToList();
        var series = s_copyRoles.Select(role => new Series("r-" + ClusterRoles.Names[(int)role], ClusterRoles.Names[(int)role], new long[bins])).ToArray();
        foreach (var copy in copies)
        {
            var stack = Array.IndexOf(s_copyRoles, copy.Role);
            if (stack < 0)
            {
                continue;
            }

            var bin = Math.Clamp((int)Math.Floor(copy.Jaccard * bins), 0, bins - 1);
            series[stack].Counts[bin]++;
        }

        return BarChart("Jaccard similarity of copies to their canonical", labels, series, "Jaccard similarity (bin start)", legend: true);
    }

    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    private static string BarChart(string title, IReadOnlyList<string> labels, IReadOnlyList<Series> series, string axisTitle, bool legend)
    {
        var totals = new long[labels.Count];
        foreach (var s in series)
        {
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] += s.Counts[i];
            }
        }

        var max = totals.Max();
        var step = NiceStep(Math.Max(1, max) / 4.0);
        var top = Math.Max(step, (long)Math.Ceiling(max / (double)step) * step);
        var svg = new StringBuilder(4096);
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>");
        AppendGrid(svg, top, step);
        AppendBars(svg, labels, series, totals, top);
        AppendAxis(svg, axisTitle, empty: max == 0);
        if (legend)
        {
            AppendLegend(svg, series);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The height of <paramref name="value"/> on a scale whose highest tick is <paramref name="top"/>.</summary>
    private static double Y(double value, long top) => Top + PlotHeight - value / top * PlotHeight;

    private static void AppendGrid(StringBuilder svg, long top, long step)
    {
        for (long tick = 0; tick <= top; tick += step)
        {
            var y = Y(tick, top);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Format(tick)}</text>");
        }
    }

    /// <summary>Each bin's stacked bars, its total above them and its label below.</summary>
    private static void AppendBars(StringBuilder svg, IReadOnlyList<string> labels, IReadOnlyList<Series> series, long[] totals, long top)
    {
        var binWidth = PlotWidth / labels.Count;
        var barWidth = binWidth * 0.72;
        for (var i = 0; i < labels.Count; i++)
        {
            var x = Left + i * binWidth + (binWidth - barWidth) / 2;
            double stacked = 0;
            foreach (var s in series)
            {
                var count = s.Counts[i];
                if (count == 0)
                {
                    continue;
                }

                var y0 = Y(stacked, top);
                var y1 = Y(stacked + count, top);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"{s.CssClass}\" x=\"{x:0.#}\" y=\"{y1:0.#}\" width=\"{barWidth:0.#}\" height=\"{Math.Max(0.5, y0 - y1):0.#}\"><title>{Encode(labels[i])}: {Format(count)} {Encode(s.Name)}</title></rect>");
                stacked += count;
            }

            if (totals[i] > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{x + barWidth / 2:0.#}\" y=\"{Y(totals[i], top) - 5:0.#}\" text-anchor=\"middle\">{Format(totals[i])}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x + barWidth / 2:0.#}\" y=\"{Top + PlotHeight + 16:0.#}\" text-anchor=\"middle\">{Encode(labels[i])}</text>");
        }
    }

    private static void AppendAxis(StringBuilder svg, string axisTitle, bool empty)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + PlotHeight:0.#}\" y2=\"{Top + PlotHeight:0.#}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-title\" x=\"{Left + PlotWidth / 2:0.#}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Encode(axisTitle)}</text>");
        if (empty)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"empty\" x=\"{Left + PlotWidth / 2:0.#}\" y=\"{Top + PlotHeight / 2:0.#}\" text-anchor=\"middle\">no clusters with copies</text>");
        }
    }

    private static void AppendLegend(StringBuilder svg, IReadOnlyList<Series> series)
    {
        var lx = (double)Left;
        foreach (var s in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{s.CssClass}\" x=\"{lx:0.#}\" y=\"6\" width=\"10\" height=\"10\" rx=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"legend\" x=\"{lx + 14:0.#}\" y=\"15\">{Encode(s.Name)}</text>");
            lx += 24 + s.Name.Length * 7.2;
        }
    }

    /// <summary>Smallest 1, 2 or 5 × 10^k that is at least <paramref name="raw"/> (and at least 1).</summary>
    internal static long NiceStep(double raw)
    {
        long magnitude = 1;
        while (true)
        {
            foreach (var factor in (ReadOnlySpan<long>)[1, 2, 5])
            {
                if (factor * magnitude >= raw)
                {
                    return factor * magnitude;
                }
            }

            magnitude *= 10;
        }
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
