using System.Globalization;
using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>
/// Writes news-like prose on a topic from a small stochastic grammar: clauses are
/// noun phrase + verb phrase, with attributions, quotes, numbers, times, places and people.
/// Fixed template words never run longer than three tokens, so two stories only share a word
/// 5-gram when their random choices coincide (or they quote the topic's statement).
/// Not thread-safe: one writer per story.
/// </summary>
internal sealed class ProseWriter
{
    private static readonly string[] s_statementModals = ["will", "would", "must", "should", "can", "cannot", "will not"];

    private readonly Lexicon _lex = Lexicon.Shared;
    private readonly Rng _rng;
    private readonly Topic _topic;
    private readonly Person[] _people;
    private readonly HashSet<Person> _introduced = [];
    private readonly StringBuilder _sb = new(512);
    private bool _capitalizeNext;
    private bool _needSpace;

    public ProseWriter(Rng rng, Topic topic, Person[] ownPeople)
    {
        _rng = rng;
        _topic = topic;
        _people = [.. topic.People, .. ownPeople];
    }

    public Rng Rng => _rng;

    /// <summary>Approximate word count of a rendered string (spaces + 1).</summary>
    public static int CountWords(string s)
    {
        int n = 1;
        foreach (char c in s)
        {
            if (c == ' ')
            {
                n++;
            }
        }

        return n;
    }

    public string Sentence()
    {
        Begin();
        int form = _rng.Next(100);
        if (form < 42)
        {
            Clause();
            if (_rng.Chance(0.3))
            {
                Time();
            }
        }
        else if (form < 62)
        {
            Clause();
            Punct(",");
            Word(_rng.Pick(_lex.Conjunctions));
            Clause();
        }
        else if (form < 76)
        {
            if (_rng.Chance(0.5))
            {
                Clause();
                Punct(",");
                Speaker();
                Word(_rng.Pick(_lex.SpeechVerbs));
            }
            else
            {
                Speaker();
                Word(_rng.Pick(_lex.SpeechVerbs));
                Clause();
            }
        }
        else if (form < 86)
        {
            Word("according");
            Word("to");
            NounPhrase();
            Punct(",");
            Clause();
        }
        else
        {
            NounPhrase();
            if (_rng.Chance(0.5))
            {
                Word(_rng.Pick(_lex.Auxiliaries));
            }

            Verb();
            Number();
            if (_rng.Chance(0.5))
            {
                Time();
            }
        }

        Punct(".");
        return _sb.ToString();
    }

    /// <summary>A run of 1–4 plain sentences, or a quote paragraph.</summary>
    public Paragraph Paragraph()
    {
        if (_rng.Chance(0.22))
        {
            return QuoteParagraph();
        }

        var sentences = new string[_rng.Next(100) switch { < 30 => 1, < 65 => 2, < 90 => 3, _ => 4 }];
        for (int i = 0; i < sentences.Length; i++)
        {
            sentences[i] = Sentence();
        }

        return new Paragraph(sentences, isQuote: false);
    }

    /// <summary>"Clause," Name said. "Clause."</summary>
    public Paragraph QuoteParagraph()
    {
        Begin();
        Punct("\"");
        _capitalizeNext = true;
        Clause();
        Punct(",\"");
        Speaker();
        Word(_rng.Pick(_lex.SpeechVerbs));
        Punct(".");
        string first = _sb.ToString();
        if (!_rng.Chance(0.5))
        {
            return new Paragraph([first], isQuote: true);
        }

        Begin();
        Punct("\"");
        _capitalizeNext = true;
        Clause();
        Punct(".\"");
        return new Paragraph([first, _sb.ToString()], isQuote: true);
    }

    /// <summary>The topic's official statement, attributed to the topic's official.</summary>
    public Paragraph StatementParagraph()
    {
        Begin();
        Punct("\"");
        Punct(_topic.Statement);
        Punct(",\"");
        Mention(_topic.Official);
        Word(_rng.Pick(_lex.SpeechVerbs));
        Punct(".");
        return new Paragraph([_sb.ToString()], isQuote: true);
    }

