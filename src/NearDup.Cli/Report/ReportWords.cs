using System.Runtime.CompilerServices;
using System.Text;

namespace NearDup.Cli.Report;

/// <summary>
/// The report's word splitter: a word is a maximal run of letters, digits and combining marks, with
/// an apostrophe inside it kept ("don't"). Words compare case-insensitively, so "The" and "the"
/// match and punctuation or line breaks between words never break a shared passage.
/// </summary>
/// <remarks>
/// Deliberately simpler than the library's tokenizer: it only has to find passages to highlight, and its
/// offsets must be UTF-16 positions in the original text so the page can wrap them in marks.
/// </remarks>
internal static class ReportWords
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Splits <paramref name="text"/> into words with offsets and hashes.</summary>
    public static ReportWord[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<ReportWord>(text.Length / 6 + 1);
        var i = 0;
        while (i < text.Length)
        {
            var width = WordCharWidth(text, i);
            if (width == 0)
            {
                i++;
                continue;
            }

            var start = i;
            var hash = FnvOffset;
            while (i < text.Length)
            {
                width = WordCharWidth(text, i);
                if (width == 0)
                {
                    // An apostrophe between two word chars stays inside the word: "don't", "O’Neil".
                    if (IsApostrophe(text[i]) && i + 1 < text.Length && WordCharWidth(text, i + 1) > 0)
                    {
                        hash = Add(hash, '\'');
                        i++;
                        continue;
                    }

                    break;
                }

                for (var k = 0; k < width; k++)
                {
                    hash = Add(hash, char.ToLowerInvariant(text[i + k]));
                }

                i += width;
            }

            words.Add(new ReportWord(start, i, hash));
        }

        return [.. words];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Add(ulong hash, char c) => (hash ^ c) * FnvPrime;

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    /// <summary>UTF-16 length of the word char at <paramref name="i"/> (1 or 2), or 0 if it is not one.</summary>
    private static int WordCharWidth(string text, int i)
    {
        var c = text[i];
        if (!char.IsSurrogate(c))
        {
            return char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark ? 1 : 0;
        }

        return Rune.TryGetRuneAt(text, i, out var rune) && Rune.IsLetterOrDigit(rune) ? 2 : 0;
    }
}
