using System.Globalization;
using NearDup.Corpus.Internal;

namespace NearDup.Corpus;

/// <summary>
/// Makes a labelled corpus from real stories: every base story is an original, and a seeded share of them get exact,
/// syndicated (inside a generated site's header and footer), rewritten (spun English) and excerpt copies, in the
/// mix of <see cref="CorpusOptions"/>. Hard negatives are real stories too: follow-ups (another story with a
/// background paragraph of a chosen story inserted lower down) and quote carriers (another story carrying one quoted
/// sentence of it), each labelled its own cluster. Output depends only on the stories and the options (seed
/// included), never on thread count. Unlike <see cref="CorpusGenerator"/> it holds the stories in memory.
/// </summary>
public sealed class StoryCopyGenerator
{
    /// <summary>Fewest base stories: a chosen story and two others to carry its paragraph and its quote.</summary>
    public const int MinimumStories = 3;

    private readonly BaseStory[] _bases;
    private readonly Story[] _stories;
    private readonly string[][] _roles;
    private readonly Site[] _sites;
    private readonly HashSet<int> _carriers;

    /// <summary>Plans the corpus: the order of the stories, their copies and the hard negatives.</summary>
    /// <param name="stories">The real base stories, ids unique; at least <see cref="MinimumStories"/> that do not copy
    /// each other (a story sharing half or more of the smaller one's word 5-grams with an earlier one is left out).</param>
    /// <param name="options">Seed, copy mix (the hard-negative rate is the fraction of stories made into follow-ups and
    /// quote carriers), rewrite strengths, OCR noise, sites and threads; <see cref="CorpusOptions.Documents"/> is not used.</param>
    /// <param name="maxDocuments">At most this many documents: stories are taken in seeded order until it is reached,
    /// the last one's copies cut. Default: every story with its copies.</param>
    /// <exception cref="ArgumentException">Too few stories, or an option out of range.</exception>
    public StoryCopyGenerator(IReadOnlyList<BaseStory> stories, CorpusOptions? options = null, int maxDocuments = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(stories);
        Options = options ?? CorpusOptions.Default;
        Options.Validate();
        var distinct = BaseDeduplicator.Distinct(stories);
        CopiesLeftOut = stories.Count - distinct.Count;
        if (distinct.Count < MinimumStories)
        {
            throw new ArgumentException($"StoryCopyGenerator needs at least {MinimumStories} distinct base stories (one to copy, two others to carry its paragraph and its quote as hard negatives); got {distinct.Count}"
                + (CopiesLeftOut > 0 ? $" ({CopiesLeftOut} more were left out as copies of others)." : "."), nameof(stories));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxDocuments, 1);
        _sites = [.. Enumerable.Range(0, Options.Sites).Select(i => Site.Create(Options.Seed, i))];
        _roles = PlanRoles(distinct.Count, maxDocuments);
        _bases = Order(distinct, _roles.Length);
        _stories = Parse(_bases);
        var planner = new HardNegativePlanner(_stories, [.. _roles.Select(r => r.Length == 1)], Options.Seed);
        planner.Plan((int)Math.Round(Options.HardNegativeRate * _stories.Length / 2));
        _carriers = [.. planner.Carriers];
        FollowUps = planner.FollowUps;
        QuoteCarriers = planner.QuoteCarriers;
        KeepExcerptsQuotable();
    }

    /// <summary>The validated options.</summary>
    public CorpusOptions Options { get; }

    /// <summary>Base stories left out because they share half or more of their word 5-grams with an earlier one in the list.</summary>
    public int CopiesLeftOut { get; }

    /// <summary>Base stories used (originals written).</summary>
    public int Stories => _stories.Length;

    /// <summary>Follow-ups made: stories carrying a background paragraph of another.</summary>
    public int FollowUps { get; }

    /// <summary>Quote carriers made: stories carrying one quoted sentence of another.</summary>
    public int QuoteCarriers { get; }

    /// <summary>The documents, shuffled, with ids <c>doc00000000</c>, … that reveal nothing of the label.</summary>
    public IEnumerable<GeneratedDocument> Generate()
    {
        var perStory = new List<Draft>[_stories.Length];
        int dop = Options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Options.MaxDegreeOfParallelism;
        Parallel.For(0, perStory.Length, new ParallelOptions { MaxDegreeOfParallelism = dop }, i => perStory[i] = BuildStory(i));
        var all = perStory.SelectMany(d => d).ToList();
        Rng.For(Options.Seed, 0, Streams.Shuffle).Shuffle(all);
        for (int i = 0; i < all.Count; i++)
        {
            var d = all[i];
            yield return new GeneratedDocument("doc" + i.ToString("D8", CultureInfo.InvariantCulture), d.Text, d.Date, d.Source, d.Cluster, d.Role);
        }
    }

    /// <summary>Writes <c>docs.jsonl</c> and <c>labels.jsonl</c> into <paramref name="directory"/>, as <see cref="CorpusGenerator.Write(string)"/> does.</summary>
    public CorpusSummary Write(string directory) => CorpusFiles.WriteFolder(directory, Write);

