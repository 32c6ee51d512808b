using System.Text;

namespace NearDup.Tests.Corpus;

/// <summary>
/// Exact word 5-gram sets, the oracle for the generator's shape tests: lowercase, split on anything
/// that is not a letter or digit. Independent of the library's tokenizer on purpose.
/// </summary>
internal static class FiveGrams
{
    public static HashSet<string> Of(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }

        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
        }

        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 5 <= words.Count; i++)
        {
            grams.Add(string.Join(" ", words.GetRange(i, 5)));
        }

        return grams;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        int shared = Shared(a, b);
        int union = a.Count + b.Count - shared;
        return union == 0 ? 0 : (double)shared / union;
    }

    /// <summary>Fraction of <paramref name="part"/>'s 5-grams that occur in <paramref name="whole"/>.</summary>
    public static double Containment(HashSet<string> part, HashSet<string> whole) =>
        part.Count == 0 ? 0 : (double)Shared(part, whole) / part.Count;

    /// <summary>Lowercase, typographic quotes to straight, whitespace runs to one space.</summary>
    public static string NormalizeExact(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char raw in text.Trim())
        {
            char c = raw switch
            {
                '\u201c' or '\u201d' => '"',
                '\u2018' or '\u2019' => '\'',
                _ => char.ToLowerInvariant(raw),
            };
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static int Shared(HashSet<string> a, HashSet<string> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        int n = 0;
        foreach (string g in small)
        {
            if (large.Contains(g))
            {
                n++;
            }
        }

        return n;
    }
}
