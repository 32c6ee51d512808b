using NearDup.Clustering;

namespace NearDup.Persistence;

/// <summary>
/// What an index folder holds, read from its header and section headers without loading (or verifying) the sketches;
/// <see cref="DuplicateDetector.Load(string)"/> verifies every checksum.
/// </summary>
/// <param name="FormatVersion">The file's format version.</param>
/// <param name="LibraryVersion">Version of the NearDup library that wrote it.</param>
/// <param name="Options">The options the index was built with.</param>
/// <param name="Documents">Number of documents.</param>
/// <param name="FileBytes">Size of the index file.</param>
/// <param name="Sections">The sections, in file order.</param>
public sealed record IndexInfo(int FormatVersion, string LibraryVersion, NearDupOptions Options, long Documents, long FileBytes, IReadOnlyList<IndexSectionInfo> Sections)
{
    /// <summary>File bytes per document (0 for an empty index).</summary>
    public double BytesPerDocument => Documents == 0 ? 0 : (double)FileBytes / Documents;

    /// <summary>Reads the header of the index in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no index.</exception>
    /// <exception cref="InvalidDataException">The file is not an index, is corrupt in its header or layout, or is of a newer format.</exception>
    public static IndexInfo Read(string directory)
    {
        using var stream = DuplicateDetector.OpenIndexFile(directory, bufferSize: 4096);
        var contents = IndexReader.Read(stream, layoutOnly: true);
        return new IndexInfo(contents.FormatVersion, contents.LibraryVersion, contents.Options, contents.DocumentCount, contents.FileBytes, contents.Sections);
    }
}
