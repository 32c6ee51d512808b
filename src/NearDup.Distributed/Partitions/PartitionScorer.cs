using System.Collections.Concurrent;
using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// Scores a query against stored sketches with the single machine's code (<see cref="ClusterIndex.Query(QuerySketch)"/>'s
/// steps: <see cref="QueryScoring.Score(ReadOnlySpan{uint}, ReadOnlySpan{uint}, ReadOnlySpan{uint}, int)"/>, then
/// <see cref="QueryScoring.Match(QuerySketch, ReadOnlySpan{uint}, ReadOnlySpan{ushort}, Verifier.Score, StorySide, bool, string, string, Verifier, StoryJudge, NearDupOptions, bool, SharedIndexPairs?)"/>),
/// with the boilerplate and common facts of the index's last batch run (<see cref="Grains.RunFilters"/>) when it has
/// one, else with none. The document partitions score their own candidates with it, so that a query receives its
/// matches, not the candidates' sketches. The candidates come from the client, which expands them to the run's strong
/// groups (<see cref="GroupedCandidates"/>); scoring is per document, as on one machine.
/// </summary>
internal sealed class PartitionScorer
{
    // One scorer per options text: an index's clients all have the index's options, so this holds one or two.
    private static readonly ConcurrentDictionary<string, PartitionScorer> s_byOptions = new(StringComparer.Ordinal);

    private readonly NearDupOptions _options;
    private readonly Verifier _verifier;
    private readonly StoryJudge _judge;

    public PartitionScorer(NearDupOptions options)
        : this(options, null)
    {
    }

    private PartitionScorer(NearDupOptions options, Grains.RunFilters? filters)
    {
        _options = options;
        Run = filters?.Run ?? 0;
        _verifier = new Verifier(options, filters is null ? BoilerplateFilter.None : BoilerplateFilter.Of(filters.Boilerplate));
        // As the single machine's query judges: on the query's kept fingerprints, so with no filter of its own. The judge
        // reads sides built from sketches, never its (empty) table.
        _judge = new StoryJudge(new DocumentTable(new SketchStore(new Sketcher(options).Lsh.Bands), []), BoilerplateFilter.None, [], options.SampleRate,
            filters is null ? CommonFacts.None : CommonFacts.Of(filters.CommonFacts));
    }

    /// <summary>The batch run whose filters it scores with; 0 for none.</summary>
    public long Run { get; }

    /// <summary>A scorer of the same options with <paramref name="filters"/>' boilerplate and common facts.</summary>
    public PartitionScorer WithFilters(Grains.RunFilters filters) => new(_options, filters);

    /// <summary>The options it was built from.</summary>
    public NearDupOptions Options => _options;

    /// <summary>The options as the index's manifest keeps them (<see cref="Grains.IndexManifest.OptionsJson"/>) and a batch run's requests carry them.</summary>
    public static string OptionsJson(NearDupOptions options) => JsonSerializer.Serialize(options);

    /// <summary>The scorer of <paramref name="optionsJson"/> (from <see cref="OptionsJson"/>), built once per options.</summary>
    public static PartitionScorer For(string optionsJson) =>
        s_byOptions.GetOrAdd(optionsJson, json => new PartitionScorer(JsonSerializer.Deserialize<NearDupOptions>(json)
            ?? throw new InvalidDataException("A query without options.")));

    /// <summary>
    /// The matches of <paramref name="query"/> among <paramref name="docs"/>, unsorted: those of <paramref name="ifShort"/>
    /// only when short (<see cref="DistinctiveAnchors.IsShort"/>), and those of <paramref name="anchorOnly"/> judged as
    /// <see cref="QueryScoring.MayBeCopy"/> says (both ordinal order; <see cref="QueryRequest"/>).
    /// </summary>
    public List<QueryMatch> Matches(StoredSketch query, IEnumerable<StoredSketch> docs, string[] anchorOnly, string[] ifShort)
    {
        var sketch = query.ToDocumentSketch();
        var common = _verifier.Boilerplate;
        var kept = new uint[sketch.Fingerprints.Length];
        kept = kept[..common.Keep(sketch.Fingerprints, kept)];
        var keptPositions = KeptPositions(sketch, kept);
        var matches = new List<QueryMatch>();
        foreach (var doc in docs)
        {
            if (!DistinctiveAnchors.IsShort(doc.Fingerprints.Length) && Array.BinarySearch(ifShort, doc.Id, StringComparer.Ordinal) >= 0)
            {
                continue;
            }
            int size = common.CountNotBoilerplate(doc.Fingerprints);
            var score = QueryScoring.Score(kept, sketch.Fingerprints, doc.Fingerprints, size);
            bool sameContent = query.ContentHash == doc.ContentHash;
            if (!QueryScoring.IsMatch(score, sameContent, _verifier))
            {
                continue;
            }
            // A stored sketch has positions unless it has no fingerprints, as SketchStore's rows say.
            var side = new StorySide(doc.Fingerprints, doc.Positions, doc.ShingleCount, size, doc.Positions.Length > 0 || doc.Fingerprints.Length == 0,
                doc.Facts, doc.DateTicks);
            bool alone = Array.BinarySearch(anchorOnly, doc.Id, StringComparer.Ordinal) >= 0;
            bool mayBeCopy = QueryScoring.MayBeCopy(_verifier, score, alone, kept, doc.Fingerprints);
            if (QueryScoring.Match(new QuerySketch(sketch), kept, keptPositions, score, side, sameContent, doc.Id, "", _verifier, _judge, _options, mayBeCopy)
                is { } match)
            {
                matches.Add(match);
            }
        }
        return matches;
    }

    /// <summary>The positions of the query's <paramref name="kept"/> fingerprints; empty when it has none, which the judge then does not read.</summary>
    private static ushort[] KeptPositions(DocumentSketch query, uint[] kept)
    {
        if (query.Positions.Length != query.Fingerprints.Length)
        {
            return [];
        }
        var keptPositions = new ushort[kept.Length];
        QueryScoring.KeptPositions(query.Fingerprints, query.Positions, kept, keptPositions);
        return keptPositions;
    }
}
