using System.Runtime.InteropServices;

namespace NearDup.Clustering;

/// <summary>
/// A finished clustering run (<see cref="ClusterBuilder"/>): its result, and queries of new documents against the
/// documents it clustered.
/// </summary>
internal sealed partial class ClusterIndex
{
    // Per-thread scratch of Candidates, reused from query to query: a query ran several collections a second on lists
    // and arrays it let go at once.
    [ThreadStatic]
    private static List<int>? t_found;

    [ThreadStatic]
    private static List<int>? t_hits;

    [ThreadStatic]
    private static List<int>? t_keyed;

    [ThreadStatic]
    private static List<int>? t_single;

    [ThreadStatic]
    private static int[]? t_expanded;

    [ThreadStatic]
    private static uint[]? t_kept;

    [ThreadStatic]
    private static ushort[]? t_keptPositions;

    [ThreadStatic]
    private static SharedIndexPairs? t_merged;

    // A query's matches are gathered here and returned as an array of their number: a list of its own grew from
    // nothing, a few allocations and copies a query.
    [ThreadStatic]
    private static List<QueryMatch>? t_matches;

    /// <summary>A candidate's fingerprints asked for ahead of its score: its first two cache lines (the hardware prefetcher follows on from there).</summary>
    private const int PrefetchedFingerprints = 16;

    private readonly ClusterIndexParts _parts;
    private readonly Lazy<QueryIndexes> _queryIndexes;
    // Queries hand the judge only their fingerprints that are not boilerplate, so its merge needs no filter.
    private readonly StoryJudge _judge;

    public ClusterIndex(ClusterIndexParts parts)
        : this(parts, savedAnchors: null)
    {
    }

