using System.Buffers;
using System.Text;
using NearDup.Internal;

namespace NearDup.Text;

/// <summary>
/// Folds text to the form NearDup compares: Unicode compatibility decomposition (NFKD), culture-independent
/// lower case, typographic quotes, apostrophes and dashes folded to <c>"</c>, <c>'</c> and <c>-</c>, invisible
/// format characters removed, runs of whitespace collapsed to one space and trimmed, and optionally
/// diacritics and digits removed. Works over spans; the string overload is a convenience.
/// </summary>
public static class TextNormalizer
{
    /// <summary>The longest NFKD expansion of one BMP char (U+FDFA) is 18 chars.</summary>
    private const int MaxExpansion = 18;

    /// <summary>An upper bound of the normalized length of a text of <paramref name="length"/> chars.</summary>
    public static int GetMaxNormalizedLength(int length) => checked(length * MaxExpansion);

    /// <summary>Returns the normalized form of <paramref name="text"/>.</summary>
    public static string Normalize(string text, NormalizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        int max = GetMaxNormalizedLength(text.Length);
        char[] rented = ArrayPool<char>.Shared.Rent(Math.Max(max, 1));
        try
        {
            int written = Normalize(text, rented, options);
            return new string(rented, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the normalized form of <paramref name="text"/> to <paramref name="destination"/>.</summary>
    /// <returns>The number of chars written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> destination, NormalizationOptions? options = null)
    {
        if (!TryNormalize(text, destination, out int written, options))
        {
            ThrowHelper.ThrowDestinationTooShort();
        }
        return written;
    }

    /// <summary>
    /// Writes the normalized form of <paramref name="text"/> to <paramref name="destination"/>; returns
    /// <see langword="false"/> and writes nothing past what it had when the destination is too short.
    /// </summary>
    public static bool TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int written, NormalizationOptions? options = null)
    {
        options ??= NormalizationOptions.Default;
        bool removeDigits = options.RemoveDigits;
        int w = 0;
        bool pendingSpace = false;
        written = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c < 0x80)
            {
                char folded = CharFolding.FoldAscii(c, removeDigits, out byte kind);
                i++;
                if (!Emit(folded, kind, destination, ref w, ref pendingSpace))
                {
                    return false;
                }
                continue;
            }
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out int consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }
            i += consumed;
            if (rune.IsBmp)
            {
                char bmp = (char)rune.Value;
                scoped ReadOnlySpan<char> decomposition = FoldTable.Decompose(bmp);
                if (decomposition.IsEmpty)
                {
                    decomposition = new ReadOnlySpan<char>(in bmp);
                }
                foreach (char d in decomposition)
                {
                    char folded = CharFolding.FoldDecomposed(d, options, out byte kind);
                    if (!Emit(folded, kind, destination, ref w, ref pendingSpace))
                    {
                        return false;
                    }
                }
            }
            else
            {
                byte kind = CharFolding.ClassifySupplementary(rune, options);
                if (kind == CharFolding.Dropped)
                {
                    continue;
                }
                if (kind == CharFolding.Space)
                {
                    pendingSpace = w > 0;
                    continue;
                }
                var lower = kind == CharFolding.Word ? Rune.ToLowerInvariant(rune) : rune;
                int need = (pendingSpace ? 1 : 0) + 2;
                if (w + need > destination.Length)
                {
                    return false;
                }
                if (pendingSpace)
                {
                    destination[w++] = ' ';
                    pendingSpace = false;
                }
                w += lower.EncodeToUtf16(destination[w..]);
            }
        }
        written = w;
        return true;
    }

    private static bool Emit(char folded, byte kind, Span<char> destination, ref int w, ref bool pendingSpace)
    {
        if (kind == CharFolding.Dropped)
        {
            return true;
        }
        if (kind == CharFolding.Space)
        {
            pendingSpace = w > 0;
            return true;
        }
        if (pendingSpace)
        {
            if (w >= destination.Length)
            {
                return false;
            }
            destination[w++] = ' ';
            pendingSpace = false;
        }
        if (w >= destination.Length)
        {
            return false;
        }
        destination[w++] = folded;
        return true;
    }
}
