namespace NearDup.Corpus.Internal;

/// <summary>An original article: headline, author and paragraphs, kept structured for the copy writers.</summary>
internal sealed partial class Story
{
    private Story(string headline, string author, List<Paragraph> paragraphs)
    {
        Headline = headline;
        Author = author;
        Paragraphs = paragraphs;
    }

    public string Headline { get; }

    public string Author { get; }

    public List<Paragraph> Paragraphs { get; }

    /// <summary>Writes paragraphs until about <paramref name="targetWords"/> words.</summary>
    public static Story Write(ProseWriter prose, int targetWords, bool quoteStatement)
    {
        var rng = prose.Rng;
        string headline = prose.Headline();
        string author = prose.Author();
        var paragraphs = new List<Paragraph>(targetWords / 40);
        int words = 0;

        // The lede is a plain paragraph, as in wire copy.
        while (words < targetWords)
        {
            var p = paragraphs.Count == 0 ? new Paragraph([prose.Sentence(), prose.Sentence()], isQuote: false) : prose.Paragraph();
            paragraphs.Add(p);
            foreach (string s in p.Sentences)
            {
                words += ProseWriter.CountWords(s);
            }
        }

        // Short items skip the statement: in 150 words one shared quote is already ~1% of the 5-grams.
        if (quoteStatement && targetWords >= 400)
        {
            paragraphs.Insert(rng.Between(1, paragraphs.Count), prose.StatementParagraph());
        }

        return new Story(headline, author, paragraphs);
    }

    /// <summary>The original's text: headline, byline, then paragraphs separated by blank lines.</summary>
    public string Render()
    {
        var sb = new System.Text.StringBuilder(8192);
        sb.Append(Headline).Append("\n\nBy ").Append(Author).Append("\n\n");
        AppendBody(sb, Paragraphs);
        return sb.ToString();
    }

    public static void AppendBody(System.Text.StringBuilder sb, IReadOnlyList<Paragraph> paragraphs)
    {
        for (int i = 0; i < paragraphs.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("\n\n");
            }

            var sentences = paragraphs[i].Sentences;
            for (int j = 0; j < sentences.Length; j++)
            {
                if (j > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(sentences[j]);
            }
        }
    }
}
