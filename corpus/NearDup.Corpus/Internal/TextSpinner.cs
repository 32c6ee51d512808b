namespace NearDup.Corpus.Internal;

/// <summary>
/// Spins real English sentences the way article spinners do: swaps words from <see cref="EnglishSynonyms"/>, slips
/// in filler adverbs, and wedges a clause into some sentences. Each edit breaks the word 5-grams that span it.
/// </summary>
internal static class TextSpinner
{
    private static readonly string[] s_clauses =
    [
        "it is understood", "sources said", "according to reports", "as expected", "it seems", "by all accounts",
        "in particular", "observers noted", "at least for now", "as things stand",
    ];

    /// <summary>
    /// Swaps each word the table knows with probability <paramref name="pSwap"/> (keeping an initial capital) and
    /// puts a filler before a word with probability <paramref name="pFiller"/>. Words in capitals (acronyms) stay.
    /// </summary>
    public static string Spin(string sentence, double pSwap, double pFiller, Rng rng)
    {
        var swapper = new EnglishSwap(pSwap, pFiller, rng, stackalloc char[32]);
        return WordRuns.Rewrite(sentence, ref swapper);
    }

    /// <summary>Puts a clause, between commas, after a word in the first half of the sentence.</summary>
    public static string WedgeClause(string sentence, Rng rng)
    {
        var spaces = new List<int>();
        for (int i = 0; i < sentence.Length / 2; i++)
        {
            if (sentence[i] == ' ' && i > 0 && char.IsLetter(sentence[i - 1]))
            {
                spaces.Add(i);
            }
        }

        if (spaces.Count == 0)
        {
            return sentence;
        }

        int at = spaces[rng.Next(spaces.Count)];
        return string.Concat(sentence[..at], ", ", rng.Pick(s_clauses), ",", sentence[at..]);
    }
}
