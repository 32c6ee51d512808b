namespace NearDup.Corpus.Internal;

/// <summary>
/// Turns real stories into hard negatives of a chosen story: a follow-up, another story into whose lower half a
/// background paragraph of the chosen story's lower half is inserted, and a quote carrier, another story that
/// carries one quoted sentence of it. Both stay different stories (their own clusters) while sharing its text,
/// the shapes real archives confuse with excerpts. Carriers are stories without copies of their own (so no copy
/// quotes the inserted text as if it were theirs), preferred on the chosen story's topic: of a few random
/// candidates, the one sharing most long words with it.
/// </summary>
internal sealed class HardNegativePlanner
{
    // Candidates sampled per carrier; enough to find a same-topic story in a file of a few topics.
    private const int Candidates = 12;

    // Words this long are mostly names and topic words, so shared ones say two stories are on one topic.
    private const int TopicWordLength = 7;

    // A follow-up reuses a paragraph of background, not the story: at most this many words and this share of it.
    private const int MaxBackgroundWords = 80;
    private const double MaxBackgroundShare = 0.3;

    private readonly Story[] _stories;
    private readonly bool[] _used;
    private readonly bool[] _canCarry;
    private readonly Dictionary<int, HashSet<string>> _topicWords = [];
    private readonly Rng _rng;

    /// <param name="stories">The stories; carriers are replaced in place.</param>
    /// <param name="canCarry">Which stories may be carriers.</param>
    /// <param name="seed">Corpus seed.</param>
    public HardNegativePlanner(Story[] stories, bool[] canCarry, ulong seed)
    {
        _stories = stories;
        _canCarry = canCarry;
        _used = new bool[stories.Length];
        _rng = Rng.For(seed, 0, Streams.HardNegative);
    }

    /// <summary>Follow-ups made.</summary>
    public int FollowUps { get; private set; }

    /// <summary>Quote carriers made.</summary>
    public int QuoteCarriers { get; private set; }

    /// <summary>Indices of the stories that were changed into carriers.</summary>
    public List<int> Carriers { get; } = [];

    /// <summary>Makes up to <paramref name="pairs"/> follow-up and quote-carrier pairs, replacing the carriers in the array.</summary>
    public void Plan(int pairs)
    {
        var order = Enumerable.Range(0, _stories.Length).ToArray();
        _rng.Shuffle(order);
        foreach (int chosen in order)
        {
            if (FollowUps >= pairs)
            {
                break;
            }

            TryPair(chosen);
        }
    }

    private void TryPair(int chosen)
    {
        var story = _stories[chosen];
        if (_used[chosen] || story.Paragraphs.Count < 3 || QuotedSentence(story) is not { } quote)
        {
            return;
        }

        _used[chosen] = true;
        int followUp = Carrier(chosen);
        int quoteCarrier = followUp < 0 ? -1 : Carrier(chosen);
        if (quoteCarrier < 0)
        {
            _used[chosen] = false;
            if (followUp >= 0)
            {
                _used[followUp] = false;
            }

            return;
        }

        _stories[followUp] = InsertParagraph(_stories[followUp], BackgroundParagraph(story), lowerHalf: true);
        _stories[quoteCarrier] = InsertParagraph(_stories[quoteCarrier], new Paragraph([quote], isQuote: true), lowerHalf: false);
        Carriers.Add(followUp);
        Carriers.Add(quoteCarrier);
        FollowUps++;
        QuoteCarriers++;
    }

    /// <summary>An unused story that may carry, of two or more paragraphs, on the chosen story's topic, marked used; -1 when none was found.</summary>
    private int Carrier(int chosen)
    {
        int best = -1;
        int bestShared = -1;
        for (int i = 0; i < Candidates; i++)
        {
            int candidate = _rng.Next(_stories.Length);
            if (_used[candidate] || !_canCarry[candidate] || _stories[candidate].Paragraphs.Count < 2)
            {
                continue;
            }

            int shared = TopicWords(candidate).Count(TopicWords(chosen).Contains);
            if (shared > bestShared)
            {
                (best, bestShared) = (candidate, shared);
            }
        }

        if (best >= 0)
        {
            _used[best] = true;
        }

        return best;
    }

