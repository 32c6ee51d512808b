namespace NearDup.Cli.Report;

/// <summary>
/// Everything the report shows, computed before any HTML is written: clusters sorted for the list,
/// the embedded texts and the shared passages of every copy with its canonical.
/// </summary>
internal sealed class ReportModel
{
    private ReportModel(
        IReadOnlyList<ReportCluster> groups,
        IReadOnlyList<ReportCluster> singletons,
        IReadOnlyList<ReportDocument[]> documents,
        IReadOnlyList<IReadOnlyList<SharedPassage>[]> passages,
        IReadOnlyList<ReportLink> links,
        IReadOnlyList<string> previews,
        int textChars)
    {
        Links = links;
        Groups = groups;
        Singletons = singletons;
        Documents = documents;
        Passages = passages;
        Previews = previews;
        TextChars = textChars;
    }

    /// <summary>Clusters of two or more documents, largest first, ties by cluster id.</summary>
    public IReadOnlyList<ReportCluster> Groups { get; }

    /// <summary>Clusters of one document, in file order.</summary>
    public IReadOnlyList<ReportCluster> Singletons { get; }

    /// <summary>Per group, its members' documents in member order (canonical first).</summary>
    public IReadOnlyList<ReportDocument[]> Documents { get; }

    /// <summary>Per group and member, the passages the member shares with the canonical (empty for the canonical).</summary>
    public IReadOnlyList<IReadOnlyList<SharedPassage>[]> Passages { get; }

    /// <summary>Per group, the line its summary shows (<see cref="ReportPreview"/>), from the canonical's whole text.</summary>
    public IReadOnlyList<string> Previews { get; }

    /// <summary>The length every embedded text was cut to at most: <see cref="ReportOptions.MaxTextChars"/>, or shorter to fit the budget.</summary>
    public int TextChars { get; }

    /// <summary>Links between clusters (reuse, and copy links kept apart), heaviest first (empty when no pairs were given).</summary>
    public IReadOnlyList<ReportLink> Links { get; }

    /// <summary>Number of documents over all clusters.</summary>
    public long DocumentCount => Groups.Sum(g => (long)g.Members.Count) + Singletons.Count;

