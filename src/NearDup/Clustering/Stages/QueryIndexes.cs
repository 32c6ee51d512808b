using NearDup.Indexing;
using NearDup.Persistence;

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
    /// <summary>
    /// Builds the indexes; the anchor table comes from the groups' cores, or from <paramref name="saved"/> (an index's
    /// query state) without computing the cores, which is most of the cost.
    /// </summary>
    public static QueryIndexes Build(DocumentTable docs, NearDupOptions options, GroupLayout groups, BoilerplateFilter common, SavedQueryState? saved = null)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var textDocs = SignatureKeys.DocumentsWithText(docs);
        var bandTables = new PostingTable<uint>[docs.Store.Bands];
        Parallel.For(0, bandTables.Length, parallel, band => bandTables[band] = SignatureKeys.BuildBandTable(docs, textDocs, band));
        var simHash = new SimHashIndex(SignatureKeys.SimHashesOf(docs, textDocs), textDocs, options.SimHashMaxDistance);
        if (saved is not null)
        {
            return new QueryIndexes(bandTables, simHash, SavedAnchors(docs, groups, common, AnchorTable.MaskOf(options), saved));
        }
        using var cores = GroupCores.Compute(docs, groups, options.SpillDirectory, parallel);
        var anchors = AnchorTable.Build(cores, groups.Count, common, AnchorTable.MaskOf(options), parallel);
        return new QueryIndexes(bandTables, simHash, anchors);
    }

    /// <summary>
    /// The anchor table <see cref="AnchorTable.Build"/> gives, from a saved state: the saved anchors of the groups of
    /// several members, and for a group of one, whose core is its document's fingerprints, those that are anchors and
    /// not boilerplate. The table sorts its postings, so it is the same table.
    /// </summary>
    private static PostingTable<uint> SavedAnchors(DocumentTable docs, GroupLayout groups, BoilerplateFilter common, uint anchorMask, SavedQueryState saved)
    {
        var keys = new List<uint>(saved.AnchorKeys.Length * 2);
        var owners = new List<int>(saved.AnchorKeys.Length * 2);
        for (int g = 0; g < groups.Count; g++)
        {
            if (groups.Size(g) > 1)
            {
                var own = saved.AnchorKeys.AsSpan(saved.AnchorStarts[g], saved.AnchorStarts[g + 1] - saved.AnchorStarts[g]);
                keys.AddRange(own);
                for (int k = 0; k < own.Length; k++)
                {
                    owners.Add(g);
                }
                continue;
            }
            foreach (uint fp in docs.Fingerprints(groups.Rep[g]))
            {
                if ((fp & anchorMask) == 0 && !common.IsBoilerplate(fp))
                {
                    keys.Add(fp);
                    owners.Add(g);
                }
            }
        }
        return PostingTable<uint>.Build([.. keys], [.. owners]);
    }
}
