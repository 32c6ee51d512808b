using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>Writes one word of a sentence <see cref="WordRuns.Rewrite"/> passes on, as it is or changed.</summary>
internal interface IWordWriter
{
    /// <summary>Appends <paramref name="word"/> (a run of letters starting at <paramref name="start"/> in the sentence) or what replaces it.</summary>
    public void Write(StringBuilder sb, ReadOnlySpan<char> word, int start);
}
