using NearDup.Internal;

namespace NearDup.Text;

/// <summary>
/// Splits text into words (maximal runs of letters, digits and kept marks, by Unicode category, so that
/// non-Latin scripts work) without allocating: each word comes back as a <see cref="WordToken"/> with its
/// source range and the hash of its folded form.
/// </summary>
/// <example><code>
/// foreach (WordToken t in Tokenizer.EnumerateWords(text)) { var word = text.Slice(t.Start, t.Length); }
/// </code></example>
public static class Tokenizer
{
    /// <summary>Enumerates the words of UTF-16 text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">Folding options; <see cref="NormalizationOptions.Default"/> when null.</param>
    /// <param name="seed">Seed of the word hashes.</param>
    public static WordEnumerator EnumerateWords(ReadOnlySpan<char> text, NormalizationOptions? options = null, ulong seed = 0) =>
        new(text, options ?? NormalizationOptions.Default, seed);

    /// <summary>
    /// Enumerates the words of UTF-8 text, without decoding it into a string. Invalid UTF-8 separates words;
    /// it is never thrown on. Ranges are in bytes; hashes equal those of the same text in UTF-16.
    /// </summary>
    /// <param name="utf8Text">The UTF-8 bytes.</param>
    /// <param name="options">Folding options; <see cref="NormalizationOptions.Default"/> when null.</param>
    /// <param name="seed">Seed of the word hashes.</param>
    public static Utf8WordEnumerator EnumerateWords(ReadOnlySpan<byte> utf8Text, NormalizationOptions? options = null, ulong seed = 0) =>
        new(utf8Text, options ?? NormalizationOptions.Default, seed);

    /// <summary>Writes the words of <paramref name="text"/> to <paramref name="destination"/>.</summary>
    /// <returns>The number of words written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short; <see cref="GetMaxWordCount"/> is always enough.</exception>
    public static int GetWords(ReadOnlySpan<char> text, Span<WordToken> destination, NormalizationOptions? options = null, ulong seed = 0)
    {
        if (!TryGetWords(text, destination, out int written, options, seed))
        {
            ThrowHelper.ThrowDestinationTooShort();
        }
        return written;
    }

    /// <summary>Writes the words of <paramref name="text"/> to <paramref name="destination"/>, or nothing when it is too short.</summary>
    public static bool TryGetWords(ReadOnlySpan<char> text, Span<WordToken> destination, out int written, NormalizationOptions? options = null, ulong seed = 0)
    {
        var scanner = new WordScanner<char>(text, options ?? NormalizationOptions.Default, seed);
        return Collect(ref scanner, destination, out written);
    }

    /// <summary>Writes the words of UTF-8 <paramref name="utf8Text"/> to <paramref name="destination"/>.</summary>
    /// <returns>The number of words written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int GetWords(ReadOnlySpan<byte> utf8Text, Span<WordToken> destination, NormalizationOptions? options = null, ulong seed = 0)
    {
        var scanner = new WordScanner<byte>(utf8Text, options ?? NormalizationOptions.Default, seed);
        if (!Collect(ref scanner, destination, out int written))
        {
            ThrowHelper.ThrowDestinationTooShort();
        }
        return written;
    }

    /// <summary>
    /// Enumerates the user-perceived characters (extended grapheme clusters) of UTF-16 text as ranges, so that a
    /// base letter and its combining marks, or an emoji sequence, stay one character.
    /// </summary>
    public static CharacterEnumerator EnumerateCharacters(ReadOnlySpan<char> text) => new(text);

    /// <summary>
    /// An upper bound of the number of words in a text of <paramref name="length"/> code units, UTF-16 or UTF-8: one
    /// per code unit, since a Han or kana char is a word of its own, one UTF-16 unit long.
    /// </summary>
    public static int GetMaxWordCount(int length) => length + 1;

    /// <summary>
    /// The tighter bound for UTF-8: a word needs a separator after it (2 bytes or more), or is a Han or kana char
    /// (3 or 4 bytes). Room sized by this bound holds half as much as by <see cref="GetMaxWordCount"/>.
    /// </summary>
    internal static int GetMaxWordCountUtf8(int byteCount) => byteCount / 2 + 1;

    /// <summary>The bound for the scanner's code unit.</summary>
    internal static int GetMaxWordCount<TUnit>(int length)
        where TUnit : unmanaged => typeof(TUnit) == typeof(byte) ? GetMaxWordCountUtf8(length) : GetMaxWordCount(length);

    private static bool Collect<TUnit>(ref WordScanner<TUnit> scanner, Span<WordToken> destination, out int written)
        where TUnit : unmanaged
    {
        written = 0;
        if (destination.Length < GetMaxWordCount<TUnit>(scanner.TextLength))
        {
            // The destination may be short: count first, so that a short one sees no writes at all.
            int count = 0;
            while (scanner.Next(out _))
            {
                if (++count > destination.Length)
                {
                    return false;
                }
            }
            scanner.Reset();
        }
        int i = 0;
        while (scanner.Next(out var token))
        {
            destination[i++] = token;
        }
        written = i;
        return true;
    }
}
