using System.Globalization;
using NearDup.Corpus.Internal;

namespace NearDup.Corpus;

/// <summary>
/// Generates a labelled news-like corpus: originals and their exact, syndicated, rewritten and
/// excerpt copies, with hard-negative groups of same-topic stories. Streams documents without holding
/// the corpus in memory. Output depends only on the options (seed included), never on thread count:
/// every story draws from its own random stream derived from (seed, story index), stories are built
/// in parallel in fixed-size batches, and each batch is shuffled with its own stream and emitted in order.
/// The generator is immutable after construction and may be enumerated concurrently.
/// </summary>
public sealed class CorpusGenerator
{
    /// <summary>Name of the documents file written by <see cref="Write(string)"/>.</summary>
    public const string DocsFileName = "docs.jsonl";

    /// <summary>Name of the labels file written by <see cref="Write(string)"/>.</summary>
    public const string LabelsFileName = "labels.jsonl";

    // Stories per batch: big enough to keep every core busy, small enough to bound memory (~3 MB).
    private const int BatchStories = 256;

    // Stories per hard-negative group: that many consecutive stories share one topic.
    private const int GroupSize = 4;

    private readonly Site[] _sites;
    private readonly CopyPlan _plan;

    /// <summary>Validates <paramref name="options"/> and prepares the sites.</summary>
    /// <param name="options">Settings; <see cref="CorpusOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public CorpusGenerator(CorpusOptions? options = null)
    {
        Options = options ?? CorpusOptions.Default;
        Options.Validate();
        _sites = new Site[Options.Sites];
        for (int i = 0; i < _sites.Length; i++)
        {
            _sites[i] = Site.Create(Options.Seed, i);
        }

        _plan = new CopyPlan(Options);
    }

    /// <summary>The validated options.</summary>
    public CorpusOptions Options { get; }

    /// <summary>
    /// Streams exactly <see cref="CorpusOptions.Documents"/> documents. Stories are complete except
    /// possibly the last, whose copies are cut to honour the count.
    /// </summary>
    public IEnumerable<GeneratedDocument> Generate()
    {
        var state = new PlanState();
        var pending = StartBatch(state);
        while (pending is not null)
        {
            var drafts = pending.Result;
            // Build the next batch while the caller consumes this one.
            pending = StartBatch(state);
            foreach (var d in drafts)
            {
                yield return new GeneratedDocument("doc" + state.Emitted.ToString("D8", CultureInfo.InvariantCulture), d.Text, d.Date, d.Source, d.Cluster, d.Role);
                state.Emitted++;
            }
        }
    }

    /// <summary>
    /// Writes <c>docs.jsonl</c> (<c>id</c>, <c>text</c>, optional <c>date</c> and <c>source</c>) and
    /// <c>labels.jsonl</c> (<c>id</c>, <c>cluster</c>, <c>role</c>) into <paramref name="directory"/>,
    /// creating it if needed. Both files are written under temporary names and renamed at the end, so
    /// readers never see a partial corpus.
    /// </summary>
    /// <param name="directory">Output directory.</param>
    /// <returns>Counts and sizes of what was written.</returns>
    public CorpusSummary Write(string directory) => CorpusFiles.WriteFolder(directory, Write);

    /// <summary>
    /// Writes the documents as JSONL to <paramref name="docsOutput"/> and, when given, the labels to
    /// <paramref name="labelsOutput"/>, as they are generated (a pipe into <c>neardup cluster -</c> needs no disk).
    /// The streams are flushed, not closed.
    /// </summary>
    /// <returns>Counts and sizes of what was written.</returns>
    public CorpusSummary Write(Stream docsOutput, Stream? labelsOutput) => CorpusFiles.Write(Generate(), docsOutput, labelsOutput);

    /// <summary>Plans the next batch on the caller's thread (cheap, sequential) and builds its text.</summary>
    private Task<List<Draft>>? StartBatch(PlanState state)
    {
        int budget = Options.Documents - state.Planned;
        if (budget <= 0)
        {
            return null;
        }

        var plans = new List<(long Story, string[] Roles)>(BatchStories);
        while (plans.Count < BatchStories && budget > 0)
        {
            string[] roles = _plan.Roles(state.NextStory, budget);
            plans.Add((state.NextStory, roles));
            state.NextStory++;
            budget -= roles.Length;
            state.Planned += roles.Length;
        }

        long batch = state.Batches++;
        int dop = Options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Options.MaxDegreeOfParallelism;
        if (dop == 1)
        {
            return Task.FromResult(BuildBatch(plans, batch, 1));
        }

        return Task.Run(() => BuildBatch(plans, batch, dop));
    }

