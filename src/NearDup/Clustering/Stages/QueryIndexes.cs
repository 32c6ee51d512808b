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
            return new QueryIndexes(bandTables, simHash, new QueryAnchors(SavedAnchors(docs, groups, common, AnchorTable.MaskOf(options), saved, parallel)));
        }
        using var cores = GroupCores.Compute(docs, groups, options.SpillDirectory, parallel);
        var anchors = AnchorTable.Build(cores, groups.Count, common, AnchorTable.MaskOf(options), parallel);
        return new QueryIndexes(bandTables, simHash, new QueryAnchors(anchors));
    }

    /// <summary>
    /// One table per band over <paramref name="textDocs"/>: the same tables as <see cref="SignatureKeys.BuildBandTable"/>,
    /// with each document's keys read once for all bands and each table radix-sorted (the documents are listed in order).
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
        Parallel.For(0, bands, parallel, band => tables[band] = new PostingLookup(PostingTable<uint>.BuildInDocumentOrder(keys[band], (int[])textDocs.Clone())));
        return tables;
    }

    /// <summary>
    /// The anchor table <see cref="AnchorTable.Build"/> gives, from a saved state: the saved anchors of the groups of
    /// several members, and for a group of one, whose core is its document's fingerprints, those that are anchors and
    /// not boilerplate. The postings are laid out in group order, so the radix-sorted table is the same table.
    /// </summary>
    private static PostingTable<uint> SavedAnchors(DocumentTable docs, GroupLayout groups, BoilerplateFilter common, uint anchorMask, SavedQueryState saved,
        ParallelOptions parallel)
    {
        var counts = new int[groups.Count];
        Parallel.For(0, groups.Count, parallel, g => counts[g] = groups.Size(g) > 1
            ? saved.AnchorStarts[g + 1] - saved.AnchorStarts[g]
            : OwnAnchors(docs.Fingerprints(groups.Rep[g]), anchorMask, common, []));
        var starts = new int[groups.Count + 1];
        for (int g = 0; g < groups.Count; g++)
        {
            starts[g + 1] = checked(starts[g] + counts[g]);
        }
        var keys = new uint[starts[^1]];
        var owners = new int[keys.Length];
        Parallel.For(0, groups.Count, parallel, g =>
        {
            var own = keys.AsSpan(starts[g], counts[g]);
            if (groups.Size(g) > 1)
            {
                saved.AnchorKeys.AsSpan(saved.AnchorStarts[g], own.Length).CopyTo(own);
            }
            else
            {
                OwnAnchors(docs.Fingerprints(groups.Rep[g]), anchorMask, common, own);
            }
            owners.AsSpan(starts[g], own.Length).Fill(g);
        });
        return PostingTable<uint>.BuildInDocumentOrder(keys, owners);
    }

    /// <summary>Counts the anchors among <paramref name="fingerprints"/> that are not boilerplate, writing them to <paramref name="destination"/> unless it is empty.</summary>
    private static int OwnAnchors(ReadOnlySpan<uint> fingerprints, uint anchorMask, BoilerplateFilter common, Span<uint> destination)
    {
        int count = 0;
        foreach (uint fp in fingerprints)
        {
            if ((fp & anchorMask) == 0 && !common.IsBoilerplate(fp))
            {
                if (!destination.IsEmpty)
                {
                    destination[count] = fp;
                }
                count++;
            }
        }
        return count;
    }
}
