using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>
/// Turns a story into copies of each kind: exact (normalization-only changes), syndicated (the full
/// text inside a site's boilerplate), rewritten (a spinner's synonym swaps, reordering, insertions
/// and deletions) and excerpt (some paragraphs inside new text); plus optional OCR-like noise.
/// </summary>
internal static class CopyWriter
{
    /// <summary>Case, whitespace and quote changes only: identical after normalization.</summary>
    public static string Exact(string original, Rng rng)
    {
        string text = original;
        int changes = rng.Between(1, 7);
        if ((changes & 1) != 0)
        {
            text = rng.Next(3) switch
            {
                0 => text.Replace("\n\n", "\n", StringComparison.Ordinal),
                1 => text.Replace("\n", "\r\n", StringComparison.Ordinal),
                _ => text.Replace(". ", ".  ", StringComparison.Ordinal).Replace("\n\n", " \n\n", StringComparison.Ordinal),
            };
        }

        if ((changes & 2) != 0)
        {
            if (rng.Chance(0.3))
            {
                text = text.ToLowerInvariant();
            }
            else
            {
                // Real texts may be one line; generated ones always have a headline line.
                int end = text.IndexOf('\n', StringComparison.Ordinal);
                end = end < 0 ? text.Length : end;
                text = string.Concat(text.AsSpan(0, end).ToString().ToUpperInvariant(), text.AsSpan(end));
            }
        }

        if ((changes & 4) != 0)
        {
            text = CurlyQuotes(text);
        }

        return text;
    }

    /// <summary>The whole story inside the site's header, byline, footer and related posts.</summary>
    public static string Syndicated(Story story, Site site, Site origin, DateOnly date, Rng rng)
    {
        var sb = new StringBuilder(12_288);
        if (site.ProxyPrefix is not null)
        {
            site.AppendProxyLine(sb, story.Headline, rng);
        }

        sb.Append(site.Header).Append('\n');
        sb.Append(story.Headline).Append("\n\n");
        site.AppendByline(sb, story.Author, date, rng);
        if (rng.Chance(0.4) && site.RelatedPool.Length > 0)
        {
            // A "see also" teaser above the body, as on the seed's syndicating site.
            string entry = rng.Pick(site.RelatedPool);
            sb.Append(entry.AsSpan(0, entry.IndexOf('\n', StringComparison.Ordinal))).Append("\n\n");
        }

        Story.AppendBody(sb, story.Paragraphs);
        sb.Append("\n\n");
        sb.Append(rng.Chance(0.5) ? origin.Name : "This article originally appeared on " + origin.Domain + ".").Append("\n\n");
        if (rng.Chance(0.7))
        {
            site.AppendRelated(sb, rng);
        }

        sb.Append(site.Footer);
        string text = sb.ToString();
        return site.CurlyQuotes ? CurlyQuotes(text) : text;
    }

    /// <summary>
    /// A spun copy. <paramref name="strength"/> 0 is a light edit keeping about three quarters of
    /// the word 5-grams; 1 is a heavy spin keeping 10–20% (calibrated by CorpusShapeTests).
    /// </summary>
    public static string Rewritten(Story story, double strength, ProseWriter prose, Site site, Rng rng)
    {
        double pContent = 0.06 + (0.44 * strength);
        double pFunction = 0.03 + (0.36 * strength);
        double pDrop = 0.02 + (0.08 * strength);
        double pInsert = 0.04 + (0.30 * strength);
        double pReorder = 0.10 + (0.50 * strength);

        var sb = new StringBuilder(10_240);
        bool junk = rng.Chance(0.35);
        string headline = Spin(story.Headline, pContent, pFunction, rng);
        if (junk)
        {
            site.AppendProxyLine(sb, headline, rng);
        }

        sb.Append(headline).Append("\n\n");
        var paragraphs = new List<string>(story.Paragraphs.Count + 4);
        var sentences = new List<string>(8);
        foreach (var p in story.Paragraphs)
        {
            sentences.Clear();
            foreach (string s in p.Sentences)
            {
                if (!rng.Chance(pDrop))
                {
                    sentences.Add(Spin(s, pContent, pFunction, rng));
                }
            }

            if (!p.IsQuote && sentences.Count > 1 && rng.Chance(pReorder))
            {
                rng.Shuffle(sentences);
            }

            if (!p.IsQuote && rng.Chance(pInsert))
            {
                sentences.Insert(rng.Next(sentences.Count + 1), prose.Sentence());
            }

            if (sentences.Count > 0)
            {
                paragraphs.Add(string.Join(' ', sentences));
            }
        }

        for (int i = 1; i < paragraphs.Count; i++)
        {
            if (rng.Chance(0.15 * strength))
            {
                (paragraphs[i - 1], paragraphs[i]) = (paragraphs[i], paragraphs[i - 1]);
            }
        }

        sb.AppendJoin("\n\n", paragraphs);
        if (junk || rng.Chance(0.3))
        {
            sb.Append("\n\nSource link");
        }

        return CurlyQuotes(sb.ToString());
    }

