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
    /// query state), which holds it ready to look up: no cores computed, no table built.
    /// </summary>
    public static QueryIndexes Build(DocumentTable docs, NearDupOptions options, GroupLayout groups, BoilerplateFilter common, SavedQueryState? saved = null)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        if (saved is not null)
        {
            // The band tables and the SimHash index are built beside the anchors' directory: their steps on one thread (the
            // keys read band by band, the SimHash sort) fill a core the directory's pass leaves idle.
            var others = parallel.MaxDegreeOfParallelism == 1
                ? Task.FromResult(BandsAndSimHash(docs, options, parallel))
                : Task.Run(() => BandsAndSimHash(docs, options, parallel));
            var anchorLookup = new QueryAnchors(new PostingLookup(saved.AnchorPostings));
            var (savedBands, savedSimHash) = others.GetAwaiter().GetResult();
            return new QueryIndexes(savedBands, savedSimHash, anchorLookup);
        }
        var (bandTables, simHash) = BandsAndSimHash(docs, options, parallel);
        using var cores = GroupCores.Compute(docs, groups, options.SpillDirectory, parallel);
        var anchors = AnchorTable.Build(cores, groups.Count, common, AnchorTable.MaskOf(options), parallel);
        return new QueryIndexes(bandTables, simHash, new QueryAnchors(anchors));
    }

    /// <summary>The band tables and the SimHash index over the documents with text.</summary>
    private static (PostingLookup[] Bands, SimHashIndex SimHash) BandsAndSimHash(DocumentTable docs, NearDupOptions options, ParallelOptions parallel)
    {
        var textDocs = SignatureKeys.DocumentsWithText(docs);
        return (BandTables(docs, textDocs, parallel), new SimHashIndex(SignatureKeys.SimHashesOf(docs, textDocs), textDocs, options.SimHashMaxDistance));
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
