using NearDup.Persistence;

namespace NearDup.Clustering;

/// <summary>The query state an index saves (<see cref="SavedQueryState"/>): taken from a clustering run, and made into an index again on load.</summary>
internal sealed partial class ClusterIndex
{
    /// <summary>The documents this index was built over.</summary>
    public DocumentTable Docs => _parts.Docs;

    /// <summary>The anchor table of the query indexes (built if not built yet), made again from their lookup: call once.</summary>
    public Indexing.PostingTable<uint> Anchors => _queryIndexes.Value.Anchors.ToTable();

    /// <summary>Whether this index was built over exactly the documents of <paramref name="docs"/> (same store, same slots).</summary>
    public bool Covers(DocumentTable docs)
    {
        var own = _parts.Docs;
        if (!ReferenceEquals(own.Store, docs.Store) || own.Count != docs.Count)
        {
            return false;
        }
        for (int i = 0; i < own.Count; i++)
        {
            if (own.Slot(i) != docs.Slot(i))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// What queries need from this run, to be saved with the documents: groups, representatives, clusters, sizes,
    /// boilerplate, and the anchor table's postings (builds the query indexes if not built yet).
    /// </summary>
    public SavedQueryState ToSavedState()
    {
        var groups = _parts.Groups;
        var clusters = _parts.Clusters;
        return new SavedQueryState(groups.GroupOf, groups.Rep, clusters.ClusterOf, clusters.ClusterIds.Length, _parts.Sizes,
            _parts.Verifier.Boilerplate.ToSortedArray(), _queryIndexes.Value.Anchors.Postings);
    }

    /// <summary>
    /// The index a saved state describes over <paramref name="docs"/> (the documents it was saved with, in the same order):
    /// it answers queries as the run it was taken from did, and holds no clusters (<see cref="ToResult"/> throws).
    /// </summary>
    public static ClusterIndex FromSaved(DocumentTable docs, NearDupOptions options, SavedQueryState state)
    {
        var common = BoilerplateFilter.Of(state.Boilerplate);
        var groups = GroupStage.Lay(new StrongGroups(state.GroupOf, state.Rep));
        var ids = new string[state.Clusters];
        for (int c = 0; c < ids.Length; c++)
        {
            ids[c] = CanonicalStage.ClusterId(c, ids.Length);
        }
        var clusters = new ClusterList([], state.ClusterOf, ids);
        return new ClusterIndex(new ClusterIndexParts(docs, options, new Verifier(options, common), state.Sizes, groups, clusters, Result: null,
            CommonFacts.Find(docs, groups, options.CommonShingleDocuments, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism })),
            state);
    }
}
