using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>
/// Copies of a real story that need more than the generated ones: a spun rewrite built on <see cref="TextSpinner"/>,
/// and an excerpt post whose own words are sentences of other real stories. Exact and syndicated copies of real
/// stories are <see cref="CopyWriter"/>'s, which work on any text.
/// </summary>
internal static class RealCopyWriter
{
    private static readonly string[] s_titles = ["{0}", "{0}", "Worth a read: {0}", "{0}: what we know", "Today's links: {0}", "In case you missed it: {0}"];
    private static readonly string[] s_attributions = ["{0} reported:", "From {0}:", "As {0} reports:", "Here is how {0} put it:", "{0} has the story:"];

    /// <summary>
    /// A spun copy: synonym swaps, filler words, wedged clauses, dropped sentences and reordered sentences and
    /// paragraphs. <paramref name="strength"/> 0 is a light edit keeping about 60% of the story's word 5-grams,
    /// 1 a heavy spin keeping about 10% (measured on the BBC texts; StoryCopyGeneratorTests checks the ordering).
    /// </summary>
    public static string Rewritten(Story story, double strength, Site site, Rng rng)
    {
        var edits = new SpinEdits(strength);
        var paragraphs = new List<string>(story.Paragraphs.Count);
        foreach (var p in story.Paragraphs)
        {
            if (RewriteParagraph(p, edits, rng) is { } text)
            {
                paragraphs.Add(text);
            }
        }

        for (int i = 1; i < paragraphs.Count; i++)
        {
            if (rng.Chance(edits.SwapParagraphs))
            {
                (paragraphs[i - 1], paragraphs[i]) = (paragraphs[i], paragraphs[i - 1]);
            }
        }

        var sb = new StringBuilder(story.Headline.Length + (paragraphs.Sum(p => p.Length + 2)));
        if (story.Headline.Length > 0)
        {
            sb.Append(TextSpinner.Spin(story.Headline, edits.Swap, 0, rng)).Append("\n\n");
        }

        sb.AppendJoin("\n\n", paragraphs);
        return site.CurlyQuotes ? CopyWriter.CurlyQuotes(sb.ToString()) : sb.ToString();
    }

    /// <summary>
    /// A post quoting 2–5 consecutive paragraphs of the story, at most half of them (its opening three times in four) under an
    /// attribution line, inside sentences of its own (<paramref name="ownSentence"/>), sized so that about
    /// <paramref name="containment"/> of its word 5-grams come from the story. The story needs three paragraphs.
    /// </summary>
    public static string Excerpt(Story story, double containment, bool relatedFooter, Func<string> ownSentence, string author, Site site, Site origin, Rng rng)
    {
        var paras = story.Paragraphs;
        // At most half the story (two paragraphs of a short one): an excerpt leaves most of it out.
        int maxCount = Math.Max(2, paras.Count / 2);
        int count = Math.Min(rng.Between(2, 5), maxCount);
        int start = rng.Chance(0.75) ? 0 : rng.Between(1, Math.Min(3, paras.Count - count));
        int quotedWords = 0;
        for (int i = start; i < start + count; i++)
        {
            quotedWords += ProseWriter.CountWords(paras[i].ToString());
        }

        string footer = CopyWriter.RelatedFooter(relatedFooter, site, rng);
        int ownWords = CopyWriter.OwnWords(paras, start, ref count, maxCount, ref quotedWords, containment, footer);
        string headline = story.Headline.Length > 0 ? story.Headline : "A story worth reading";
        var sb = new StringBuilder(8192);
        sb.AppendFormat(null, rng.Pick(s_titles), headline).Append("\n\nPosted by ").Append(author).Append("\n\n");
        int written = CopyWriter.AppendSentences(sb, ownSentence, Math.Max(1, ownWords / 3));
        sb.Append("\n\n").AppendFormat(null, rng.Pick(s_attributions), origin.Name).Append("\n\n");
        for (int i = start; i < start + count; i++)
        {
            sb.Append(paras[i].ToString()).Append("\n\n");
        }

        if (rng.Chance(0.5))
        {
            sb.Append("Source: ").Append(origin.Domain).Append("\n\n");
        }

        CopyWriter.AppendCommentary(sb, ownSentence, ownWords - written, rng);
        sb.Append(footer);
        return site.CurlyQuotes ? CopyWriter.CurlyQuotes(sb.ToString()) : sb.ToString();
    }

    private static string? RewriteParagraph(Paragraph p, SpinEdits edits, Rng rng)
    {
        var sentences = new List<string>(p.Sentences.Length);
        foreach (string s in p.Sentences)
        {
            if (p.Sentences.Length > 1 && rng.Chance(edits.Drop))
            {
                continue;
            }

            string spun = TextSpinner.Spin(s, edits.Swap, edits.Filler, rng);
            sentences.Add(rng.Chance(edits.Clause) ? TextSpinner.WedgeClause(spun, rng) : spun);
        }

        if (!p.IsQuote && sentences.Count > 1 && rng.Chance(edits.Reorder))
        {
            rng.Shuffle(sentences);
        }

        return sentences.Count > 0 ? string.Join(' ', sentences) : null;
    }
}