    private List<Draft> BuildBatch(List<(long Story, string[] Roles)> plans, long batch, int dop)
    {
        var results = new List<Draft>[plans.Count];
        if (dop == 1)
        {
            for (int i = 0; i < plans.Count; i++)
            {
                results[i] = BuildStory(plans[i].Story, plans[i].Roles);
            }
        }
        else
        {
            Parallel.For(0, plans.Count, new ParallelOptions { MaxDegreeOfParallelism = dop }, i => results[i] = BuildStory(plans[i].Story, plans[i].Roles));
        }

        var all = new List<Draft>(plans.Sum(p => p.Roles.Length));
        foreach (var r in results)
        {
            all.AddRange(r);
        }

        // Copies are not next to their originals: shuffle within the batch (its own stream).
        Rng.For(Options.Seed, (ulong)batch, Streams.Shuffle).Shuffle(all);
        return all;
    }

    /// <summary>Whether the story belongs to a hard-negative group, and the topic key it is written from.</summary>
    internal (bool HardNegative, ulong TopicKey) TopicOf(long story)
    {
        long group = story / GroupSize;
        bool hard = Rng.For(Options.Seed, (ulong)group, Streams.HardNegativeGroup).Chance(Options.HardNegativeRate);
        return (hard, hard ? (ulong)group : (1UL << 63) | (ulong)story);
    }

    internal static string ClusterOf(long story) => "c" + story.ToString("D7", CultureInfo.InvariantCulture);

    private List<Draft> BuildStory(long storyIndex, string[] roles)
    {
        var o = Options;
        var (hard, topicKey) = TopicOf(storyIndex);
        var topic = Topic.Create(o.Seed, topicKey);
        var rng = Rng.For(o.Seed, (ulong)storyIndex, Streams.Story);
        var lex = Lexicon.Shared;
        var own = new Person[rng.Between(1, 3)];
        for (int i = 0; i < own.Length; i++)
        {
            own[i] = Person.Create(rng, lex, rng.Chance(0.5) ? rng.Pick(topic.Organisations) : Topic.Organisation(rng, lex, topic.Places));
        }

        var prose = new ProseWriter(rng, topic, own);
        var story = Story.Write(prose, OriginalLength(rng), quoteStatement: rng.Chance(hard ? 0.6 : 0.15));
        int originIndex = rng.Next(_sites.Length);
        var origin = _sites[originIndex];
        var date = o.StartDate.AddDays(rng.Next(o.DateSpanDays));
        string cluster = ClusterOf(storyIndex);
        var drafts = new List<Draft>(roles.Length)
        {
            new(story.Render(), Iso(date), origin.Name, cluster, DocumentRoles.Original),
        };

        string? originalText = null;
        for (int c = 1; c < roles.Length; c++)
        {
            string role = roles[c];
            int siteIndex = rng.Next(_sites.Length - 1);
            var site = _sites[siteIndex >= originIndex ? siteIndex + 1 : siteIndex];
            // Copies appear hours to days later; same-day copies carry the same date.
            var copyDate = date.AddDays(rng.Next(100) switch { < 55 => 0, < 80 => 1, < 92 => 2, _ => rng.Between(3, 7) });
            string text = role switch
            {
                DocumentRoles.Exact => CopyWriter.Exact(originalText ??= drafts[0].Text, rng),
                DocumentRoles.Syndicated => CopyWriter.Syndicated(story, site, origin, copyDate, rng),
                DocumentRoles.Rewritten => CopyWriter.Rewritten(story, rng.Between(o.RewriteStrength.Min, o.RewriteStrength.Max), prose, site, rng),
                _ => CopyWriter.Excerpt(story, rng.Between(0.25, 0.7), rng.Chance(0.6), prose, site, origin, rng),
            };

            if (o.OcrNoise && role != DocumentRoles.Exact && rng.Chance(o.OcrDocumentRate))
            {
                text = CopyWriter.OcrNoise(text, o.OcrCharErrorRate, rng);
            }

            drafts.Add(new Draft(text, rng.Chance(o.CopyDateRate) ? Iso(copyDate) : null, site.Name, cluster, role));
        }

        return drafts;
    }

    /// <summary>Article length in words: mostly 400–1,400 (mean ≈ 900), one in eight short (150–400).</summary>
    internal static int OriginalLength(Rng rng)
    {
        if (rng.Chance(0.125))
        {
            return rng.Between(150, 400);
        }

        // Sum of three uniforms: a bell shape on [400, 1400] without a normal sampler.
        return 400 + (int)((rng.NextDouble() + rng.NextDouble() + rng.NextDouble()) * (1000.0 / 3));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class PlanState
    {
        public long NextStory;
        public int Planned;
        public long Batches;
        public int Emitted;
    }
}
