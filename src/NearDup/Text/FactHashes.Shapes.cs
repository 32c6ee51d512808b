using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NearDup.Text;

/// <summary>
/// Facts that survive OCR misreads. A scanned page misreads a character here and there, mostly as another of the same
/// shape: l, 1, i and I; o, O and 0; s, S and 5; b, B and 8; and pairs read as one letter (rn as m, cl as d, vv as w).
/// A fact's word is folded by shape before it is hashed, so a misread name is the same fact (Nlro, Niro) and a misread
/// figure the same figure (2O1O, 2010). Only these look-alikes are folded: e/c, h/b or u/v are misread too, but folding
/// them would merge real names (Lee/Lcc is rare, Hale/Bale and Dan/Don are not).
/// </summary>
internal static partial class FactHashes
{
    /// <summary>Most digits a word of letters can hold and still be read as letters (<see cref="IsMisreadWord"/>).</summary>
    private const int MaxMisreadDigits = 2;

    /// <summary>Fewest letters a word must hold for its digits to be read as misread letters: 5th, 10th and 1bn stay figures.</summary>
    private const int MinMisreadLetters = 3;

    /// <summary>Each ASCII char lowered and folded by shape (see the type's remarks); other chars are kept.</summary>
    private static readonly byte[] s_shapes = BuildShapes();

    private static byte[] BuildShapes()
    {
        var shapes = new byte[128];
        for (int c = 0; c < shapes.Length; c++)
        {
            char lower = char.IsAsciiLetterUpper((char)c) ? (char)(c | 0x20) : (char)c;
            shapes[c] = (byte)(lower switch
            {
                '1' or 'i' => 'l',
                '0' => 'o',
                '5' => 's',
                '8' => 'b',
                _ => lower,
            });
        }
        return shapes;
    }

    /// <summary>
    /// Writes <paramref name="word"/> (ASCII letters lowered or not; other chars lowered already) folded by shape to
    /// <paramref name="folded"/>, which may be the same memory; returns its length. Each char takes its shape, then a
    /// pair that reads as one letter becomes it, left to right. The fold of a folded word is itself, so the hashers that
    /// take a folded word (<see cref="HashShortAsciiWord"/>, <see cref="HashAsciiChars"/>) give <see cref="HashReference"/>.
    /// </summary>
    internal static int FoldShapes<TUnit>(ReadOnlySpan<TUnit> word, Span<TUnit> folded)
        where TUnit : unmanaged
    {
        int n = 0;
        for (int k = 0; k < word.Length; k++)
        {
            char c = Shape(At(word, k));
            if (k + 1 < word.Length)
            {
                char pair = PairShape(c, Shape(At(word, k + 1)));
                if (pair != '\0')
                {
                    c = pair;
                    k++;
                }
            }
            // Written only at n <= k, behind what is still to be read: the fold can be in place.
            if (typeof(TUnit) == typeof(byte))
            {
                MemoryMarshal.Cast<TUnit, byte>(folded)[n++] = (byte)c;
            }
            else
            {
                MemoryMarshal.Cast<TUnit, char>(folded)[n++] = c;
            }
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char Shape(char c) => c < 128 ? (char)s_shapes[c] : c;

    /// <summary>The letter two folded chars read as, or '\0'. None of the results starts or ends a pair, so a fold is final.</summary>
    private static char PairShape(char first, char second) => (first, second) switch
    {
        ('r', 'n') => 'm',
        ('c', 'l') => 'd',
        ('v', 'v') => 'w',
        _ => '\0',
    };

    /// <summary>
    /// Whether a word holding a digit is letters misread: its digits are look-alikes of letters (0, 1, 5, 8), one or
    /// <see cref="MaxMisreadDigits"/>, never two together, among <see cref="MinMisreadLetters"/> letters or more, a vowel
    /// among them (wh0se, 1ike, tho5e, Nir0). Such a word is no figure: it would be one the original lacks. A figure
    /// with a unit keeps its digits together (10th, 15mph) or its letters few (5th, 1bn) or without a vowel (5mph).
    /// </summary>
    internal static bool IsMisreadWord<TUnit>(ReadOnlySpan<TUnit> word)
        where TUnit : unmanaged
    {
        int digits = 0, letters = 0;
        bool vowel = false, afterDigit = false;
        for (int k = 0; k < word.Length; k++)
        {
            char c = At(word, k);
            if (char.IsAsciiDigit(c))
            {
                if (afterDigit || c is not ('0' or '1' or '5' or '8') || ++digits > MaxMisreadDigits)
                {
                    return false;
                }
                afterDigit = true;
                continue;
            }
            afterDigit = false;
            if (char.IsLetter(c))
            {
                letters++;
                vowel |= (char)(c | 0x20) is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
            }
        }
        return digits > 0 && letters >= MinMisreadLetters && vowel;
    }
}
