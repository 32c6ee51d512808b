using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>
/// The keys the candidate indexes are built from, for the documents with text: each LSH band's key and the SimHash.
/// The candidate stage and the query indexes both read them here, so the two see the same documents and keys.
/// </summary>
internal static class SignatureKeys
{
    /// <summary>The documents with at least one shingle (the others have no signature), ascending.</summary>
    public static int[] DocumentsWithText(DocumentTable docs)
    {
        int withText = 0;
        for (int i = 0; i < docs.Count; i++)
        {
            withText += docs.ShingleCount(i) > 0 ? 1 : 0;
        }
        var textDocs = new int[withText];
        for (int i = 0, k = 0; i < docs.Count; i++)
        {
            if (docs.ShingleCount(i) > 0)
            {
                textDocs[k++] = i;
            }
        }
        return textDocs;
    }

    /// <summary>Band <paramref name="band"/>'s key of each of <paramref name="textDocs"/>, in order.</summary>
    public static void FillBandKeys(DocumentTable docs, int[] textDocs, int band, Span<uint> keys)
    {
        for (int k = 0; k < textDocs.Length; k++)
        {
            keys[k] = docs.BandKeys(textDocs[k])[band];
        }
    }

    /// <summary>Band <paramref name="band"/>'s table over <paramref name="textDocs"/>, kept for queries.</summary>
    public static PostingTable<uint> BuildBandTable(DocumentTable docs, int[] textDocs, int band)
    {
        var keys = new uint[textDocs.Length];
        FillBandKeys(docs, textDocs, band, keys);
        return PostingTable<uint>.Build(keys, (int[])textDocs.Clone());
    }

    /// <summary>The SimHash of each of <paramref name="textDocs"/>, in order.</summary>
    public static ulong[] SimHashesOf(DocumentTable docs, int[] textDocs)
    {
        var simHashes = new ulong[textDocs.Length];
        for (int k = 0; k < textDocs.Length; k++)
        {
            simHashes[k] = docs.SimHash(textDocs[k]);
        }
        return simHashes;
    }
}
