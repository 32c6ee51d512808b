using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace NearDup.Text;

/// <summary>
/// Per code point folding shared by the normalizer, the tokenizer and the shingler, so that the UTF-16 and
/// UTF-8 paths agree to the bit. A code point folds to zero or more chars, each of which is a word char
/// (letter, digit or kept mark), a space, or other punctuation.
/// </summary>
internal static class CharFolding
{
    /// <summary>Kind of a folded char.</summary>
    public const byte Other = 0, Word = 1, Space = 2, Dropped = 3;

    // ASCII: folded char (lower case) in the low byte of each entry, class in the high byte. The second table
    // drops digits, so the scanner picks a table once instead of testing the option per char.
    private static readonly ushort[] s_ascii = BuildAscii(removeDigits: false);
    private static readonly ushort[] s_asciiNoDigits = BuildAscii(removeDigits: true);

    /// <summary>The ASCII table for the option: entry = class &lt;&lt; 8 | folded char.</summary>
    public static ushort[] AsciiTable(bool removeDigits) => removeDigits ? s_asciiNoDigits : s_ascii;

    private static ushort[] BuildAscii(bool removeDigits)
    {
        var table = new ushort[128];
        for (int c = 0; c < 128; c++)
        {
            char folded = (char)c;
            byte kind = Other;
            if (c is >= 'A' and <= 'Z')
            {
                folded = (char)(c + 32);
                kind = Word;
            }
            else if (c is >= 'a' and <= 'z')
            {
                kind = Word;
            }
            else if (c is >= '0' and <= '9')
            {
                kind = removeDigits ? Dropped : Word;
            }
            else if (c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f')
            {
                folded = ' ';
                kind = Space;
            }
            else if (c == '`')
            {
                folded = '\'';
            }
            else if (c < 0x20 || c == 0x7F)
            {
                folded = ' ';
                kind = Space;
            }
            table[c] = (ushort)(kind << 8 | folded);
        }
        return table;
    }

    /// <summary>ASCII lookup: returns the folded char and sets <paramref name="kind"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char FoldAscii(uint c, bool removeDigits, out byte kind)
    {
        ushort entry = (removeDigits ? s_asciiNoDigits : s_ascii)[c];
        kind = (byte)(entry >> 8);
        return (char)(entry & 0xFF);
    }

    /// <summary>
    /// Folds one non-ASCII char (not a surrogate) of the decomposed stream: maps quotes, apostrophes, dashes
    /// and spaces, drops format characters and (optionally) combining marks and digits, and lower-cases.
    /// </summary>
    public static char FoldDecomposed(char c, NormalizationOptions options, out byte kind)
    {
        if (c < 0x80)
        {
            return FoldAscii(c, options.RemoveDigits, out kind);
        }
        switch (c)
        {
            case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u2035' or '\u02BC' or '\u02B9' or '\u0060' or '\u00B4' or '\uFF07':
                kind = Other;
                return '\'';
            case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u2036' or '\u00AB' or '\u00BB' or '\u2039' or '\u203A' or '\u301D' or '\u301E' or '\uFF02':
                kind = Other;
                return '"';
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D' or '\u2E3A' or '\u2E3B':
                kind = Other;
                return '-';
        }
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        switch (category)
        {
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
                or UnicodeCategory.OtherNumber or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                kind = Word;
                return char.ToLowerInvariant(c);
            case UnicodeCategory.DecimalDigitNumber:
                kind = options.RemoveDigits ? Dropped : Word;
                return c;
            case UnicodeCategory.NonSpacingMark:
                kind = options.RemoveDiacritics ? Dropped : Word;
                return c;
            case UnicodeCategory.Format:
                // Zero-width spaces and joiners, soft hyphens, byte order marks: invisible junk that copy
                // pipelines and spinners insert to defeat exact matching.
                kind = Dropped;
                return c;
            case UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control:
                kind = Space;
                return ' ';
            default:
                kind = Other;
                return c;
        }
    }

    /// <summary>
    /// Whether a code point is a word by itself: a Han ideograph, or Hiragana or Katakana. Chinese and Japanese put no
    /// space between words, so a run of them would be one "word" to the whole next punctuation mark, and a text one
    /// or two shingles; as single-char words their k-word shingles are the character k-grams those scripts are
    /// compared by. Hangul is written with spaces and is left to them.
    /// </summary>
    public static bool IsStandalone(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) // CJK Unified Ideographs
            or (>= 0x3400 and <= 0x4DBF) // Extension A
            or (>= 0x3040 and <= 0x30FF) // Hiragana, Katakana
            or (>= 0x31F0 and <= 0x31FF) // Katakana phonetic extensions
            or (>= 0xF900 and <= 0xFAFF) // Compatibility ideographs
            or (>= 0xFF66 and <= 0xFF9F) // Halfwidth Katakana
            or (>= 0x20000 and <= 0x3134F); // Extensions B to G

    /// <summary>Folds a supplementary-plane code point: letters and digits are word chars (lower-cased where the runtime maps them).</summary>
    public static byte ClassifySupplementary(Rune rune, NormalizationOptions options)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
                or UnicodeCategory.OtherNumber or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => Word,
            UnicodeCategory.DecimalDigitNumber => options.RemoveDigits ? Dropped : Word,
            UnicodeCategory.NonSpacingMark => options.RemoveDiacritics ? Dropped : Word,
            UnicodeCategory.Format => Dropped,
            UnicodeCategory.SpaceSeparator => Space,
            _ => Other,
        };
    }
}
