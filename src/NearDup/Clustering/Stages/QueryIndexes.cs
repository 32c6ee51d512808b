using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>The indexes a query needs, built on the first query (a clustering run alone never keeps them).</summary>
/// <param name="Bands">One LSH table per band over the documents with text.</param>
/// <param name="SimHash">The SimHash index over the same documents.</param>
/// <param name="Anchors">The anchor table over the groups' cores.</param>
internal sealed record QueryIndexes(PostingTable<uint>[] Bands, SimHashIndex SimHash, PostingTable<uint> Anchors);
