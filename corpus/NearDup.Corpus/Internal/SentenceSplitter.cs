namespace NearDup.Corpus.Internal;

/// <summary>
/// Splits English prose into sentences: after '.', '!' or '?' (and any closing quotes or brackets) followed by
/// white space and a capital, a digit or an opening quote, unless the word ending in '.' is a title or
/// abbreviation (Mr., U.S.) or an initial. Good enough to drop, reorder and quote sentences of news text; no
/// attempt at the hard cases (an abbreviation that does end a sentence stays joined to the next).
/// </summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> s_abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "prof", "gen", "gov", "sen", "rep", "jr", "sr", "lt", "col", "capt", "sgt",
        "mt", "no", "co", "inc", "ltd", "corp", "vs", "etc", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
        "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
    };

    public static string[] Split(string paragraph)
    {
        var sentences = new List<string>();
        int start = 0;
        for (int i = 0; i < paragraph.Length; i++)
        {
            if (paragraph[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            int end = i + 1;
            while (end < paragraph.Length && IsCloser(paragraph[end]))
            {
                end++;
            }

            if (IsBoundary(paragraph, i, end))
            {
                sentences.Add(paragraph[start..end].Trim());
                start = end;
                i = end - 1;
            }
        }

        string rest = paragraph[start..].Trim();
        if (rest.Length > 0)
        {
            sentences.Add(rest);
        }

        return [.. sentences];
    }

    private static bool IsBoundary(string text, int mark, int end)
    {
        if (end >= text.Length || !char.IsWhiteSpace(text[end]))
        {
            return false;
        }

        int next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next == text.Length || !(char.IsUpper(text[next]) || char.IsDigit(text[next]) || IsOpener(text[next])))
        {
            return false;
        }

        return text[mark] != '.' || !IsAbbreviation(text, mark);
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        int wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        return (word.Length == 1 && char.IsUpper(word[0])) || s_abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '\u201d' or '\u2019';

    private static bool IsOpener(char c) => c is '"' or '\'' or '(' or '\u201c' or '\u2018';
}
