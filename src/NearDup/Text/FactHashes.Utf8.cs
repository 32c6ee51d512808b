using System.Text;

namespace NearDup.Text;

// The facts of UTF-8 text without decoding it. The scan reads chars one at a time, and a char past ASCII matters to it
// only as a letter or digit (part of a word, and the end of a walk back for a sentence mark) or as the joiner ’; any
// other (a curly quote, a dash, ©, £, an emoji, whose UTF-16 surrogates are no letters, or the U+FFFD of invalid bytes)
// is a separator like '#'. Nearly every non-ASCII char of English news is such a separator, so a text whose non-ASCII
// chars all are is scanned on its bytes as an ASCII text is, each byte of a sequence read as one separator: runs of
// separators end and join nothing, so three in a row are read as the one char they encode. A byte past ASCII is
// neither a letter nor a digit to the byte scan (IsLetterOrDigit), nor a joiner or a sentence mark.
internal static partial class FactHashes
{
    /// <summary>
    /// Whether <paramref name="utf8Text"/> is scanned on its bytes (<see cref="Scan{TUnit}(ReadOnlySpan{TUnit}, Span{uint})"/>
    /// of bytes gives what the scan of its UTF-16 gives): it is, unless a char past ASCII in it is a letter, a digit or ’.
    /// </summary>
    internal static bool IsScannedInPlace(ReadOnlySpan<byte> utf8Text)
    {
        if (Ascii.IsValid(utf8Text))
        {
            return true;
        }
        int i = 0;
        while (true)
        {
            int next = utf8Text[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (next < 0)
            {
                return true;
            }
            i += next;
            // Invalid bytes decode as U+FFFD, a separator, as the transcoder replaces them.
            Rune.DecodeFromUtf8(utf8Text[i..], out var rune, out int consumed);
            if (rune.IsBmp && !IsSeparator((char)rune.Value))
            {
                return false;
            }
            i += consumed;
        }
    }

    /// <summary>Whether the scan reads non-ASCII <paramref name="c"/> as it reads '#': not part of a word, not joining one, not ending a sentence.</summary>
    private static bool IsSeparator(char c) => !char.IsLetterOrDigit(c) && c != '\u2019';
}
