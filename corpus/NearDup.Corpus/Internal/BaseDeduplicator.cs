namespace NearDup.Corpus.Internal;

/// <summary>
/// Leaves out base stories that copy an earlier one in the file: real collections hold re-saves and updates (the BBC
/// texts have over a hundred pairs sharing nearly all their word 5-grams), and labels that called two copies
/// different stories would charge the clusterer for the data's duplicates. A story is a copy when it shares half or
/// more of the smaller story's word 5-grams with an earlier kept one; stories sharing less (a follow-up's paragraph, a
/// quote) stay, as the real hard negatives they are.
/// </summary>
internal static class BaseDeduplicator
{
    private const double CopyShare = 0.5;

    // A 5-gram in this many stories is a stock phrase; following it would cost time and find nothing.
    private const int MaxPostings = 64;

    /// <summary>The stories in file order without the copies of earlier ones.</summary>
    public static List<BaseStory> Distinct(IReadOnlyList<BaseStory> stories)
    {
        var kept = new List<BaseStory>(stories.Count);
        var keptSizes = new List<int>(stories.Count);
        var postings = new Dictionary<ulong, List<int>>();
        foreach (var story in stories)
        {
            var grams = FiveGramHashes(story.Text);
            if (CopiesEarlier(grams, postings, keptSizes))
            {
                continue;
            }

            foreach (ulong g in grams)
            {
                if (!postings.TryGetValue(g, out var list))
                {
                    postings[g] = list = [];
                }

                if (list.Count < MaxPostings)
                {
                    list.Add(kept.Count);
                }
            }

            kept.Add(story);
            keptSizes.Add(grams.Count);
        }

        return kept;
    }

    private static bool CopiesEarlier(HashSet<ulong> grams, Dictionary<ulong, List<int>> postings, List<int> keptSizes)
    {
        var shared = new Dictionary<int, int>();
        foreach (ulong g in grams)
        {
            if (postings.TryGetValue(g, out var list))
            {
                foreach (int earlier in list)
                {
                    shared[earlier] = shared.GetValueOrDefault(earlier) + 1;
                }
            }
        }

        return shared.Any(kv => kv.Value >= CopyShare * Math.Min(grams.Count, keptSizes[kv.Key]));
    }

    /// <summary>FNV-1a hashes of the lower-case word 5-grams (words are runs of letters and digits).</summary>
    internal static HashSet<ulong> FiveGramHashes(string text)
    {
        var words = new List<ulong>();
        ulong h = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                h = ((inWord ? h : 0xCBF29CE484222325UL) ^ char.ToLowerInvariant(c)) * 0x100000001B3UL;
                inWord = true;
            }
            else if (inWord)
            {
                words.Add(h);
                inWord = false;
            }
        }

        if (inWord)
        {
            words.Add(h);
        }

        var grams = new HashSet<ulong>();
        for (int i = 0; i + 5 <= words.Count; i++)
        {
            grams.Add(Combine(words, i));
        }

        return grams;
    }

    private static ulong Combine(List<ulong> words, int start)
    {
        ulong h = 0xCBF29CE484222325UL;
        for (int k = start; k < start + 5; k++)
        {
            h = (h ^ words[k]) * 0x100000001B3UL;
            h ^= h >> 29;
        }

        return h;
    }
}