    /// <summary>
    /// A background block from the lower half by words: a paragraph that starts there (one of 20 words or more where
    /// there is one), else the sentences of the last paragraph from the half-way mark; cut to a run of sentences when
    /// longer than a follow-up would reuse (some real texts run a whole story into two or three paragraphs).
    /// </summary>
    private Paragraph BackgroundParagraph(Story story)
    {
        var paras = story.Paragraphs;
        int[] starts = WordStarts(paras);
        int total = starts[^1];
        var lower = Enumerable.Range(0, paras.Count).Where(i => i > 0 && starts[i] >= total / 2).ToArray();
        var long20 = lower.Where(i => starts[i + 1] - starts[i] >= 20).ToArray();
        var paragraph = long20.Length > 0 ? paras[_rng.Pick(long20)] : lower.Length > 0 ? paras[_rng.Pick(lower)] : SecondHalf(paras[^1], total - starts[^2], total / 2);
        int limit = Math.Min(MaxBackgroundWords, (int)(MaxBackgroundShare * total));
        return ProseWriter.CountWords(paragraph.ToString()) <= limit ? paragraph : SentenceRun(paragraph, limit);
    }

    /// <summary>Word offset of each paragraph's start, and the story's word count last.</summary>
    private static int[] WordStarts(List<Paragraph> paras)
    {
        var starts = new int[paras.Count + 1];
        for (int i = 0; i < paras.Count; i++)
        {
            starts[i + 1] = starts[i] + ProseWriter.CountWords(paras[i].ToString());
        }

        return starts;
    }

    /// <summary>The sentences of the last paragraph (of <paramref name="words"/> words) that start at or after word <paramref name="half"/> of the story.</summary>
    private static Paragraph SecondHalf(Paragraph last, int words, int half)
    {
        var sentences = last.Sentences;
        int at = sentences.Length - 1;
        int offset = words;
        for (int i = sentences.Length - 1; i > 0 && offset - ProseWriter.CountWords(sentences[i]) >= words - half; i--)
        {
            offset -= ProseWriter.CountWords(sentences[i]);
            at = i;
        }

        return new Paragraph(sentences[at..], last.IsQuote);
    }

    /// <summary>Consecutive sentences of the paragraph from a random one, at least one, up to <paramref name="limit"/> words.</summary>
    private Paragraph SentenceRun(Paragraph paragraph, int limit)
    {
        var sentences = paragraph.Sentences;
        int start = _rng.Next(sentences.Length);
        int end = start + 1;
        int words = ProseWriter.CountWords(sentences[start]);
        while (end < sentences.Length && words + ProseWriter.CountWords(sentences[end]) <= limit)
        {
            words += ProseWriter.CountWords(sentences[end]);
            end++;
        }

        return new Paragraph(sentences[start..end], paragraph.IsQuote);
    }

    /// <summary>A sentence of 8 words or more holding a quotation, else one of 12 words or more; null when there is neither.</summary>
    private string? QuotedSentence(Story story)
    {
        var sentences = story.Paragraphs.SelectMany(p => p.Sentences).ToArray();
        var quoted = sentences.Where(s => ProseWriter.CountWords(s) >= 8 && s.AsSpan().IndexOfAny("\"\u201c\u201d") >= 0).ToArray();
        var pool = quoted.Length > 0 ? quoted : sentences.Where(s => ProseWriter.CountWords(s) >= 12).ToArray();
        return pool.Length > 0 ? _rng.Pick(pool) : null;
    }

    /// <summary>
    /// The story with the paragraph inserted: for a follow-up's background, at the first paragraph break past half the
    /// story's words (at the end when there is none); else anywhere after the lede.
    /// </summary>
    private Story InsertParagraph(Story story, Paragraph paragraph, bool lowerHalf)
    {
        var paragraphs = new List<Paragraph>(story.Paragraphs);
        int at = _rng.Between(1, paragraphs.Count);
        if (lowerHalf)
        {
            int[] starts = WordStarts(paragraphs);
            at = Enumerable.Range(1, paragraphs.Count).First(i => starts[i] >= starts[^1] / 2);
        }

        paragraphs.Insert(at, paragraph);
        return story.WithParagraphs(paragraphs);
    }

    private HashSet<string> TopicWords(int story)
    {
        if (!_topicWords.TryGetValue(story, out var words))
        {
            words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in _stories[story].Paragraphs)
            {
                foreach (string w in p.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    string word = w.Trim(['.', ',', ';', ':', '"', '\'', '(', ')', '?', '!', '\u201c', '\u201d', '\u2018', '\u2019']);
                    if (word.Length >= TopicWordLength)
                    {
                        words.Add(word);
                    }
                }
            }

            _topicWords[story] = words;
        }

        return words;
    }
}
