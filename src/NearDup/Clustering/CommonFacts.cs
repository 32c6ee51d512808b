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

    /// <summary>Common facts counted elsewhere, as <see cref="Find"/> counts them: <paramref name="words"/> sorted, figure bits clear.</summary>
    public static CommonFacts Of(uint[] words) => new(words);

    /// <summary>The common facts' words, sorted, figure bits clear.</summary>
    public ReadOnlySpan<uint> Words => _words;

    /// <summary>How many words are common.</summary>
    public int Count => _words.Length;

    /// <summary>Buckets of <see cref="Find"/>, by a word's top 8 bits (256 buckets): each sorted on its own.</summary>
    private const int BucketBits = 8;

    /// <summary>
    /// The facts held by <paramref name="threshold"/> or more groups, each group counted once through its
    /// representative, so that a story's copies do not make its own facts common; on <paramref name="parallel"/>'s threads. The words are
    /// partitioned by their top bits (a counting pass and a scatter), then each bucket is sorted and counted by runs on
    /// its own: buckets are ranges of words, so their runs in bucket order are the runs of the whole sorted array, for
    /// any number of threads. At a million documents one sort of all the words was a serial pass of seconds.
    /// </summary>
    public static CommonFacts Find(DocumentTable docs, GroupLayout groups, int threshold, ParallelOptions parallel)
    {
        int shift = 32 - BucketBits;
        var starts = new long[(1 << BucketBits) + 1];
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (uint fact in docs.Facts(groups.Rep[g]))
            {
                starts[((fact & ~1u) >> shift) + 1]++;
            }
        }
        for (int b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }
        var words = new uint[starts[^1]];
        var fill = starts[..^1];
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (uint fact in docs.Facts(groups.Rep[g]))
            {
                uint word = fact & ~1u;
                words[fill[word >> shift]++] = word;
            }
        }
        var found = new uint[1 << BucketBits][];
        Parallel.For(0, found.Length, parallel, b =>
        {
            var bucket = words.AsSpan((int)starts[b], (int)(starts[b + 1] - starts[b]));
            bucket.Sort();
            found[b] = Runs(bucket, threshold);
        });
        return new CommonFacts([.. found.SelectMany(f => f)]);
    }

    /// <summary>The words of sorted <paramref name="words"/> that occur <paramref name="threshold"/> times or more, once each.</summary>
    private static uint[] Runs(ReadOnlySpan<uint> words, int threshold)
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
