namespace NearDup.Distributed;

/// <summary>
/// A piece of input a silo reads and adds (<see cref="NearDupClusterClient.AddShardsAsync"/>): a whole file or folder, or
/// the bytes [<paramref name="Start"/>, <paramref name="End"/>) of a JSONL file, which must begin and end at line
/// boundaries. The path is read by the silo, so every silo must see it at the same path (shared storage).
/// </summary>
/// <param name="Path">The file or folder, as the silos see it.</param>
/// <param name="Start">First byte of the range; 0 for a whole input.</param>
/// <param name="End">Byte after the range; -1 for a whole input.</param>
[GenerateSerializer, Immutable, Alias("NearDup.IngestShard")]
public sealed record IngestShard([property: Id(0)] string Path, [property: Id(1)] long Start = 0, [property: Id(2)] long End = -1)
{
    /// <summary>Whether this is a byte range of a file rather than a whole input.</summary>
    public bool IsRange => End >= 0;

    /// <summary>The path, and the byte range if there is one: how reports name the shard.</summary>
    public override string ToString() => IsRange ? $"{Path} [bytes {Start:N0} to {End:N0})" : Path;
}
