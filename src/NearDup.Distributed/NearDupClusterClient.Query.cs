using System.Numerics;
using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Queries, band, SimHash and anchor rows, candidates and sketch bytes so far (<see cref="QueryTotals"/>).</summary>
    private readonly long[] _queryCounts = new long[6];

    /// <summary>What this client's queries have read so far.</summary>
    public QueryCounts QueryTotals => new(Interlocked.Read(ref _queryCounts[0]), Interlocked.Read(ref _queryCounts[1]),
        Interlocked.Read(ref _queryCounts[2]), Interlocked.Read(ref _queryCounts[3]), Interlocked.Read(ref _queryCounts[4]),
        Interlocked.Read(ref _queryCounts[5]));

    /// <summary>
    /// Finds the stored documents that <paramref name="text"/> copies or that copy it, best first, scored and judged by
    /// the same code as <see cref="DuplicateDetector.Query(string)"/>. The text is not added. <see cref="QueryMatch.Cluster"/>
    /// is empty: the live index holds no clustering (docs/scale-out.md says where the answers can differ).
    /// </summary>
    public Task<IReadOnlyList<QueryMatch>> QueryAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return QueryAsync(StoredSketch.From(_sketcher.Sketch("", text, long.MaxValue)));
    }

    /// <summary>Like <see cref="QueryAsync(string)"/>, for UTF-8 text.</summary>
    public Task<IReadOnlyList<QueryMatch>> QueryAsync(ReadOnlyMemory<byte> utf8Text) =>
        QueryAsync(StoredSketch.From(_sketcher.Sketch("", utf8Text.Span, long.MaxValue)));

    private async Task<IReadOnlyList<QueryMatch>> QueryAsync(StoredSketch query)
    {
        if (query.ShingleCount == 0)
        {
            return [];
        }
        var candidates = await CandidatesAsync(query);
        var byPartition = candidates.GroupBy(id => PartitionMap.OfDocument(id, Partitions));
        var found = await Task.WhenAll(byPartition.Select(g => DocumentPartition(g.Key).Fetch([.. g], SketchParts.Scoring)));
        Interlocked.Increment(ref _queryCounts[0]);
        Interlocked.Add(ref _queryCounts[4], candidates.Count);
        Interlocked.Add(ref _queryCounts[5], found.Sum(page => (long)page.Data.Length));
        var sketch = ToSketch(query);
        int querySize = _verifier.Boilerplate.CountNotBoilerplate(query.Fingerprints);
        var matches = new List<QueryMatch>();
        foreach (var doc in found.SelectMany(f => f.Unpack()))
        {
            // A stored sketch has positions unless it has no fingerprints, as SketchStore's rows say.
            var side = new StorySide(doc.Fingerprints, doc.Positions, doc.ShingleCount, _verifier.Boilerplate.CountNotBoilerplate(doc.Fingerprints),
                doc.Positions.Length > 0 || doc.Fingerprints.Length == 0, doc.Facts, doc.DateTicks);
            if (QueryScoring.Match(sketch, querySize, side, query.ContentHash == doc.ContentHash, doc.Id, "", _verifier, _judge, Options) is { } match)
            {
                matches.Add(match);
            }
        }
        QueryScoring.Sort(matches);
        return matches;
    }

    /// <summary>
    /// The ids to score: the band partitions' and SimHash partitions' hits (a SimHash hit confirmed within
    /// <see cref="NearDupOptions.SimHashMaxDistance"/>, as <c>SimHashIndex.Query</c> does), and the documents sharing
    /// <see cref="NearDupOptions.MinSharedAnchors"/> anchors; every partition of a kind is asked at once.
    /// </summary>
    private async Task<HashSet<string>> CandidatesAsync(StoredSketch query)
    {
        var bands = FindAsync(PartitionKind.Band, query);
        var blocks = FindAsync(PartitionKind.SimHash, query);
        var anchors = CountAnchorsAsync(query);
        await Task.WhenAll(bands, blocks, anchors);
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in bands.Result)
        {
            candidates.Add(row.Id);
        }
        foreach (var row in blocks.Result)
        {
            if (BitOperations.PopCount(row.Payload ^ query.SimHash) <= Options.SimHashMaxDistance)
            {
                candidates.Add(row.Id);
            }
        }
        var anchorCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        long ids = 0;
        foreach (var hits in anchors.Result)
        {
            ids += hits.Ids.Length;
            for (int k = 0; k < hits.Ids.Length; k++)
            {
                anchorCounts[hits.Ids[k]] = anchorCounts.GetValueOrDefault(hits.Ids[k]) + hits.Counts[k];
            }
        }
        foreach (var (id, count) in anchorCounts)
        {
            if (count >= Options.MinSharedAnchors)
            {
                candidates.Add(id);
            }
        }
        Interlocked.Add(ref _queryCounts[1], bands.Result.Length);
        Interlocked.Add(ref _queryCounts[2], blocks.Result.Length);
        Interlocked.Add(ref _queryCounts[3], ids);
        return candidates;
    }

    /// <summary>The anchor partitions' counts of the query's anchors per document (<see cref="Grains.IKeyPartitionGrain.Count"/>).</summary>
    private async Task<KeyHits[]> CountAnchorsAsync(StoredSketch query)
    {
        var probes = new List<KeyEntry>();
        _keys.Rows(PartitionKind.Anchor, query, probes);
        var calls = probes.GroupBy(p => PartitionMap.OfKey(p.Table, p.Value, Partitions))
            .Select(g => KeyPartition(PartitionKind.Anchor, g.Key).Count([.. g]));
        return await Task.WhenAll(calls);
    }

    private async Task<KeyEntry[]> FindAsync(PartitionKind kind, StoredSketch query)
    {
        var probes = new List<KeyEntry>();
        _keys.Rows(kind, query, probes);
        var calls = probes.GroupBy(p => PartitionMap.OfKey(p.Table, p.Value, Partitions))
            .Select(g => KeyPartition(kind, g.Key).Find([.. g]));
        var found = await Task.WhenAll(calls);
        return [.. found.SelectMany(f => f)];
    }

    private static DocumentSketch ToSketch(StoredSketch s) => new()
    {
        Id = s.Id,
        DateTicks = s.DateTicks,
        ContentHash = s.ContentHash,
        ShingleCount = s.ShingleCount,
        SimHash = s.SimHash,
        BandKeys = s.BandKeys,
        Fingerprints = s.Fingerprints,
        Positions = s.Positions,
        Facts = s.Facts,
    };
}