    public string StatementClause()
    {
        Begin();
        Word("we");
        Word(_rng.Pick(s_statementModals));
        Verb();
        SimpleNounPhrase(determiner: true);
        return _sb.ToString();
    }

    public string Headline()
    {
        Begin();
        if (_rng.Chance(0.5))
        {
            Word(_rng.Pick(_people).Last);
        }
        else
        {
            Word(_rng.Pick(_topic.Places));
        }

        Verb();
        SimpleNounPhrase(determiner: _rng.Chance(0.3));
        if (_rng.Chance(0.6))
        {
            Word(_rng.Pick(_lex.Prepositions));
            SimpleNounPhrase(determiner: false);
        }

        if (_rng.Chance(0.3))
        {
            Word("as");
            Noun();
            Verb();
        }

        return TitleCase(_sb);
    }

    /// <summary>A byline name, not part of any topic.</summary>
    public string Author() => _lex.FirstName(_rng) + " " + _lex.LastName(_rng);

    private static string TitleCase(StringBuilder sb)
    {
        for (int i = 0; i < sb.Length; i++)
        {
            if ((i == 0 || sb[i - 1] == ' ') && char.IsLower(sb[i]))
            {
                sb[i] = char.ToUpperInvariant(sb[i]);
            }
        }

        return sb.ToString();
    }

    private void Begin()
    {
        _sb.Clear();
        _capitalizeNext = true;
        _needSpace = false;
    }

    // Spacing is tracked in a flag: StringBuilder's indexer walks chunks and showed up in profiles.
    private void Word(string w, string? suffix = null)
    {
        if (_needSpace)
        {
            _sb.Append(' ');
        }

        if (_capitalizeNext && w.Length > 0 && char.IsAsciiLetterLower(w[0]))
        {
            _sb.Append((char)(w[0] - 32)).Append(w, 1, w.Length - 1);
        }
        else
        {
            _sb.Append(w);
        }

        if (suffix is not null)
        {
            _sb.Append(suffix);
        }

        _capitalizeNext = false;
        _needSpace = true;
    }

    /// <summary>Appends punctuation; only an opening quote suppresses the next space.</summary>
    private void Punct(string p)
    {
        _sb.Append(p);
        _needSpace = p != "\"";
    }

    private void Clause()
    {
        NounPhrase();
        VerbPhrase();
    }

    private void NounPhrase(bool allowPeople = true)
    {
        int r = _rng.Next(100);
        if (allowPeople && r < 12)
        {
            Mention(_rng.Pick(_people));
        }
        else if (r < 17)
        {
            Word(_rng.Pick(_topic.Places));
        }
        else if (r < 21)
        {
            Word("the");
            Word(_rng.Pick(_topic.Organisations));
        }
        else if (r < 28)
        {
            Word(_rng.Pick(_lex.Pronouns));
        }
        else
        {
            SimpleNounPhrase(determiner: true);
            if (_rng.Chance(0.2))
            {
                Word("of");
                SimpleNounPhrase(determiner: _rng.Chance(0.6));
            }
        }
    }

    private void SimpleNounPhrase(bool determiner)
    {
        if (determiner)
        {
            Word(_rng.Pick(_lex.Determiners));
        }

        if (_rng.Chance(0.35))
        {
            Word(_rng.Chance(0.4) ? _rng.Pick(_lex.Adjectives) : _lex.ZipfWord(_rng));
        }

        Noun();
    }

    private void Noun()
    {
        int r = _rng.Next(100);
        Word(r < 28 ? _rng.Pick(_lex.CommonNouns) : r < 42 ? _rng.Pick(_topic.Words) : _lex.ZipfWord(_rng));
    }

    private void Verb()
    {
        string stem = _rng.Chance(0.1) ? _rng.Pick(_topic.Words) : _lex.ZipfWord(_rng);
        int r = _rng.Next(100);
        Word(stem, r < 40 ? "ed" : r < 55 ? "s" : null);
    }

