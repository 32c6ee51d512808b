namespace NearDup.Clustering;

/// <summary>
/// A finished clustering run (<see cref="ClusterBuilder"/>): its result, and queries of new documents against the
/// documents it clustered.
/// </summary>
internal sealed class ClusterIndex
{
    private readonly ClusterIndexParts _parts;
    private readonly Lazy<QueryIndexes> _queryIndexes;
    private readonly StoryJudge _judge;

    public ClusterIndex(ClusterIndexParts parts)
    {
        _parts = parts;
        _queryIndexes = new(() => QueryIndexes.Build(parts.Docs, parts.Options, parts.Groups, parts.Verifier.Boilerplate),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _judge = new StoryJudge(parts.Docs, parts.Verifier.Boilerplate, parts.Sizes, parts.Options.SampleRate);
    }

    /// <summary>Builds the query indexes now (they are otherwise built by the first <see cref="Query"/>).</summary>
    public void PrepareQueries() => _ = _queryIndexes.Value;

    /// <summary>The clusters, and the verified pairs if the run was asked for them.</summary>
    public ClusteringResult ToResult() => _parts.Result;

    /// <summary>Matches of a new document against the indexed ones, best first.</summary>
    public IReadOnlyList<QueryMatch> Query(DocumentSketch query)
    {
        var (docs, options, verifier, _, _, clusters, _) = _parts;
        if (query.ShingleCount == 0 || docs.Count == 0)
        {
            return [];
        }
        int querySize = verifier.Boilerplate.CountNotBoilerplate(query.Fingerprints);
        var matches = new List<QueryMatch>();
        foreach (int d in Candidates(query))
        {
            var match = QueryScoring.Match(query, querySize, _judge.Side(d), query.ContentHash == docs.ContentHash(d), docs.Id(d),
                clusters.ClusterIds[clusters.ClusterOf[d]], verifier, _judge, options);
            if (match is { } found)
            {
                matches.Add(found);
            }
        }
        QueryScoring.Sort(matches);
        return matches;
    }

    /// <summary>
    /// The documents to score, ascending: the band tables' and the SimHash index's candidates, and the representatives
    /// of the groups that share enough anchors; each expanded to its whole group, since a match with a group's
    /// representative stands for its exact and syndicated copies too.
    /// </summary>
    private SortedSet<int> Candidates(DocumentSketch query)
    {
        var candidates = new HashSet<int>();
        var (tables, simHash, anchors) = _queryIndexes.Value;
        for (int band = 0; band < tables.Length; band++)
        {
            foreach (int d in tables[band].Find(query.BandKeys[band]))
            {
                candidates.Add(d);
            }
        }
        foreach (int d in simHash.Query(query.SimHash))
        {
            candidates.Add(d);
        }
        var anchorCounts = new Dictionary<int, int>();
        uint anchorMask = AnchorTable.MaskOf(_parts.Options);
        foreach (uint fp in query.Fingerprints)
        {
            if ((fp & anchorMask) != 0 || _parts.Verifier.Boilerplate.IsBoilerplate(fp))
            {
                continue;
            }
            foreach (int g in anchors.Find(fp))
            {
                anchorCounts[g] = anchorCounts.GetValueOrDefault(g) + 1;
            }
        }
        var groups = _parts.Groups;
        foreach (var (g, count) in anchorCounts)
        {
            if (count >= _parts.Options.MinSharedAnchors)
            {
                candidates.Add(groups.Rep[g]);
            }
        }
        var expanded = new SortedSet<int>();
        var seenGroups = new HashSet<int>();
        foreach (int d in candidates)
        {
            int g = groups.GroupOf[d];
            if (seenGroups.Add(g))
            {
                foreach (int member in groups.MembersOf(g))
                {
                    expanded.Add(member);
                }
            }
        }
        return expanded;
    }
}
