using NearDup.Indexing;
using NearDup.Persistence;

namespace NearDup.Clustering;

/// <summary>
/// The indexes a query needs, built on the first query from the same builders the clustering stages use (a
/// clustering run alone never keeps them).
/// </summary>
/// <param name="Bands">One LSH table per band over the documents with text, looked up together.</param>
/// <param name="SimHash">The SimHash index over the same documents.</param>
/// <param name="Anchors">The anchor table over the groups' cores, with its batched lookup.</param>
internal sealed record QueryIndexes(PostingLookup[] Bands, SimHashIndex SimHash, QueryAnchors Anchors)
{
    /// <summary>
    /// Builds the indexes; the anchor table comes from the groups' cores, or from <paramref name="saved"/> (an index's
    /// query state) without computing the cores, which is most of the cost.
    /// </summary>
    public static QueryIndexes Build(DocumentTable docs, NearDupOptions options, GroupLayout groups, BoilerplateFilter common, SavedQueryState? saved = null)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var textDocs = SignatureKeys.DocumentsWithText(docs);
        var bandTables = BandTables(docs, textDocs, parallel);
        var simHash = new SimHashIndex(SignatureKeys.SimHashesOf(docs, textDocs), textDocs, options.SimHashMaxDistance);
        if (saved is not null)
        {
            var runs = SavedAnchorRuns.Gather(docs, groups, common, AnchorTable.MaskOf(options), saved, parallel);
            return new QueryIndexes(bandTables, simHash, new QueryAnchors(PostingLookup.Build(runs, runs.Postings, parallel)));
        }
        using var cores = GroupCores.Compute(docs, groups, options.SpillDirectory, parallel);
        var anchors = AnchorTable.Build(cores, groups.Count, common, AnchorTable.MaskOf(options), parallel);
        return new QueryIndexes(bandTables, simHash, new QueryAnchors(anchors));
    }

    /// <summary>
    /// One table per band over <paramref name="textDocs"/>: the same tables as <see cref="SignatureKeys.BuildBandTable"/>,
    /// with each document's keys read once for all bands and each lookup built from them (the documents are listed in order).
    /// </summary>
    private static PostingLookup[] BandTables(DocumentTable docs, int[] textDocs, ParallelOptions parallel)
    {
        int bands = docs.Store.Bands;
        var keys = new uint[bands][];
        for (int band = 0; band < bands; band++)
        {
            keys[band] = new uint[textDocs.Length];
        }
        for (int k = 0; k < textDocs.Length; k++)
        {
            var row = docs.BandKeys(textDocs[k]);
            for (int band = 0; band < bands; band++)
            {
                keys[band][k] = row[band];
            }
        }
        var tables = new PostingLookup[bands];
        Parallel.For(0, bands, parallel, band => tables[band] = PostingLookup.Build(new BandPostingRuns(keys[band], textDocs), textDocs.Length, parallel));
        return tables;
    }
}