    /// <summary>
    /// Sorts <paramref name="clusters"/>, loads the texts of non-singleton members through
    /// <paramref name="loadTexts"/> (given the set of needed ids), cuts them to the options' limits and
    /// aligns every copy with its canonical.
    /// </summary>
    public static ReportModel Build(
        IReadOnlyList<ReportCluster> clusters,
        Func<ISet<string>, IReadOnlyDictionary<string, string>> loadTexts,
        ReportOptions options,
        IReadOnlyList<ReportLink>? links = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(loadTexts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var groups = clusters.Where(c => !c.IsSingleton)
            .OrderByDescending(c => c.Members.Count)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        var singletons = clusters.Where(c => c.IsSingleton).ToList();
        var needed = new HashSet<string>(groups.SelectMany(g => g.Members.Select(m => m.Id)), StringComparer.Ordinal);
        var texts = needed.Count == 0 ? new Dictionary<string, string>() : loadTexts(needed);

        var previews = ChoosePreviews(groups, texts);
        int textChars = TextLength(groups.SelectMany(g => g.Members).Select(m => texts[m.Id].Length), options);
        var documents = Embed(groups, texts, textChars, options.MaxTotalTextChars);
        var passages = new IReadOnlyList<SharedPassage>[groups.Count][];
        Parallel.For(0, groups.Count, g => passages[g] = Align(documents[g], options.MinRunWords));
        return new ReportModel(groups, singletons, documents, passages, links ?? [], previews, textChars);
    }

    /// <summary>
    /// The length texts are cut to: <see cref="ReportOptions.MaxTextChars"/> when all fit the budget so cut, else the
    /// longest length (not below <see cref="ReportOptions.MinTextChars"/>) at which they do.
    /// </summary>
    internal static int TextLength(IEnumerable<int> lengths, ReportOptions options)
    {
        var all = lengths.ToArray();
        long Total(int cap) => all.Sum(n => (long)Math.Min(n, cap));
        int low = Math.Min(options.MinTextChars, options.MaxTextChars), high = options.MaxTextChars;
        if (Total(high) <= options.MaxTotalTextChars || Total(low) > options.MaxTotalTextChars)
        {
            return Total(high) <= options.MaxTotalTextChars ? high : low;
        }

        // Total grows with the cap: the largest cap that fits lies in [low, high).
        while (low < high)
        {
            int middle = low + ((high - low + 1) / 2);
            (low, high) = Total(middle) <= options.MaxTotalTextChars ? (middle, high) : (low, middle - 1);
        }

        return low;
    }

    /// <summary>Each group's texts cut to <paramref name="textChars"/>; groups past the budget, largest first, are listed by id only.</summary>
    private static ReportDocument[][] Embed(List<ReportCluster> groups, IReadOnlyDictionary<string, string> texts, int textChars, long budget)
    {
        var documents = new ReportDocument[groups.Count][];
        for (var g = 0; g < groups.Count; g++)
        {
            var members = groups[g].Members;
            var cut = members.Select(m => Truncate(ReplaceLoneSurrogates(texts[m.Id]), textChars)).ToArray();
            var size = cut.Sum(t => (long)t.Length);
            var fits = size <= budget;
            if (fits)
            {
                budget -= size;
            }

            documents[g] = new ReportDocument[members.Count];
            for (var m = 0; m < members.Count; m++)
            {
                int length = texts[members[m].Id].Length;
                documents[g][m] = fits
                    ? new ReportDocument(members[m].Id, cut[m], cut[m].Length < length ? ReportTextFlags.Truncated : ReportTextFlags.None, length - cut[m].Length)
                    : new ReportDocument(members[m].Id, null, ReportTextFlags.Omitted, length);
            }
        }

        return documents;
    }

    /// <summary>The passages each member of a group shares with its canonical (none for the canonical, or where a text is omitted).</summary>
    private static IReadOnlyList<SharedPassage>[] Align(ReportDocument[] docs, int minRunWords)
    {
        var result = new IReadOnlyList<SharedPassage>[docs.Length];
        result[0] = [];
        var canonicalText = docs[0].Text;
        var canonical = canonicalText is null ? null : PassageAligner.Words(canonicalText);
        for (var m = 1; m < docs.Length; m++)
        {
            var text = docs[m].Text;
            result[m] = canonical is null || text is null
                ? []
                : PassageAligner.Align(canonicalText!, canonical, text, PassageAligner.Words(text), minRunWords);
        }

        return result;
    }

    private static string[] ChoosePreviews(List<ReportCluster> groups, IReadOnlyDictionary<string, string> texts)
    {
        var boilerplate = ReportPreview.BoilerplateLines(groups.Select(g => g.Members.Select(m => texts[m.Id])));
        return [.. groups.Select(g => ReplaceLoneSurrogates(ReportPreview.Choose(texts[g.Canonical.Id], g.Members.Skip(1).Select(m => texts[m.Id]), boilerplate)))];
    }

    /// <summary>
    /// <paramref name="text"/> with every unpaired surrogate replaced by U+FFFD (one char for one, so
    /// offsets stay valid); JSON cannot carry unpaired surrogates as UTF-8.
    /// </summary>
    internal static string ReplaceLoneSurrogates(string text)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
            {
                continue;
            }

            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            copy ??= text.ToCharArray();
            copy[i] = '\uFFFD';
        }

        return copy is null ? text : new string(copy);
    }

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxChars"/> UTF-16 chars: at the last
    /// whitespace in the final fifth of the allowance if there is one, never inside a surrogate pair.
    /// </summary>
    internal static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var end = maxChars;
        if (char.IsLowSurrogate(text[end]) && end > 0)
        {
            end--;
        }

        var space = end > 1 ? text.LastIndexOfAny([' ', '\n', '\t', '\r'], end - 1, Math.Max(1, end / 5)) : -1;
        if (space > 0)
        {
            end = space;
        }

        return text[..end];
    }
}
