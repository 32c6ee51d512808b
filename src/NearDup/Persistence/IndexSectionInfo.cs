namespace NearDup.Persistence;

/// <summary>One section of an index file, as <see cref="IndexInfo"/> lists it.</summary>
/// <param name="Name">The section: <c>documents</c>, <c>band keys</c> or <c>fingerprints</c>.</param>
/// <param name="Codec">How its payload is stored: <c>raw</c>, <c>brotli</c> or <c>zlib</c>.</param>
/// <param name="StoredBytes">Bytes of the payload in the file.</param>
/// <param name="RawBytes">Bytes of the payload once decoded.</param>
public readonly record struct IndexSectionInfo(string Name, string Codec, long StoredBytes, long RawBytes);
