namespace NearDup.Cli.Report;

/// <summary>
/// The line a cluster's summary shows: the story's headline or first sentence, taken from the canonical's text, not
/// the navigation header a site wraps around a syndicated copy. Leading lines are skipped when they look like a menu
/// (several short items between separators) or are boilerplate (the same line opens documents of several clusters:
/// a site's name or its sign-in bar); of the rest, the first headline-like line (short, not a sentence or a byline)
/// another member of the cluster also has is preferred, since a site's wrapper is its own while the headline travels
/// with the story; when no member shares one (a rewrite retitles the story), the first line left.
/// </summary>
internal static class ReportPreview
{
    /// <summary>Lines read from the top of a text: a header is a few lines, the headline comes right after it.</summary>
    public const int LeadingLines = 12;

    /// <summary>A leading line found in documents of this many clusters is boilerplate.</summary>
    public const int BoilerplateClusters = 3;

    private const string Separators = "|·•»";

    /// <summary>
    /// The boilerplate lines among the leading lines of the clusters' texts (<paramref name="clusterTexts"/>: per
    /// cluster, its members' texts), in their normalized form (<see cref="Normalize"/>).
    /// </summary>
    public static HashSet<string> BoilerplateLines(IEnumerable<IEnumerable<string?>> clusterTexts)
    {
        var clusters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var texts in clusterTexts)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var text in texts)
            {
                seen.UnionWith(Leading(text ?? "").Select(Normalize));
            }

            foreach (var line in seen)
            {
                clusters[line] = clusters.GetValueOrDefault(line) + 1;
            }
        }

        return clusters.Where(c => c.Value >= BoilerplateClusters).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The preview of a cluster whose canonical text is <paramref name="canonical"/> and whose other members' texts are
    /// <paramref name="others"/>, leaving out <paramref name="boilerplate"/> lines; the text's first line when every
    /// leading line is skipped, white space collapsed.
    /// </summary>
    public static string Choose(string canonical, IEnumerable<string?> others, IReadOnlySet<string> boilerplate)
    {
        var lines = Leading(canonical).ToList();
        var candidates = lines.Where(l => !IsMenu(l) && !IsByline(l) && !boilerplate.Contains(Normalize(l))).ToList();
        if (candidates.Count == 0)
        {
            return lines.Count == 0 ? "" : Collapse(lines[0]);
        }

        var elsewhere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in others)
        {
            elsewhere.UnionWith(Lines(other ?? "").Take(4 * LeadingLines).Select(Normalize));
        }

        return Collapse(candidates.FirstOrDefault(l => IsHeadlineLike(l) && elsewhere.Contains(Normalize(l))) ?? candidates[0]);
    }

    /// <summary>Whether a line could be a headline: at most 16 words, not a sentence (ending in . ! ? or a closing quote) nor a quote.</summary>
    public static bool IsHeadlineLike(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 16 && ".!?\"”’…".IndexOf(line[^1], StringComparison.Ordinal) < 0
            && "\"“‘".IndexOf(line[0], StringComparison.Ordinal) < 0;

    /// <summary>Whether a line names the author, as a byline does (<c>By …</c>, <c>Posted by …</c>): never the preview.</summary>
    public static bool IsByline(string line) =>
        line.StartsWith("By ", StringComparison.Ordinal) || line.StartsWith("Posted by ", StringComparison.Ordinal);

    /// <summary>
    /// Whether a line reads as navigation: three or more items between separators (<c>|</c>, <c>·</c>, <c>•</c>,
    /// <c>»</c>, or runs of two spaces), or one or two separators in a line of at most six words.
    /// </summary>
    public static bool IsMenu(string line)
    {
        int separators = line.Count(Separators.Contains) + CountWideGaps(line);
        int words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));
        return separators >= 2 || (separators == 1 && words <= 6);
    }

    /// <summary>A line as lines are compared: trimmed, white space collapsed, lower case.</summary>
    public static string Normalize(string line) => Collapse(line).ToLowerInvariant();

    private static IEnumerable<string> Leading(string text) => Lines(text).Take(LeadingLines);

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Any(char.IsLetterOrDigit));

    private static int CountWideGaps(string line)
    {
        int gaps = 0;
        for (int i = 1; i < line.Length - 1; i++)
        {
            if (line[i] == ' ' && line[i - 1] == ' ' && (i < 2 || line[i - 2] != ' '))
            {
                gaps++;
            }
        }

        return gaps;
    }

    private static string Collapse(string line) => string.Join(' ', line.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
