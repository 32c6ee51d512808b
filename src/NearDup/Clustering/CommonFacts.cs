namespace NearDup.Clustering;

/// <summary>
/// The facts (figures, names: <see cref="Text.FactHashes"/>) that <see cref="NearDupOptions.CommonShingleDocuments"/>
/// or more stories report, which the <see cref="StoryJudge"/> leaves out when it compares two texts' facts. A site's
/// header and footer carry their own names and figures into every page: left in, they agree between any two pages
/// of the site, so two different stories wrapped alike would read as reporting the same facts. A name that many
/// stories mention (a prime minister, a city) tells as little about which story a text is.
/// </summary>
internal sealed class CommonFacts
{
    /// <summary>No common facts: every fact counts (a live index, which keeps no corpus counts).</summary>
    public static readonly CommonFacts None = new([]);

    private readonly uint[] _words;

    private CommonFacts(uint[] words) => _words = words;

    /// <summary>The common facts' words, sorted, figure bits clear.</summary>
    public ReadOnlySpan<uint> Words => _words;

    /// <summary>How many words are common.</summary>
    public int Count => _words.Length;

    /// <summary>
    /// The facts held by <paramref name="threshold"/> or more groups, each group counted once through its
    /// representative, so that a story's copies do not make its own facts common.
    /// </summary>
    public static CommonFacts Find(DocumentTable docs, GroupLayout groups, int threshold)
    {
        long total = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            total += docs.Facts(groups.Rep[g]).Length;
        }
        var words = new uint[total];
        int n = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (uint fact in docs.Facts(groups.Rep[g]))
            {
                words[n++] = fact & ~1u;
            }
        }
        Array.Sort(words);
        return new CommonFacts(Runs(words, threshold));
    }

    /// <summary>The words of sorted <paramref name="words"/> that occur <paramref name="threshold"/> times or more, once each.</summary>
    private static uint[] Runs(uint[] words, int threshold)
    {
        var common = new List<uint>();
        for (int start = 0, end; start < words.Length; start = end)
        {
            end = start + 1;
            while (end < words.Length && words[end] == words[start])
            {
                end++;
            }
            if (end - start >= threshold)
            {
                common.Add(words[start]);
            }
        }
        return [.. common];
    }
}
