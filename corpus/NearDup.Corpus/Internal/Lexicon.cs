using System.Text;

namespace NearDup.Corpus.Internal;

/// <summary>
/// The generated language: a few hundred English function and common news words that carry the
/// grammar, plus tens of thousands of pseudo-words built from syllables and drawn from a
/// Zipf-Mandelbrot law p(r) ∝ 1/(r + q)^s (Mandelbrot 1953), so the rank-frequency curve of the
/// corpus looks like natural text. Built once from a fixed seed and shared read-only by all
/// generators (thread-safe); the corpus seed only picks stories, never the language.
/// </summary>
internal sealed class Lexicon
{
    public const int ContentWordCount = 40_000;
    private const int GuideSize = 1 << 16;
    private const double ZipfShift = 8.0;
    private const double ZipfExponent = 1.07;

    private static readonly string[] s_onsets =
    [
        "", "", "b", "bl", "br", "c", "ch", "cl", "cr", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "h", "j", "k",
        "l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "str", "t",
        "th", "tr", "v", "w", "wh", "y", "z", "l", "m", "n", "r", "s", "t", "d", "p", "c", "v",
    ];

    private static readonly string[] s_nuclei = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "e", "ai", "ea", "ee", "ie", "oa", "ou", "oo", "au"];

    private static readonly string[] s_codas = ["", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "nt", "st", "ck", "rt", "ld", "sh", "th", "x", "p", "g", "ss", "ll"];

    private static readonly string[] s_nameEndingsFirst = ["a", "o", "el", "an", "ie", "us", "in", "is", "on", "ia", "en", "ar", "ette", "iel", "ah"];
    private static readonly string[] s_nameEndingsLast = ["son", "er", "ez", "ski", "ley", "ton", "man", "ard", "ell", "ins", "berg", "ow", "as", "ini", "ovic", "wood", "by", "ford"];
    private static readonly string[] s_placeEndings = ["ville", "ford", "burg", "port", "field", "ton", "dale", "mouth", "haven", "stad", "bury", "wick", "ridge", "land"];

    public string[] Determiners { get; } = Weighted("the:14 a:4 this:2 that its their every each another some several many both no his her our these those any");
    public string[] Prepositions { get; } = Weighted("of:7 in:6 to:3 for:3 on:3 with:3 at:2 by:2 from:2 about after over against under between during without through into across near before since among despite amid toward beyond within behind");
    public string[] Conjunctions { get; } = Weighted("and:4 but:3 while because although as after when since so though before until whereas even+though once");
    public string[] Auxiliaries { get; } = Weighted("will:3 would:3 could:2 has:3 had:2 is:2 was:3 were are may might should can did must has+been had+been will+be could+be is+being");
    public string[] Adverbs { get; } = Weighted("also:3 not:2 now still only just already more even again then later soon never recently quickly largely likely nearly officially publicly quietly");
    public string[] Pronouns { get; } = Weighted("he she they it we officials critics supporters residents analysts observers");
    public string[] SpeechVerbs { get; } = Weighted("said:8 told+reporters added noted warned argued explained insisted wrote stated");
    public string[] CommonNouns { get; } = Weighted(
        "government officials city state police president year week people report department plan policy agency court law " +
        "spokesman statement members residents community program county office campaign election country administration leaders " +
        "workers company budget council data decision families group issue market money month process record system vote case " +
        "cost funding public security service support time way world investigation operation deal proposal crisis rules board " +
        "committee region schools hospital union industry prices jobs health project effort talks changes plans groups efforts");
    public string[] Adjectives { get; } = Weighted(
        "new:3 former local federal national public major senior political economic final recent early large small key top " +
        "first second last next possible current independent private regional foreign military legal financial serious " +
        "significant critical official annual");
    public string[] Days { get; } = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    public string[] Months { get; } = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    public string[] Titles { get; } =
    [
        "spokesman", "spokeswoman", "director", "chief executive", "mayor", "senator", "governor", "commissioner",
        "acting secretary", "chairman", "analyst", "professor", "attorney", "sheriff", "chief", "deputy director",
        "press secretary", "council member", "economist", "researcher", "minister", "superintendent", "president",
    ];
    public string[] OrgPatterns { get; } =
    [
        "Department of {W}", "{P} Police Department", "{P} City Council", "Ministry of {W}", "{W} Institute",
        "{P} Chamber of Commerce", "{W} Corp", "{W} Foundation", "Office of {W} Affairs", "{P} County Board",
        "National {W} Agency", "{W} Association", "{P} University", "{W} Group", "{W} Commission",
    ];

    private readonly string[] _words;
    private readonly double[] _cdf;
    private readonly int[] _guide;
    private readonly Dictionary<string, string[]> _synonyms;
    private readonly Dictionary<string, string[]> _functionSynonyms;
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _synonymsBySpan;
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _functionSynonymsBySpan;
    private readonly string[] _firstNames;
    private readonly string[] _lastNames;
    private readonly string[] _places;

    private Lexicon(ulong seed)
    {
        var rng = new Rng(seed);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (string[] list in new[] { Determiners, Prepositions, Conjunctions, Auxiliaries, Adverbs, Pronouns, SpeechVerbs, CommonNouns, Adjectives })
        {
            foreach (string w in list)
            {
                foreach (string part in w.Split(' '))
                {
                    taken.Add(part);
                }
            }
        }

        _words = new string[ContentWordCount];
        for (int rank = 0; rank < ContentWordCount; rank++)
        {
            // Frequent words are short, as in natural language (Zipf's law of abbreviation).
            int syllables = rank < 600 ? rng.Between(1, 2) : rank < 6000 ? rng.Between(2, 3) : rng.Between(2, 4);
            string w;
            do
            {
                w = Syllables(rng, syllables, capital: false);
            }
            while (w.Length < 3 || !taken.Add(w));
            _words[rank] = w;
        }

        _cdf = new double[ContentWordCount];
        double total = 0;
        for (int r = 0; r < ContentWordCount; r++)
        {
            total += 1.0 / Math.Pow(r + ZipfShift, ZipfExponent);
            _cdf[r] = total;
        }

        for (int r = 0; r < ContentWordCount; r++)
        {
            _cdf[r] /= total;
        }

        _cdf[^1] = 1.0;
        _guide = new int[GuideSize + 1];
        int idx = 0;
        for (int g = 0; g <= GuideSize; g++)
        {
            double u = (double)g / GuideSize;
            while (idx < ContentWordCount - 1 && _cdf[idx] < u)
            {
                idx++;
            }

            _guide[g] = idx;
        }

        _synonyms = new Dictionary<string, string[]>(ContentWordCount + 128, StringComparer.Ordinal);
        for (int r = 0; r < ContentWordCount; r++)
        {
            // Spinners swap a word for one of similar frequency; pick two neighbours in rank.
            var syn = new string[2];
            for (int k = 0; k < syn.Length; k++)
            {
                int j;
                do
                {
                    j = Math.Clamp(r + rng.Between(-60, 60), 0, ContentWordCount - 1);
                }
                while (j == r);
                syn[k] = _words[j];
            }

            _synonyms[_words[r]] = syn;
        }

        _functionSynonyms = new Dictionary<string, string[]>(s_functionSynonyms.Length, StringComparer.Ordinal);
        foreach (string entry in s_functionSynonyms)
        {
            int colon = entry.IndexOf(':', StringComparison.Ordinal);
            _functionSynonyms[entry[..colon]] = entry[(colon + 1)..].Split('|');
        }

        _synonymsBySpan = _synonyms.GetAlternateLookup<ReadOnlySpan<char>>();
        _functionSynonymsBySpan = _functionSynonyms.GetAlternateLookup<ReadOnlySpan<char>>();
        _firstNames = Names(rng, 3000, s_nameEndingsFirst, taken);
        _lastNames = Names(rng, 8000, s_nameEndingsLast, taken);
        _places = Names(rng, 4000, s_placeEndings, taken);
    }

    /// <summary>Word-for-word substitutions a spinner makes among the English words.</summary>
    private static readonly string[] s_functionSynonyms =
    [
        "said:stated|noted|explained|added", "says:states|notes", "told:informed|advised", "officials:authorities|representatives",
        "government:administration|authorities", "people:individuals|persons|folks", "also:additionally|likewise", "because:since|as",
        "about:regarding|concerning", "after:following|subsequent to", "before:prior to|ahead of", "many:numerous|plenty of",
        "several:a number of|various", "large:big|huge", "new:fresh|recent", "city:town|municipality", "country:nation",
        "police:law enforcement|cops", "plan:scheme|proposal", "week:seven days", "president:leader|head", "statement:announcement",
        "report:account|document", "but:however|yet", "while:whilst|whereas", "could:might|may", "might:could|may", "in:within|inside",
        "with:alongside|together with", "against:versus|towards", "during:throughout|amid", "residents:inhabitants|locals",
        "members:associates", "community:neighborhood|group", "company:firm|business", "program:programme|scheme",
        "investigation:probe|inquiry", "operation:procedure|effort", "crisis:disaster|emergency", "leaders:heads|chiefs",
        "workers:employees|staff", "families:households", "money:cash|funds", "time:period", "world:globe", "decision:choice",
        "issue:problem|matter", "support:backing|help", "public:general public|people", "talks:discussions|negotiations",
        "jobs:positions|roles", "prices:costs", "schools:colleges", "changes:modifications|adjustments", "efforts:attempts",
        "will:would|shall", "would:will", "has:have", "was:had been|became", "were:had been", "not:never", "now:currently|at present",
        "still:nonetheless|yet", "only:just|solely", "already:by now", "recently:lately|not long ago", "quickly:rapidly|swiftly",
        "nearly:almost|practically", "likely:probably", "local:regional|nearby", "federal:national", "major:significant|important",
        "senior:high-ranking|top", "political:governmental", "economic:financial", "final:last|ultimate", "recent:latest|current",
        "early:initial", "small:little|minor", "key:crucial|important", "first:initial", "last:previous|final", "next:following|upcoming",
        "possible:potential", "current:present|existing", "serious:grave|severe", "significant:considerable|substantial",
        "the:this|that", "a:one", "of:from", "to:towards", "for:intended for", "on:upon", "at:in", "by:through", "from:out of",
        "and:as well as|plus", "that:which", "is:remains", "are:remain", "this:the", "their:its",
    ];

    // Declared after every static table it reads: static initializers run in textual order.
    public static Lexicon Shared { get; } = new(0x1E8C0DE5EEDUL);

    public int Count => _words.Length;

    /// <summary>A content word by Zipf rank (0 = most frequent).</summary>
    public string Word(int rank) => _words[rank];

    /// <summary>Draws a content word from the Zipf-Mandelbrot law via a guide table (Chen and Asau 1974).</summary>
    public string ZipfWord(Rng rng)
    {
        double u = rng.NextDouble();
        int i = _guide[(int)(u * GuideSize)];
        while (_cdf[i] < u)
        {
            i++;
        }

        return _words[i];
    }

    public string FirstName(Rng rng) => rng.Pick(_firstNames);

    public string LastName(Rng rng) => rng.Pick(_lastNames);

    public string Place(Rng rng) => rng.Pick(_places);

    /// <summary>A capitalized pseudo-word, e.g. for organisation and site names.</summary>
    public string CapitalWord(Rng rng)
    {
        string w = _words[rng.Between(200, 8000)];
        return string.Concat(char.ToUpperInvariant(w[0]).ToString(), w.AsSpan(1));
    }

    /// <summary>Synonyms of a generated content word (two words of similar Zipf rank).</summary>
    public bool TryGetContentSynonyms(ReadOnlySpan<char> word, out string[] synonyms) => _synonymsBySpan.TryGetValue(word, out synonyms!);

    /// <summary>Synonyms of an English function or common word, as a spinner would swap them.</summary>
    public bool TryGetFunctionSynonyms(ReadOnlySpan<char> word, out string[] synonyms) => _functionSynonymsBySpan.TryGetValue(word, out synonyms!);

    private static string[] Weighted(string spec)
    {
        var list = new List<string>();
        foreach (string item in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = item.IndexOf(':', StringComparison.Ordinal);
            string word = (colon < 0 ? item : item[..colon]).Replace('+', ' ');
            int weight = colon < 0 ? 1 : int.Parse(item.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
            for (int i = 0; i < weight; i++)
            {
                list.Add(word);
            }
        }

        return [.. list];
    }

    private static string Syllables(Rng rng, int count, bool capital)
    {
        var sb = new StringBuilder(16);
        for (int s = 0; s < count; s++)
        {
            sb.Append(rng.Pick(s_onsets)).Append(rng.Pick(s_nuclei));
            if (s == count - 1 || rng.Chance(0.25))
            {
                sb.Append(rng.Pick(s_codas));
            }
        }

        if (capital && sb.Length > 0)
        {
            sb[0] = char.ToUpperInvariant(sb[0]);
        }

        return sb.ToString();
    }

    private static string[] Names(Rng rng, int count, string[] endings, HashSet<string> taken)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            string n;
            do
            {
                n = Syllables(rng, rng.Between(1, 2), capital: true) + rng.Pick(endings);
            }
            while (!taken.Add(n.ToLowerInvariant()));
            names[i] = n;
        }

        return names;
    }
}
