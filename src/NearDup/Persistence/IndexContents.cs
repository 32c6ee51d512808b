using NearDup.Clustering;

namespace NearDup.Persistence;

/// <summary>
/// What <see cref="IndexReader"/> found in a file; <see cref="Documents"/> (slot i is the file's document i, in id
/// order) is null when only the layout was read.
/// </summary>
internal sealed record IndexContents(int FormatVersion, string LibraryVersion, NearDupOptions Options, int Bands, int Rows, long DocumentCount,
    SketchStore? Documents, IReadOnlyList<IndexSectionInfo> Sections, long FileBytes)
{
    /// <summary>What queries need from the clustering, when the file saved it (format 6 on, and only when saved with one).</summary>
    public SavedQueryState? QueryState { get; init; }
}
