using NearDup.Clustering;
using NearDup.Indexing;

namespace NearDup.Persistence;

/// <summary>The set of sketches and the options they were made with: what an index file holds.</summary>
/// <param name="Options">The options.</param>
/// <param name="Lsh">The LSH shape the band keys were made with.</param>
/// <param name="Documents">The documents, in ordinal id order.</param>
/// <param name="QueryState">What queries need from a clustering of exactly these documents with these options, or null (saved without).</param>
internal sealed record IndexSnapshot(NearDupOptions Options, LshParameters Lsh, DocumentTable Documents, SavedQueryState? QueryState = null);