    /// <summary>Writes the documents, and the labels when <paramref name="labelsOutput"/> is given; flushes, does not close.</summary>
    public CorpusSummary Write(Stream docsOutput, Stream? labelsOutput) =>
        CorpusFiles.Write(Generate(), docsOutput, labelsOutput) with { FollowUps = FollowUps, QuoteCarriers = QuoteCarriers, CopiesLeftOut = CopiesLeftOut };

    /// <summary>Roles of the stories taken, in seeded order, until the budget is spent.</summary>
    private string[][] PlanRoles(int stories, int maxDocuments)
    {
        var plan = new CopyPlan(Options);
        var roles = new List<string[]>();
        long budget = maxDocuments;
        while (roles.Count < stories && budget > 0)
        {
            string[] story = plan.Roles(roles.Count, (int)Math.Min(budget, int.MaxValue));
            roles.Add(story);
            budget -= story.Length;
        }

        return [.. roles];
    }

    /// <summary>The first <paramref name="count"/> stories of a seeded shuffle.</summary>
    private BaseStory[] Order(IReadOnlyList<BaseStory> stories, int count)
    {
        var order = stories.ToArray();
        Rng.For(Options.Seed, 0, Streams.BaseOrder).Shuffle(order);
        return order[..count];
    }

    private Story[] Parse(BaseStory[] bases)
    {
        var stories = new Story[bases.Length];
        for (int i = 0; i < bases.Length; i++)
        {
            stories[i] = Story.Parse(bases[i].Text, Author(Rng.For(Options.Seed, (ulong)i, Streams.Byline)));
        }

        return stories;
    }

    /// <summary>An excerpt quotes a few paragraphs and leaves some out: a story of fewer than three gets a rewrite instead.</summary>
    private void KeepExcerptsQuotable()
    {
        for (int i = 0; i < _roles.Length; i++)
        {
            if (_stories[i].Paragraphs.Count < 3)
            {
                _roles[i] = [.. _roles[i].Select(r => r == DocumentRoles.Excerpt ? DocumentRoles.Rewritten : r)];
            }
        }
    }

    private List<Draft> BuildStory(int index)
    {
        var o = Options;
        var rng = Rng.For(o.Seed, (ulong)index, Streams.Story);
        var story = _stories[index];
        int originIndex = rng.Next(_sites.Length);
        var origin = _sites[originIndex];
        string cluster = _bases[index].Id;
        string original = _carriers.Contains(index) ? story.RenderPlain() : _bases[index].Text;
        string[] roles = _roles[index];
        var drafts = new List<Draft>(roles.Length) { new(original, null, origin.Name, cluster, DocumentRoles.Original) };
        for (int c = 1; c < roles.Length; c++)
        {
            int siteIndex = rng.Next(_sites.Length - 1);
            var site = _sites[siteIndex >= originIndex ? siteIndex + 1 : siteIndex];
            string text = Copy(roles[c], index, original, site, origin, rng);
            if (o.OcrNoise && roles[c] != DocumentRoles.Exact && rng.Chance(o.OcrDocumentRate))
            {
                text = CopyWriter.OcrNoise(text, o.OcrCharErrorRate, rng);
            }

            drafts.Add(new Draft(text, null, site.Name, cluster, roles[c]));
        }

        return drafts;
    }

    private string Copy(string role, int index, string original, Site site, Site origin, Rng rng)
    {
        var story = _stories[index];
        return role switch
        {
            DocumentRoles.Exact => CopyWriter.Exact(original, rng),
            DocumentRoles.Syndicated => CopyWriter.Syndicated(story, site, origin, Options.StartDate.AddDays(rng.Next(Options.DateSpanDays)), rng),
            DocumentRoles.Rewritten => RealCopyWriter.Rewritten(story, rng.Between(Options.RewriteStrength.Min, Options.RewriteStrength.Max), site, rng),
            _ => RealCopyWriter.Excerpt(story, rng.Between(0.25, 0.7), rng.Chance(0.6), () => OtherSentence(index, rng), Author(rng), site, origin, rng),
        };
    }

    /// <summary>A sentence from another story picked at random, of six words or more if a few tries find one: an excerpt post's own words.</summary>
    private string OtherSentence(int index, Rng rng)
    {
        string sentence = "";
        for (int attempt = 0; attempt < 8 && ProseWriter.CountWords(sentence) < 6; attempt++)
        {
            int other = rng.Next(_stories.Length - 1);
            var paragraphs = _stories[other >= index ? other + 1 : other].Paragraphs;
            var paragraph = paragraphs[rng.Next(paragraphs.Count)];
            sentence = paragraph.Sentences[rng.Next(paragraph.Sentences.Length)];
        }

        return sentence;
    }

    private static string Author(Rng rng) => Lexicon.Shared.FirstName(rng) + " " + Lexicon.Shared.LastName(rng);
}
