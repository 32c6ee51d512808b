namespace NearDup.Distributed;

/// <summary>
/// A piece of input a silo reads and adds (<see cref="NearDupClusterClient.AddShardsAsync"/>): a whole file or folder,
/// the bytes [<paramref name="Start"/>, <paramref name="End"/>) of a JSONL file, which must begin and end at line
/// boundaries, or some of a folder's files (<paramref name="Files"/>). The path is read by the silo, so every silo must
/// see it at the same path (shared storage).
/// </summary>
/// <param name="Path">The file or folder, as the silos see it.</param>
/// <param name="Start">First byte of the range; 0 for a whole input.</param>
/// <param name="End">Byte after the range; -1 for a whole input.</param>
/// <param name="Files">
/// For a folder's shard, the files read, as paths relative to <paramref name="Path"/> ('/'-separated); null for a whole
/// input or a range.
/// </param>
/// <param name="TextIds">
/// With <paramref name="Files"/>, per file, the id of a text file (one document; given by the client, which lists the
/// whole folder, since a text file's id depends on its folder's other files), or null for a data file, whose records
/// carry their ids.
/// </param>
[GenerateSerializer, Immutable, Alias("NearDup.IngestShard")]
public sealed record IngestShard([property: Id(0)] string Path, [property: Id(1)] long Start = 0, [property: Id(2)] long End = -1,
    [property: Id(3)] string[]? Files = null, [property: Id(4)] string?[]? TextIds = null)
{
    /// <summary>Whether this is a byte range of a file rather than a whole input.</summary>
    public bool IsRange => End >= 0;

    /// <summary>The path, and the byte range or the folder's files if there are: how reports name the shard.</summary>
    public override string ToString() => IsRange ? $"{Path} [bytes {Start:N0} to {End:N0})"
        : Files is { Length: > 0 } files ? $"{Path} [{files.Length:N0} files, {files[0]} to {files[^1]}]" : Path;
}
