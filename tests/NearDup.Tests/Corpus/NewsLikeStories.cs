using System.Text;
using NearDup.Corpus;

namespace NearDup.Tests.Corpus;

/// <summary>
/// Small English news-like base stories made in code for the <c>gen --from</c> tests (no real text is committed):
/// a headline line, then paragraphs of two to four sentences over blank lines, some quoting a named speaker. Every
/// sentence is a random run of common news words, so different stories share no word 5-gram by chance.
/// </summary>
internal static class NewsLikeStories
{
    // English news words, many of them in the generator's synonym table, so rewrites have words to swap.
    private static readonly string[] s_words =
    [
        .. "the a of to in and for on with by from about after before said says new big small people year government company firm market "
            .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        .. "prices sales profits plan plans jobs week month world country council minister officials police court report deal group team "
            .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        .. "will would could has have was were is are also but while because many more most some several first last next major important "
            .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        .. "rise rose fell cut show help need make made start began end keep find buy sell win won lost face include remain become "
            .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        .. "harbour bridge river school hospital station road village museum library stadium airport factory farm bank shop office "
            .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        .. "north south east west water energy power coal steel oil gas rail bus train car phone tax rates union strike budget "
            .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        .. "monday tuesday friday morning evening spring summer winter million billion pounds dollars percent share shares board "
            .Split(' ', StringSplitOptions.RemoveEmptyEntries),
        .. "of the to a the of to a the of in its their his her this these those which who what where when how why up down out "
            .Split(' ', StringSplitOptions.RemoveEmptyEntries),
    ];

    /// <summary><paramref name="count"/> stories with ids <c>story-000</c>, …, from <paramref name="seed"/>.</summary>
    public static List<BaseStory> Make(int count, int seed = 1)
    {
        var random = new Random(seed);
        var stories = new List<BaseStory>(count);
        for (int i = 0; i < count; i++)
        {
            stories.Add(new BaseStory($"story-{i:D3}", Text(i, random)));
        }

        return stories;
    }

    private static string Text(int story, Random random)
    {
        string place = "Place" + Letters(story);
        var sb = new StringBuilder();
        sb.Append("Plan for ").Append(place).Append(" wins backing ").Append(story).Append("\n\n");
        int paragraphs = random.Next(4, 9);
        for (int p = 0; p < paragraphs; p++)
        {
            if (p > 0)
            {
                sb.Append("\n\n");
            }

            int sentences = random.Next(2, 5);
            for (int s = 0; s < sentences; s++)
            {
                sb.Append(s > 0 ? " " : "").Append(Sentence(story, p, s, place, random));
            }
        }

        return sb.ToString();
    }

    /// <summary>Random words (a 5-gram repeats across stories about once in 10^10), every third paragraph opening on a quotation.</summary>
    private static string Sentence(int story, int paragraph, int sentence, string place, Random random)
    {
        var words = new string[random.Next(10, 19)];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = s_words[random.Next(s_words.Length)];
        }

        string body = string.Join(' ', words);
        if (sentence == 0 && paragraph % 3 == 2)
        {
            return $"\"We {body},\" said Speaker{Letters(story)} of {place}.";
        }

        return char.ToUpperInvariant(body[0]) + body[1..] + ".";
    }

    /// <summary>A story's own word: its number in letters, so it is a word to any tokenizer.</summary>
    private static string Letters(int n)
    {
        var sb = new StringBuilder();
        do
        {
            sb.Append((char)('a' + (n % 26)));
            n /= 26;
        }
        while (n > 0);
        return sb.ToString();
    }
}