    /// <summary>
    /// A post quoting consecutive paragraphs of the story inside its own text, sized so that about
    /// <paramref name="containment"/> of its word 5-grams come from the story.
    /// </summary>
    public static string Excerpt(Story story, double containment, bool relatedFooter, ProseWriter prose, Site site, Site origin, Rng rng)
    {
        var paras = story.Paragraphs;
        int count = Math.Min(paras.Count, rng.Between(2, 6));
        int start = rng.Next(Math.Max(1, Math.Min(paras.Count - count + 1, 4)));
        int quotedWords = 0;
        for (int i = start; i < start + count; i++)
        {
            quotedWords += ProseWriter.CountWords(paras[i].ToString());
        }

        string footer = RelatedFooter(relatedFooter, site, rng);
        int ownWords = OwnWords(paras, start, ref count, paras.Count, ref quotedWords, containment, footer);

        var sb = new StringBuilder(8192);
        sb.Append(Spin(story.Headline, 0.3, 0.3, rng)).Append("\n\n").Append(prose.Author()).Append(",\n\n");
        int written = AppendSentences(sb, prose.Sentence, Math.Max(1, ownWords / 3));

        sb.Append("The ").Append(origin.Name.StartsWith("The ", StringComparison.Ordinal) ? origin.Name[4..] : origin.Name).Append(" reported:\n\n");
        for (int i = start; i < start + count; i++)
        {
            sb.Append(paras[i].ToString());
            sb.Append(i == start + count - 1 && rng.Chance(0.5) ? " \u2013" + origin.Name + "\n\n" : "\n\n");
        }

        AppendCommentary(sb, prose.Sentence, ownWords - written, rng);
        sb.Append(footer);
        return site.CurlyQuotes ? CurlyQuotes(sb.ToString()) : sb.ToString();
    }

    /// <summary>A related-posts block under a post (with the blank line before it), or nothing.</summary>
    internal static string RelatedFooter(bool relatedFooter, Site site, Rng rng)
    {
        if (!relatedFooter)
        {
            return "";
        }

        var footer = new StringBuilder("\n\n");
        site.AppendRelated(footer, rng);
        return footer.ToString();
    }

    /// <summary>
    /// Words of its own a post needs so that about <paramref name="containment"/> of its 5-grams are quoted: word
    /// 5-grams ≈ words, so own words = quoted · (1 − c) / c, less what the footer adds. Quotes more paragraphs
    /// (<paramref name="count"/> grows, up to <paramref name="maxCount"/>) when the footer alone would push containment below the target.
    /// </summary>
    internal static int OwnWords(List<Paragraph> paras, int start, ref int count, int maxCount, ref int quotedWords, double containment, string footer)
    {
        int footerWords = ProseWriter.CountWords(footer);
        while (start + count < paras.Count && count < maxCount && quotedWords * (1 - containment) / containment < footerWords + 40)
        {
            quotedWords += ProseWriter.CountWords(paras[start + count].ToString());
            count++;
        }

        return Math.Max((int)(quotedWords * (1 - containment) / containment) - footerWords, 20);
    }

    /// <summary>Sentences run on until at least <paramref name="words"/> words; returns the words written.</summary>
    internal static int AppendSentences(StringBuilder sb, Func<string> sentence, int words)
    {
        int written = 0;
        while (written < words)
        {
            string s = sentence();
            sb.Append(s).Append(' ');
            written += ProseWriter.CountWords(s);
        }

        return written;
    }

    /// <summary>
    /// Commentary sentence by sentence in paragraphs of one to three, so the total lands near
    /// <paramref name="words"/>; trailing white space is trimmed.
    /// </summary>
    internal static void AppendCommentary(StringBuilder sb, Func<string> sentence, int words, Rng rng)
    {
        int written = 0;
        int inParagraph = 0;
        while (written < words)
        {
            string s = sentence();
            sb.Append(s);
            written += ProseWriter.CountWords(s);
            inParagraph++;
            sb.Append(inParagraph >= 3 || (inParagraph >= 1 && rng.Chance(0.4)) ? "\n\n" : " ");
            if (sb[^1] == '\n')
            {
                inParagraph = 0;
            }
        }

        while (sb.Length > 0 && char.IsWhiteSpace(sb[^1]))
        {
            sb.Length--;
        }
    }

    /// <summary>OCR-like character noise: confusions (rn/m, l/1, e/c, O/0), drops and doubles.</summary>
    public static string OcrNoise(string text, double rate, Rng rng)
    {
        var sb = new StringBuilder(text.Length + 64);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsLetterOrDigit(c) || !rng.Chance(rate))
            {
                sb.Append(c);
                continue;
            }

            switch (rng.Next(8))
            {
                case 0:
                    break; // dropped
                case 1:
                    sb.Append(c).Append(c);
                    break;
                case 2 when c == 'm':
                    sb.Append("rn");
                    break;
                case 2 when c == 'r' && i + 1 < text.Length && text[i + 1] == 'n':
                    sb.Append('m');
                    i++;
                    break;
                default:
                    sb.Append(c switch
                    {
                        'l' => '1',
                        'i' => 'l',
                        'e' => 'c',
                        'c' => 'e',
                        'o' => '0',
                        'O' => '0',
                        'a' => 'o',
                        's' => '5',
                        'h' => 'b',
                        'n' => 'h',
                        'u' => 'v',
                        '1' => 'l',
                        '0' => 'O',
                        _ => c,
                    });
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Straight quotes to typographic ones (opening after whitespace or at start).</summary>
    public static string CurlyQuotes(string text)
    {
        if (!text.Contains('"', StringComparison.Ordinal) && !text.Contains('\'', StringComparison.Ordinal))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            bool opening = i == 0 || char.IsWhiteSpace(chars[i - 1]);
            if (chars[i] == '"')
            {
                chars[i] = opening ? '\u201c' : '\u201d';
            }
            else if (chars[i] == '\'')
            {
                chars[i] = opening ? '\u2018' : '\u2019';
            }
        }

        return new string(chars);
    }

    /// <summary>Swaps words for synonyms: content words with <paramref name="pContent"/>, English words with <paramref name="pFunction"/>.</summary>
    internal static string Spin(string sentence, double pContent, double pFunction, Rng rng)
    {
        var swapper = new LexiconSwap(pContent, pFunction, rng, stackalloc char[64]);
        return WordRuns.Rewrite(sentence, ref swapper);
    }
}