    /// <summary>An index whose anchor table is the one saved in <paramref name="savedAnchors"/> (read, not built) rather than built from the groups' cores, when given.</summary>
    private ClusterIndex(ClusterIndexParts parts, Persistence.SavedQueryState? savedAnchors)
    {
        _parts = parts;
        _queryIndexes = new(() => QueryIndexes.Build(parts.Docs, parts.Options, parts.Groups, parts.Verifier.Boilerplate, savedAnchors),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _judge = new StoryJudge(parts.Docs, BoilerplateFilter.None, parts.Sizes, parts.Options.SampleRate, parts.CommonFacts);
    }

    /// <summary>The strong groups the run found, with their representatives as queries read them.</summary>
    internal GroupLayout Groups => _parts.Groups;

    /// <summary>Builds the query indexes now (they are otherwise built by the first <see cref="Query(QuerySketch)"/>).</summary>
    public void PrepareQueries() => _ = _queryIndexes.Value;

    /// <summary>The clusters, and the verified pairs if the run was asked for them.</summary>
    /// <exception cref="InvalidOperationException">The index is a query state loaded from a file, which holds no clusters.</exception>
    public ClusteringResult ToResult() =>
        _parts.Result ?? throw new InvalidOperationException("A query state loaded from an index holds no clustering result; cluster the documents.");

    /// <summary>Matches of a new document against the indexed ones, best first.</summary>
    public IReadOnlyList<QueryMatch> Query(DocumentSketch query) => Query(new QuerySketch(query));

    /// <summary>Matches of a new document, given as views of its sketch, against the indexed ones, best first.</summary>
    public IReadOnlyList<QueryMatch> Query(scoped QuerySketch query)
    {
        var (docs, options, verifier, sizes, _, clusters, _, _) = _parts;
        if (query.ShingleCount == 0 || docs.Count == 0)
        {
            return [];
        }
        var kept = Kept(query.Fingerprints, verifier.Boilerplate);
        var keptPositions = ReadOnlySpan<ushort>.Empty;
        bool positioned = false;
        var matches = t_matches ??= [];
        matches.Clear();
        var merged = t_merged ??= new();
        var candidates = Candidates(query, kept);
        PrefetchFingerprints(docs, candidates);
        foreach (int d in candidates)
        {
            // A candidate neither verified nor of the same text is no match: the judge's view of it is read only for the others.
            var score = QueryScoring.Score(kept, query.Fingerprints, docs.Fingerprints(d), sizes[d], merged);
            bool sameContent = query.ContentHash == docs.ContentHash(d);
            if (!QueryScoring.IsMatch(score, sameContent, verifier))
            {
                continue;
            }
            if (!positioned)
            {
                keptPositions = KeptPositions(query, kept);
                positioned = true;
            }
            var match = QueryScoring.Match(query, kept, keptPositions, score, _judge.Side(d), sameContent, docs.Id(d),
                clusters.ClusterIds[clusters.ClusterOf[d]], verifier, _judge, options, MayBeCopy(score, kept, d), merged);
            if (match is { } found)
            {
                matches.Add(found);
            }
        }
        QueryScoring.Sort(matches);
        return matches.Count == 0 ? [] : matches.ToArray();
    }

    /// <summary>
    /// Asks for the first lines of each candidate's fingerprints before any is scored: found one at a time as the score
    /// reached them, each candidate's row and first lines were cache misses the merge waited for; asked for together, they overlap.
    /// </summary>
    private static void PrefetchFingerprints(DocumentTable docs, ReadOnlySpan<int> candidates)
    {
        foreach (int d in candidates)
        {
            var fingerprints = docs.Fingerprints(d);
            if (fingerprints.Length > 0)
            {
                Internal.CacheHint.Prefetch(in fingerprints[0]);
                Internal.CacheHint.Prefetch(in fingerprints[Math.Min(fingerprints.Length - 1, PrefetchedFingerprints)]);
            }
        }
    }

    /// <summary>Whether the query may be judged a copy of document <paramref name="d"/> (<see cref="QueryScoring.MayBeCopy"/>).</summary>
    private bool MayBeCopy(Verifier.Score score, ReadOnlySpan<uint> kept, int d) =>
        QueryScoring.MayBeCopy(_parts.Verifier, score, t_keyed!.BinarySearch(_parts.Groups.GroupOf[d]) < 0, kept, _parts.Docs.Fingerprints(d));

    /// <summary>The query's fingerprints that are not boilerplate, in the thread's scratch (valid until its next query).</summary>
    private static ReadOnlySpan<uint> Kept(scoped ReadOnlySpan<uint> fingerprints, BoilerplateFilter common)
    {
        if (t_kept is null || t_kept.Length < fingerprints.Length)
        {
            t_kept = new uint[Math.Max(fingerprints.Length, 2 * (t_kept?.Length ?? 0))];
        }
        return t_kept.AsSpan(0, common.Keep(fingerprints, t_kept));
    }

    /// <summary>
    /// The positions of the query's <paramref name="kept"/> fingerprints, in the thread's scratch (valid until its next
    /// query); empty when the query has no positions, which the judge then does not read.
    /// </summary>
    private static ReadOnlySpan<ushort> KeptPositions(scoped QuerySketch query, scoped ReadOnlySpan<uint> kept)
    {
        if (query.Positions.Length != query.Fingerprints.Length)
        {
            return [];
        }
        if (t_keptPositions is null || t_keptPositions.Length < kept.Length)
        {
            t_keptPositions = new ushort[Math.Max(kept.Length, 2 * (t_keptPositions?.Length ?? 0))];
        }
        var keptPositions = t_keptPositions.AsSpan(0, kept.Length);
        QueryScoring.KeptPositions(query.Fingerprints, query.Positions, kept, keptPositions);
        return keptPositions;
    }

    /// <summary>
    /// The documents to score, ascending: the band tables' and the SimHash index's candidates, and the representatives
    /// of the groups that share enough anchors; each expanded to its whole group, since a match with a group's
    /// representative stands for its exact and syndicated copies too. Gathered as group numbers in a list, sorted once:
    /// hash sets, a dictionary of anchor counts and a sorted tree per query cost more than the scoring.
    /// </summary>
    private ReadOnlySpan<int> Candidates(scoped QuerySketch query, ReadOnlySpan<uint> kept)
    {
        var (tables, simHash, anchors) = _queryIndexes.Value;
        var groups = _parts.Groups;
        var found = t_found ??= [];
        found.Clear();
        var hits = t_hits ??= [];
        hits.Clear();
        var single = t_single ??= [];
        single.Clear();
        anchors.Collect(kept, AnchorTable.MaskOf(_parts.Options), tables, query.BandKeys, found, hits, single);
        simHash.Collect(query.SimHash, found);
        for (int i = 0; i < found.Count; i++)
        {
            found[i] = groups.GroupOf[found[i]];
        }
        var keyed = t_keyed ??= [];
        keyed.Clear();
        keyed.AddRange(found);
        keyed.Sort();
        AddDistinctive(single, hits, DistinctiveAnchors.IsShort(query.Fingerprints.Length));
        AddAnchorGroups(hits, found);
        found.Sort();
        int members = 0, distinct = 0;
        for (int i = 0; i < found.Count; i++)
        {
            if (i == 0 || found[i] != found[i - 1])
            {
                found[distinct++] = found[i];
                members += groups.Size(found[i]);
            }
        }
        // Groups are disjoint, so their members need no second de-duplication, only one sort.
        if (t_expanded is null || t_expanded.Length < members)
        {
            t_expanded = new int[Math.Max(members, 2 * (t_expanded?.Length ?? 0))];
        }
        var expanded = t_expanded.AsSpan(0, members);
        int written = 0;
        for (int i = 0; i < distinct; i++)
        {
            groups.MembersOf(found[i]).CopyTo(expanded[written..]);
            written += groups.Size(found[i]);
        }
        expanded.Sort();
        return expanded;
    }

    /// <summary>
    /// Adds to <paramref name="hits"/> each group of <paramref name="single"/> (an anchor the query and that group alone
    /// hold) once more for each further shared anchor it counts as, when the query or the group's representative is
    /// short (<see cref="DistinctiveAnchors"/>), as the weak-link stage counts a key of two groups.
    /// </summary>
    private void AddDistinctive(List<int> single, List<int> hits, bool queryIsShort)
    {
        var (docs, groups) = (_parts.Docs, _parts.Groups);
        foreach (int g in single)
        {
            if (queryIsShort || DistinctiveAnchors.IsShort(docs.FingerprintCount(groups.Rep[g])))
            {
                for (int w = 1; w < DistinctiveAnchors.Weight; w++)
                {
                    hits.Add(g);
                }
            }
        }
    }

    /// <summary>
    /// Adds the group of the representative of each group sharing at least <see cref="NearDupOptions.MinSharedAnchors"/> anchors with the query,
    /// from <paramref name="hits"/>, the group of each posting of each anchor, counted without a sort (the caller sorts
    /// <paramref name="found"/>). The table holds no boilerplate, so only the query's kept fingerprints (boilerplate left
    /// out) were looked up: a boilerplate anchor would find nothing there.
    /// </summary>
    private void AddAnchorGroups(List<int> hits, List<int> found)
    {
        int from = found.Count;
        FrequentValues.Add(CollectionsMarshal.AsSpan(hits), _parts.Options.MinSharedAnchors, found);
        var groups = _parts.Groups;
        for (int i = from; i < found.Count; i++)
        {
            found[i] = groups.GroupOf[groups.Rep[found[i]]];
        }
    }
}
