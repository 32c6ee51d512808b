using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>
/// The real-text spinner's word writer: swaps a word <see cref="EnglishSynonyms"/> knows with probability
/// <c>pSwap</c> (keeping an initial capital) and puts a filler adverb before a word with probability <c>pFiller</c>.
/// Words in capitals (acronyms) stay.
/// </summary>
internal ref struct EnglishSwap(double pSwap, double pFiller, Rng rng, Span<char> keyBuffer) : IWordWriter
{
    private static readonly string[] s_fillers = ["really", "actually", "reportedly", "indeed", "clearly", "in fact", "now", "apparently"];

    private readonly Span<char> _keyBuffer = keyBuffer;

    public readonly void Write(StringBuilder sb, ReadOnlySpan<char> word, int start)
    {
        if (start > 0 && rng.Chance(pFiller))
        {
            sb.Append(rng.Pick(s_fillers)).Append(' ');
        }

        bool acronym = word.Length > 1 && char.IsUpper(word[1]);
        if (acronym || word.Length > _keyBuffer.Length)
        {
            sb.Append(word);
            return;
        }

        var lower = _keyBuffer[..word.Length];
        word.ToLowerInvariant(lower);
        if (!EnglishSynonyms.TryGet(lower, out string[] synonyms) || !rng.Chance(pSwap))
        {
            sb.Append(word);
            return;
        }

        string replacement = rng.Pick(synonyms);
        if (char.IsUpper(word[0]))
        {
            sb.Append(char.ToUpperInvariant(replacement[0])).Append(replacement, 1, replacement.Length - 1);
        }
        else
        {
            sb.Append(replacement);
        }
    }
}
