using NearDup.Clustering;
using NearDup.Indexing;

namespace NearDup.Persistence;

/// <summary>The set of sketches and the options they were made with: what an index file holds.</summary>
internal sealed record IndexSnapshot(NearDupOptions Options, LshParameters Lsh, DocumentTable Documents);
