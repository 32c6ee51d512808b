using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace NearDup.Text;

/// <summary>
/// The facts of a text: its figures (words holding a digit) and its names (capitalised words inside a sentence), as
/// the smallest <see cref="MaxCount"/> distinct 32-bit hashes of the words in lower case. Copies of one story report
/// the same facts in other words or other wrappings; a fill-in template or the next item of a series reports other
/// facts in the same words, which shingles cannot tell from a light edit. Taking the smallest hashes is a consistent
/// sample: two samples compared below the larger of their cut-offs count exactly the facts the two share there.
/// </summary>
internal static class FactHashes
{
    /// <summary>Facts kept per text.</summary>
    public const int MaxCount = 64;

    /// <summary>ASCII that is neither a digit nor a capital: what a scan for facts skips.</summary>
    private static readonly SearchValues<char> s_plain = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 128).Select(c => (char)c).Where(c => !char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))));

    /// <summary>Longest word hashed as a fact (longer runs of letters and digits are codes, not names).</summary>
    private const int MaxWordLength = 64;

    /// <summary>The sorted fact hashes of <paramref name="text"/>.</summary>
    public static uint[] Compute(ReadOnlySpan<char> text)
    {
        // A fact is a word of two characters or more, or a figure: at most one per two characters.
        uint[] found = ArrayPool<uint>.Shared.Rent(text.Length / 2 + 1);
        try
        {
            return Smallest(found.AsSpan(0, Scan(text, found)));
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(found);
        }
    }

    /// <summary>
    /// Writes the hash of each fact of <paramref name="text"/> to <paramref name="found"/>; returns how many. Most of a
    /// text is lower-case letters, spaces and punctuation, which a vectorized search skips: only a word holding a
    /// digit, a capital or a non-ASCII character is looked at, and whether it opens a sentence is read backwards.
    /// Gives what <see cref="ScanScalar"/>, the reference, gives.
    /// </summary>
    internal static int Scan(ReadOnlySpan<char> text, Span<uint> found)
    {
        int count = 0, i = 0;
        while (i < text.Length)
        {
            int hit = text[i..].IndexOfAnyExcept(s_plain);
            if (hit < 0)
            {
                break;
            }
            int p = i + hit;
            if (!char.IsLetterOrDigit(text[p]))
            {
                i = p + 1;
                continue;
            }
            if (char.IsAsciiLetterUpper(text[p]) && (p == 0 || !(char.IsLetterOrDigit(text[p - 1]) || IsJoiner(text, p - 1))) && OpensSentence(text, p))
            {
                // A capital opening a sentence names nothing: the word is a fact only if it holds a digit, which the
                // search reaches next and reads from this word's start.
                i = p + 1;
                continue;
            }
            int start = p, end = p + 1;
            while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || IsJoiner(text, start - 1)))
            {
                start--;
            }
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || IsJoiner(text, end)))
            {
                end++;
            }
            if (IsFact(text[start..end], OpensSentence(text, start)))
            {
                found[count++] = Hash(text[start..end]);
            }
            i = end;
        }
        return count;
    }

    /// <summary>Whether a word is a fact: a figure, or a capitalised word that does not open a sentence.</summary>
    private static bool IsFact(ReadOnlySpan<char> word, bool opensSentence)
    {
        if (word.IndexOfAnyInRange('0', '9') >= 0)
        {
            return true;
        }
        if (opensSentence || !char.IsUpper(word[0]))
        {
            return false;
        }
        foreach (char c in word)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the word at <paramref name="start"/> follows the text's start or a sentence mark with no word between.</summary>
    private static bool OpensSentence(ReadOnlySpan<char> text, int start)
    {
        for (int j = start - 1; j >= 0; j--)
        {
            if (IsSentenceMark(text[j]))
            {
                return true;
            }
            if (char.IsLetterOrDigit(text[j]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsSentenceMark(char c) => c is '.' or '!' or '?' or ':' or ';' or '\n' or '\r';

    /// <summary>The reference scan, one character at a time, forwards (see <see cref="Scan"/>).</summary>
    internal static int ScanScalar(ReadOnlySpan<char> text, Span<uint> found)
    {
        int count = 0;
        bool sentenceStart = true;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                sentenceStart |= IsSentenceMark(c);
                i++;
                continue;
            }
            int start = i;
            bool digit = false, upper = char.IsUpper(c), lower = false;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || IsJoiner(text, i)))
            {
                digit |= char.IsAsciiDigit(text[i]);
                lower |= char.IsLower(text[i]);
                i++;
            }
            // A capitalised word inside a sentence is a name; words in capitals throughout (headlines, tickers) are not told apart.
            if (digit || (upper && lower && !sentenceStart))
            {
                found[count++] = Hash(text[start..i]);
            }
            sentenceStart = false;
        }
        return count;
    }

    /// <summary>The sorted fact hashes of UTF-8 <paramref name="utf8Text"/>.</summary>
    public static uint[] Compute(ReadOnlySpan<byte> utf8Text)
    {
        char[] chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8Text.Length));
        try
        {
            int n = Encoding.UTF8.GetChars(utf8Text, chars);
            return Compute(chars.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Facts the two samples share, and the facts of the smaller, counted below the lower of their cut-offs (a
    /// full sample's cut-off is the largest hash).
    /// </summary>
    public static (int Shared, int Smaller) Compare(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return (0, 0);
        }
        uint cut = Math.Min(a.Length < MaxCount ? uint.MaxValue : a[^1], b.Length < MaxCount ? uint.MaxValue : b[^1]);
        int i = 0, j = 0, shared = 0, countA = 0, countB = 0;
        while (i < a.Length && a[i] <= cut)
        {
            countA++;
            i++;
        }
        while (j < b.Length && b[j] <= cut)
        {
            countB++;
            j++;
        }
        for (int x = 0, y = 0; x < countA && y < countB;)
        {
            if (a[x] == b[y])
            {
                shared++;
                x++;
                y++;
            }
            else if (a[x] < b[y])
            {
                x++;
            }
            else
            {
                y++;
            }
        }
        return (shared, Math.Min(countA, countB));
    }

    /// <summary>An apostrophe, point or comma between two letters or digits joins a word (3.5, 5,000, O'Neill).</summary>
    private static bool IsJoiner(ReadOnlySpan<char> text, int i) =>
        text[i] is '\'' or '.' or ',' or '\u2019' && i + 1 < text.Length && i > 0 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);

    private static uint Hash(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[MaxWordLength];
        int n = Math.Min(word.Length, MaxWordLength);
        word[..n].ToLowerInvariant(lower);
        return (uint)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(lower[..n]));
    }

    private static uint[] Smallest(Span<uint> hashes)
    {
        hashes.Sort();
        int distinct = 0;
        for (int k = 0; k < hashes.Length && distinct < MaxCount; k++)
        {
            if (distinct == 0 || hashes[k] != hashes[distinct - 1])
            {
                hashes[distinct++] = hashes[k];
            }
        }
        return distinct == 0 ? [] : hashes[..distinct].ToArray();
    }
}
