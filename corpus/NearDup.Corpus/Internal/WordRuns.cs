using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>Rebuilds a sentence run by run: what is not a letter is copied, each run of letters goes to a word writer.</summary>
internal static class WordRuns
{
    public static string Rewrite<TWriter>(string sentence, ref TWriter writer)
        where TWriter : IWordWriter, allows ref struct
    {
        var sb = new StringBuilder(sentence.Length + 32);
        int i = 0;
        while (i < sentence.Length)
        {
            int start = i;
            while (i < sentence.Length && !char.IsLetter(sentence[i]))
            {
                i++;
            }

            sb.Append(sentence, start, i - start);
            start = i;
            while (i < sentence.Length && char.IsLetter(sentence[i]))
            {
                i++;
            }

            if (i > start)
            {
                writer.Write(sb, sentence.AsSpan(start, i - start), start);
            }
        }

        return sb.ToString();
    }
}
