namespace NearDup.Corpus.Internal;

/// <summary>One paragraph of a story: its sentences, kept apart so rewrites can reorder and drop them.</summary>
internal sealed class Paragraph(string[] sentences, bool isQuote)
{
    public string[] Sentences { get; } = sentences;

    /// <summary>True when the sentences form a quotation whose order must be kept.</summary>
    public bool IsQuote { get; } = isQuote;

    public override string ToString() => string.Join(' ', Sentences);
}
