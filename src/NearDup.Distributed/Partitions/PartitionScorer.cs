using System.Collections.Concurrent;
using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// Scores a query against stored sketches with the single machine's code (<see cref="QueryScoring.Match(DocumentSketch, int, StorySide, bool, string, string, Verifier, StoryJudge, NearDupOptions, bool)"/>),
/// without a boilerplate filter or groups, which the live index does not hold (docs/scale-out.md). The document
/// partitions score their own candidates with it, so that a query receives its matches, not the candidates' sketches.
/// </summary>
internal sealed class PartitionScorer
{
    // One scorer per options text: an index's clients all have the index's options, so this holds one or two.
    private static readonly ConcurrentDictionary<string, PartitionScorer> s_byOptions = new(StringComparer.Ordinal);

    private readonly NearDupOptions _options;
    private readonly Verifier _verifier;
    private readonly StoryJudge _judge;

    public PartitionScorer(NearDupOptions options)
    {
        _options = options;
        _verifier = new Verifier(options, BoilerplateFilter.None);
        // No boilerplate, groups or fact counts: those come from a clustering run, which the live index does not hold
        // (docs/scale-out.md). The judge reads sides built from sketches, never its (empty) table.
        _judge = new StoryJudge(new DocumentTable(new SketchStore(new Sketcher(options).Lsh.Bands), []), BoilerplateFilter.None, [], options.SampleRate, CommonFacts.None);
    }

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
        int querySize = _verifier.Boilerplate.CountNotBoilerplate(query.Fingerprints);
        var matches = new List<QueryMatch>();
        foreach (var doc in docs)
        {
            if (!DistinctiveAnchors.IsShort(doc.Fingerprints.Length) && Array.BinarySearch(ifShort, doc.Id, StringComparer.Ordinal) >= 0)
            {
                continue;
            }
            // A stored sketch has positions unless it has no fingerprints, as SketchStore's rows say.
            var side = new StorySide(doc.Fingerprints, doc.Positions, doc.ShingleCount, _verifier.Boilerplate.CountNotBoilerplate(doc.Fingerprints),
                doc.Positions.Length > 0 || doc.Fingerprints.Length == 0, doc.Facts, doc.DateTicks);
            bool alone = Array.BinarySearch(anchorOnly, doc.Id, StringComparer.Ordinal) >= 0;
            if (QueryScoring.Match(sketch, querySize, side, query.ContentHash == doc.ContentHash, doc.Id, "", _verifier, _judge, _options, alone) is { } match)
            {
                matches.Add(match);
            }
        }
        return matches;
    }
}