    private void VerbPhrase()
    {
        if (_rng.Chance(0.55))
        {
            Word(_rng.Pick(_lex.Auxiliaries));
        }

        if (_rng.Chance(0.2))
        {
            Word(_rng.Pick(_lex.Adverbs));
        }

        Verb();
        NounPhrase();
        if (_rng.Chance(0.45))
        {
            PrepositionalPhrase();
        }

        if (_rng.Chance(0.12))
        {
            Number();
        }
    }

    private void PrepositionalPhrase()
    {
        Word(_rng.Pick(_lex.Prepositions));
        if (_rng.Chance(0.15))
        {
            Word(_rng.Pick(_topic.Places));
        }
        else
        {
            SimpleNounPhrase(determiner: _rng.Chance(0.7));
        }
    }

    private void Speaker()
    {
        if (_rng.Chance(0.75))
        {
            Mention(_rng.Pick(_people));
        }
        else
        {
            SimpleNounPhrase(determiner: true);
        }
    }

    private void Mention(Person p)
    {
        if (_introduced.Add(p))
        {
            Word(p.FullName);
            if (_rng.Chance(0.55))
            {
                Punct(",");
                switch (_rng.Next(5))
                {
                    case 3:
                        Word(p.Organisation);
                        Word(p.Title);
                        break;
                    case 4:
                        Word("the");
                        Word(p.Title);
                        break;
                    case 0:
                        Word("the");
                        Word(p.Title);
                        Word("of");
                        Word("the");
                        Word(p.Organisation);
                        break;
                    case 1:
                        Word("a");
                        Word(p.Organisation);
                        Word(p.Title);
                        break;
                    default:
                        Word("who");
                        Word(_rng.Chance(0.5) ? "serves" : "works");
                        Word("as");
                        Word(p.Title);
                        break;
                }

                Punct(",");
            }

            return;
        }

        int r = _rng.Next(100);
        if (r < 60)
        {
            Word(p.Last);
        }
        else if (r < 85)
        {
            Word(p.Female ? "Ms" : "Mr");
            Word(p.Last);
        }
        else
        {
            Word("the");
            Word(p.Title);
        }
    }

    private void Time()
    {
        switch (_rng.Next(6))
        {
            case 0:
                Word("on");
                Word(_rng.Pick(_lex.Days));
                break;
            case 1:
                Word(_rng.Chance(0.5) ? "last" : "this");
                Word(_rng.Chance(0.5) ? "week" : "month");
                break;
            case 2:
                Word("in");
                Word(_rng.Pick(_lex.Months));
                break;
            case 3:
                Word("earlier");
                Word("this");
                Word("year");
                break;
            case 4:
                Word("on");
                Word(_rng.Pick(_lex.Days));
                Word(_rng.Chance(0.5) ? "night" : "morning");
                break;
            default:
                Word("by");
                Word(_rng.Between(2010, 2030).ToString(CultureInfo.InvariantCulture));
                break;
        }
    }

    private void Number()
    {
        switch (_rng.Next(6))
        {
            case 0:
                Word("by");
                Word(_rng.Between(2, 95).ToString(CultureInfo.InvariantCulture));
                Word("percent");
                break;
            case 1:
                Word("$" + _rng.Between(1, 99).ToString(CultureInfo.InvariantCulture) + "." + _rng.Next(10).ToString(CultureInfo.InvariantCulture));
                Word(_rng.Chance(0.7) ? "million" : "billion");
                break;
            case 2:
                Word("more");
                Word("than");
                Word(_rng.Between(2, 60).ToString(CultureInfo.InvariantCulture) + "," + _rng.Next(1000).ToString("D3", CultureInfo.InvariantCulture));
                Noun();
                break;
            case 3:
                Word("at");
                Word("least");
                Word(_rng.Between(3, 400).ToString(CultureInfo.InvariantCulture));
                Noun();
                break;
            case 4:
                Word("in");
                Word(_rng.Between(1995, 2024).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                Word("nearly");
                Word(_rng.Between(11, 999).ToString(CultureInfo.InvariantCulture));
                Noun();
                break;
        }
    }
}
