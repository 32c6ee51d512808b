namespace NearDup.Corpus.Internal;

/// <summary>Real text as a story: the copy writers work on paragraphs and sentences, whoever wrote them.</summary>
internal sealed partial class Story
{
    // A first line this short, with no full stop, over a blank line is a headline (as in the BBC texts and most scrapes).
    private const int MaxHeadlineWords = 20;

    /// <summary>
    /// Splits <paramref name="text"/> into a headline (a short first line without a full stop, when there is more
    /// text), and paragraphs at blank lines (at line breaks when there are no blank lines), each split into sentences.
    /// A paragraph holding a quotation mark is a quote, whose sentences keep their order in rewrites.
    /// </summary>
    public static Story Parse(string text, string author)
    {
        var blocks = Blocks(text);
        string headline = "";
        if (blocks.Count > 1 && IsHeadline(blocks[0]))
        {
            headline = blocks[0];
            blocks.RemoveAt(0);
        }

        var paragraphs = new List<Paragraph>(blocks.Count);
        foreach (string block in blocks)
        {
            paragraphs.Add(new Paragraph(SentenceSplitter.Split(block), IsQuoteBlock(block)));
        }

        return new Story(headline, author, paragraphs);
    }

    /// <summary>A story with other paragraphs (a follow-up's inserted block, a carried quote), same headline and author.</summary>
    public Story WithParagraphs(List<Paragraph> paragraphs) => new(Headline, Author, paragraphs);

    /// <summary>The text as a page shows it: headline, then paragraphs separated by blank lines, no byline.</summary>
    public string RenderPlain()
    {
        var sb = new System.Text.StringBuilder(8192);
        if (Headline.Length > 0)
        {
            sb.Append(Headline).Append("\n\n");
        }

        AppendBody(sb, Paragraphs);
        return sb.ToString();
    }

    private static List<string> Blocks(string text)
    {
        string normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        string separator = normalized.Contains("\n\n", StringComparison.Ordinal) ? "\n\n" : "\n";
        var blocks = new List<string>();
        foreach (string part in normalized.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Line breaks inside a block are wrapping, not structure.
            blocks.Add(string.Join(' ', part.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        return blocks;
    }

    private static bool IsHeadline(string block) =>
        ProseWriter.CountWords(block) <= MaxHeadlineWords && !block.EndsWith('.');

    private static bool IsQuoteBlock(string block) =>
        block.AsSpan().IndexOfAny("\"\u201c\u201d") >= 0;
}
