using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>
/// The indexes a query needs, built on the first query from the same builders the clustering stages use (a
/// clustering run alone never keeps them).
/// </summary>
/// <param name="Bands">One LSH table per band over the documents with text.</param>
/// <param name="SimHash">The SimHash index over the same documents.</param>
/// <param name="Anchors">The anchor table over the groups' cores.</param>
internal sealed record QueryIndexes(PostingTable<uint>[] Bands, SimHashIndex SimHash, PostingTable<uint> Anchors)
{
    public static QueryIndexes Build(DocumentTable docs, NearDupOptions options, GroupLayout groups, BoilerplateFilter common)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var textDocs = SignatureKeys.DocumentsWithText(docs);
        var bandTables = new PostingTable<uint>[docs.Store.Bands];
        Parallel.For(0, bandTables.Length, parallel, band => bandTables[band] = SignatureKeys.BuildBandTable(docs, textDocs, band));
        var simHash = new SimHashIndex(SignatureKeys.SimHashesOf(docs, textDocs), textDocs, options.SimHashMaxDistance);
        using var cores = GroupCores.Compute(docs, groups, options.SpillDirectory, parallel);
        var anchors = AnchorTable.Build(cores, groups.Count, common, AnchorTable.MaskOf(options), parallel);
        return new QueryIndexes(bandTables, simHash, anchors);
    }
}
