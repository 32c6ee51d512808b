using System.Numerics;
using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Queries, band, SimHash and anchor rows, candidates, query sketch bytes sent and matches so far (<see cref="QueryTotals"/>).</summary>
    private readonly long[] _queryCounts = new long[7];

    /// <summary>The last batch run's filters as this client last read them (<see cref="QueryFiltersAsync"/>), or null.</summary>
    private volatile QueryFilters? _queryFilters;

    /// <summary>What this client's queries have read so far.</summary>
    public QueryCounts QueryTotals => new(Interlocked.Read(ref _queryCounts[0]), Interlocked.Read(ref _queryCounts[1]),
        Interlocked.Read(ref _queryCounts[2]), Interlocked.Read(ref _queryCounts[3]), Interlocked.Read(ref _queryCounts[4]),
        Interlocked.Read(ref _queryCounts[5]), Interlocked.Read(ref _queryCounts[6]));

    /// <summary>
    /// Finds the stored documents that <paramref name="text"/> copies or that copy it, best first, scored and judged by
    /// the same code as <see cref="DuplicateDetector.Query(string)"/>, with the strong groups, boilerplate and common facts
    /// of the index's last batch run (<see cref="ClusterAsync(bool, IProgress{ClusteringProgress}?, CancellationToken)"/>)
    /// when it has one: then the same answers as the single machine's against the same documents. The text is not added.
    /// <see cref="QueryMatch.Cluster"/> is the match's cluster in that run, empty when there is no run or the run did not
    /// cluster the document (docs/scale-out.md says how the answers differ before a run). A query reads only, so it is
    /// sent again while the cluster fails it (a silo that died or restarted, a partition activating), as batch runs'
    /// reads are (<see cref="CallRetried"/> reports each retry).
    /// </summary>
    public Task<IReadOnlyList<QueryMatch>> QueryAsync(string text) => QueryAsync(text, null);

    /// <summary>
    /// Like <see cref="QueryAsync(string)"/>, for a text published at <paramref name="date"/> (null when unknown), as
    /// <see cref="DuplicateDetector.Query(string, DateTimeOffset?)"/> reads it.
    /// </summary>
    public Task<IReadOnlyList<QueryMatch>> QueryAsync(string text, DateTimeOffset? date)
    {
        ArgumentNullException.ThrowIfNull(text);
        return RetriedQueryAsync(StoredSketch.From(_sketcher.Sketch("", text, date?.UtcTicks ?? long.MaxValue)));
    }

    /// <summary>Like <see cref="QueryAsync(string)"/>, for UTF-8 text.</summary>
    public Task<IReadOnlyList<QueryMatch>> QueryAsync(ReadOnlyMemory<byte> utf8Text) => QueryAsync(utf8Text, null);

    /// <summary>Like <see cref="QueryAsync(string, DateTimeOffset?)"/>, for UTF-8 text.</summary>
    public Task<IReadOnlyList<QueryMatch>> QueryAsync(ReadOnlyMemory<byte> utf8Text, DateTimeOffset? date) =>
        RetriedQueryAsync(StoredSketch.From(_sketcher.Sketch("", utf8Text.Span, date?.UtcTicks ?? long.MaxValue)));

    private async Task<IReadOnlyList<QueryMatch>> RetriedQueryAsync(StoredSketch query)
    {
        if (query.ShingleCount == 0)
        {
            return [];
        }
        var matches = await RetriedAsync("a query", () => QueryAsync(query), CancellationToken.None);
        Interlocked.Increment(ref _queryCounts[0]);
        return matches;
    }

    /// <summary>
    /// Sends the query's sketch to each document partition holding some of its candidates, all at once; each scores its
    /// own (<see cref="Grains.IDocumentPartitionGrain.Score"/>) and returns the matches, which are sorted here as the single
    /// machine sorts them. The candidates' sketches stay where they are stored.
    /// </summary>
    private async Task<IReadOnlyList<QueryMatch>> QueryAsync(StoredSketch query)
    {
        var filters = await QueryFiltersAsync();
        var (candidates, anchorOnly, ifShort) = filters.Run > 0 ? await RunCandidatesAsync(query, filters) : await CandidatesAsync(query, filters.Boilerplate);
        var packed = SketchPage.Pack([query], SketchParts.Scoring);
        var byPartition = candidates.GroupBy(id => PartitionMap.OfDocument(id, Partitions)).ToArray();
        string[] Of(IEnumerable<string> ids, HashSet<string> set) => [.. ids.Where(set.Contains).Order(StringComparer.Ordinal)];
        var found = await Task.WhenAll(byPartition.Select(g => DocumentPartition(g.Key).Score(
            new QueryRequest(packed, [.. g], Of(g, anchorOnly), Of(g, ifShort)) { Run = filters.Run })));
        Interlocked.Add(ref _queryCounts[4], candidates.Count);
        Interlocked.Add(ref _queryCounts[5], (long)packed.Data.Length * byPartition.Length);
        Interlocked.Add(ref _queryCounts[6], found.Sum(f => (long)f.Length));
        var matches = found.SelectMany(f => f).Select(m => m.ToMatch()).ToList();
        if (filters.Run > 0 && matches.Count > 0)
        {
            await AddClustersAsync(matches, filters.Run);
        }
        QueryScoring.Sort(matches);
        return matches;
    }

    /// <summary>
    /// The last batch run's filters, asked of the run grain at every query (one small call, answered with nothing when
    /// the run is the one this client already holds), so that a query after a run scores as that run's index does.
    /// </summary>
    private async Task<QueryFilters> QueryFiltersAsync()
    {
        var known = _queryFilters;
        var newer = await _grains.GetGrain<IClusterRunGrain>(IndexName).FiltersSince(known?.Run ?? 0);
        if (newer is null)
        {
            return known ?? QueryFilters.None;
        }
        return _queryFilters = new QueryFilters(newer.Run, BoilerplateFilter.Of(newer.Boilerplate));
    }

    /// <summary>Sets each match's cluster in batch run <paramref name="run"/>, from the result partitions (empty for a document the run did not cluster).</summary>
    private async Task AddClustersAsync(List<QueryMatch> matches, long run)
    {
        var byPartition = Enumerable.Range(0, matches.Count).GroupBy(i => PartitionMap.OfDocument(matches[i].Id, Partitions)).ToArray();
        var clusters = await Task.WhenAll(byPartition.Select(g => ResultPartition(g.Key).ClustersOf(run, [.. g.Select(i => matches[i].Id)])));
        for (int p = 0; p < byPartition.Length; p++)
        {
            int k = 0;
            foreach (int i in byPartition[p])
            {
                matches[i] = matches[i] with { Cluster = clusters[p][k++] ?? "" };
            }
        }
    }

    /// <summary>
    /// The ids to score: the band partitions' and SimHash partitions' hits (a SimHash hit confirmed within
    /// <see cref="NearDupOptions.SimHashMaxDistance"/>, as <c>SimHashIndex.Query</c> does), and the documents sharing
    /// <see cref="NearDupOptions.MinSharedAnchors"/> anchors, a key no other document holds counting
    /// <see cref="DistinctiveAnchors.Weight"/> times when the query or the document is short; every partition of a kind
    /// is asked at once. Also those found by their anchors alone, and of those the ones that need the document to be short.
    /// </summary>
    private async Task<(HashSet<string> Candidates, HashSet<string> AnchorOnly, HashSet<string> IfShort)> CandidatesAsync(StoredSketch query,
        BoilerplateFilter boilerplate)
    {
        var bands = FindAsync(PartitionKind.Band, query);
        var blocks = FindAsync(PartitionKind.SimHash, query);
        var anchors = CountAnchorsAsync(query, boilerplate);
        await Task.WhenAll(bands, blocks, anchors);
        var candidates = Keyed(query, bands.Result, blocks.Result);
        var (anchorOnly, ifShort) = AnchorCandidates(anchors.Result, DistinctiveAnchors.IsShort(query.Fingerprints.Length), candidates);
        Interlocked.Add(ref _queryCounts[3], anchors.Result.Sum(h => (long)h.Ids.Length));
        return (candidates, anchorOnly, ifShort);
    }

    /// <summary>
    /// The candidates against batch run <paramref name="filters"/>' index, found by strong group as one machine finds
    /// them (<see cref="GroupedCandidates"/>): the band and SimHash hits, and each looked-up anchor's holders, whose
    /// documents' groups the result partitions hold; a group found stands for all its members.
    /// </summary>
    private async Task<(HashSet<string> Candidates, HashSet<string> AnchorOnly, HashSet<string> IfShort)> RunCandidatesAsync(StoredSketch query,
        QueryFilters filters)
    {
        var bands = FindAsync(PartitionKind.Band, query);
        var blocks = FindAsync(PartitionKind.SimHash, query);
        var anchors = HoldersAsync(AnchorProbes(query, filters.Boilerplate));
        await Task.WhenAll(bands, blocks, anchors);
        var keyed = Keyed(query, bands.Result, blocks.Result);
        var groups = await RunGroupsAsync(filters.Run, [.. keyed.Concat(anchors.Result.Select(r => r.Id)).Distinct(StringComparer.Ordinal)]);
        Interlocked.Add(ref _queryCounts[3], anchors.Result.Length);
        return GroupedCandidates.Find(keyed, anchors.Result, groups, Options.MinSharedAnchors, DistinctiveAnchors.IsShort(query.Fingerprints.Length));
    }

    /// <summary>
    /// The strong groups of several that documents <paramref name="ids"/> belong to in batch run <paramref name="run"/>,
    /// by the id of every member of each (a document of a group of one is not there): each document's group key from its
    /// result partition, then each group from its key's.
    /// </summary>
    private async Task<Dictionary<string, StoredGroup>> RunGroupsAsync(long run, string[] ids)
    {
        var byPartition = ids.GroupBy(id => PartitionMap.OfDocument(id, Partitions)).ToArray();
        var keysFound = await Task.WhenAll(byPartition.Select(g => ResultPartition(g.Key).GroupsOf(run, [.. g])));
        var keys = keysFound.SelectMany(k => k).OfType<string>().Distinct(StringComparer.Ordinal)
            .GroupBy(key => PartitionMap.OfDocument(key, Partitions)).ToArray();
        var groupsFound = await Task.WhenAll(keys.Select(g => ResultPartition(g.Key).Groups(run, [.. g])));
        var groups = new Dictionary<string, StoredGroup>(StringComparer.Ordinal);
        foreach (var group in groupsFound.SelectMany(g => g).OfType<StoredGroup>())
        {
            foreach (string member in group.Members)
            {
                groups[member] = group;
            }
        }
        return groups;
    }

    /// <summary>
    /// The band partitions' hits and the SimHash partitions' hits confirmed within <see cref="NearDupOptions.SimHashMaxDistance"/>,
    /// as <c>SimHashIndex.Query</c> confirms them.
    /// </summary>
    private HashSet<string> Keyed(StoredSketch query, KeyEntry[] bandRows, KeyEntry[] blockRows)
    {
        var keyed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in bandRows)
        {
            keyed.Add(row.Id);
        }
        foreach (var row in blockRows)
        {
            if (BitOperations.PopCount(row.Payload ^ query.SimHash) <= Options.SimHashMaxDistance)
            {
                keyed.Add(row.Id);
            }
        }
        Interlocked.Add(ref _queryCounts[1], bandRows.Length);
        Interlocked.Add(ref _queryCounts[2], blockRows.Length);
        return keyed;
    }

    /// <summary>
    /// Adds to <paramref name="candidates"/> (the band and SimHash candidates) the documents sharing enough anchors
    /// with the query, summed over the anchor partitions' <paramref name="hits"/>: those it adds, and of those the
    /// ones that reach <see cref="NearDupOptions.MinSharedAnchors"/> only with their distinctive keys counted
    /// <see cref="DistinctiveAnchors.Weight"/> times when the query is not short (<paramref name="queryIsShort"/>).
    /// </summary>
    private (HashSet<string> AnchorOnly, HashSet<string> IfShort) AnchorCandidates(KeyHits[] hits, bool queryIsShort, HashSet<string> candidates)
    {
        var counts = new Dictionary<string, (int Held, int Alone)>(StringComparer.Ordinal);
        foreach (var partition in hits)
        {
            for (int k = 0; k < partition.Ids.Length; k++)
            {
                var (held, alone) = counts.GetValueOrDefault(partition.Ids[k]);
                counts[partition.Ids[k]] = (held + partition.Counts[k], alone + partition.Alone[k]);
            }
        }
        var anchorOnly = new HashSet<string>(StringComparer.Ordinal);
        var ifShort = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, (held, alone)) in counts)
        {
            bool enough = held >= Options.MinSharedAnchors;
            if (candidates.Contains(id) || (!enough && held + (DistinctiveAnchors.Weight - 1) * alone < Options.MinSharedAnchors))
            {
                continue;
            }
            anchorOnly.Add(id);
            if (!enough && !queryIsShort)
            {
                ifShort.Add(id);
            }
        }
        candidates.UnionWith(anchorOnly);
        return (anchorOnly, ifShort);
    }

    /// <summary>
    /// The anchor partitions' counts of the query's anchors per document (<see cref="Grains.IKeyPartitionGrain.Count"/>),
    /// of its anchors that are not <paramref name="boilerplate"/>.
    /// </summary>
    private async Task<KeyHits[]> CountAnchorsAsync(StoredSketch query, BoilerplateFilter boilerplate)
    {
        var calls = AnchorProbes(query, boilerplate).GroupBy(p => PartitionMap.OfKey(p.Table, p.Value, Partitions))
            .Select(g => KeyPartition(PartitionKind.Anchor, g.Key).Count([.. g]));
        return await Task.WhenAll(calls);
    }

    /// <summary>The probes of the query's anchors that are not <paramref name="boilerplate"/>.</summary>
    private List<KeyEntry> AnchorProbes(StoredSketch query, BoilerplateFilter boilerplate)
    {
        var kept = new uint[query.Fingerprints.Length];
        kept = kept[..boilerplate.Keep(query.Fingerprints, kept)];
        var probes = new List<KeyEntry>();
        _keys.Rows(PartitionKind.Anchor, query.Id, query.ShingleCount, query.BandKeys, query.SimHash, kept, probes);
        return probes;
    }

    /// <summary>The rows of the anchor <paramref name="probes"/>' keys, from each anchor partition's holders (<see cref="KeyHolders"/>).</summary>
    private async Task<KeyEntry[]> HoldersAsync(List<KeyEntry> probes)
    {
        var calls = probes.GroupBy(p => PartitionMap.OfKey(p.Table, p.Value, Partitions))
            .Select(g => KeyPartition(PartitionKind.Anchor, g.Key).Holders([.. g]));
        var rows = new List<KeyEntry>();
        foreach (var holders in await Task.WhenAll(calls))
        {
            holders.AddRowsTo(rows);
        }
        return [.. rows];
    }

    private Task<KeyEntry[]> FindAsync(PartitionKind kind, StoredSketch query)
    {
        var probes = new List<KeyEntry>();
        _keys.Rows(kind, query, probes);
        return FindAsync(kind, probes);
    }

    private async Task<KeyEntry[]> FindAsync(PartitionKind kind, List<KeyEntry> probes)
    {
        var calls = probes.GroupBy(p => PartitionMap.OfKey(p.Table, p.Value, Partitions))
            .Select(g => KeyPartition(kind, g.Key).Find([.. g]));
        var found = await Task.WhenAll(calls);
        return [.. found.SelectMany(f => f)];
    }

    private static DocumentSketch ToSketch(StoredSketch s) => s.ToDocumentSketch();
}
