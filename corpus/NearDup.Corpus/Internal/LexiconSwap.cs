using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>
/// The generated corpus's spinner: swaps English words from the lexicon's function-word table and generated content
/// words (and their -s and -ed forms) for synonyms, keeping an initial capital.
/// </summary>
internal ref struct LexiconSwap(double pContent, double pFunction, Rng rng, Span<char> keyBuffer) : IWordWriter
{
    private readonly Span<char> _keyBuffer = keyBuffer;

    public readonly void Write(StringBuilder sb, ReadOnlySpan<char> word, int start)
    {
        if (word.Length > _keyBuffer.Length)
        {
            sb.Append(word);
            return;
        }

        var key = _keyBuffer[..word.Length];
        word.CopyTo(key);
        key[0] = char.ToLowerInvariant(key[0]);
        string? replacement = Replacement(key);
        if (replacement is null)
        {
            sb.Append(word);
        }
        else if (char.IsUpper(word[0]))
        {
            sb.Append(char.ToUpperInvariant(replacement[0])).Append(replacement, 1, replacement.Length - 1);
        }
        else
        {
            sb.Append(replacement);
        }
    }

    private readonly string? Replacement(Span<char> key)
    {
        var lex = Lexicon.Shared;
        if (lex.TryGetFunctionSynonyms(key, out var fs))
        {
            return rng.Chance(pFunction) ? rng.Pick(fs) : null;
        }

        if (lex.TryGetContentSynonyms(key, out var cs))
        {
            return rng.Chance(pContent) ? rng.Pick(cs) : null;
        }

        if (key.Length > 4 && (key.EndsWith("ed") || key[^1] == 's'))
        {
            int cut = key[^1] == 's' ? 1 : 2;
            if (lex.TryGetContentSynonyms(key[..^cut], out var vs) && rng.Chance(pContent))
            {
                return string.Concat(rng.Pick(vs), key[^cut..]);
            }
        }

        return null;
    }
}
