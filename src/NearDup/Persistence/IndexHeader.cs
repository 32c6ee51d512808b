using NearDup.Clustering;

namespace NearDup.Persistence;

/// <summary>What an index file's header body holds, as <see cref="IndexReader"/> read it.</summary>
internal sealed record IndexHeader(int Version, string LibraryVersion, NearDupOptions Options, int Bands, int Rows, long Documents);
