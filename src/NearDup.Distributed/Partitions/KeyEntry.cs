namespace NearDup.Distributed.Partitions;

/// <summary>
/// One row of a key partition: document <see cref="Id"/> holds <see cref="Value"/> in table <see cref="Table"/> (an LSH
/// band, a SimHash block, or the anchor table's one table). (Table, Value, Id) is the row's identity, so adding a row
/// twice keeps one: a retried add is harmless.
/// </summary>
/// <param name="Table">The band or block number; 0 for anchors.</param>
/// <param name="Value">The band key, the block's bits, or the anchor fingerprint.</param>
/// <param name="Id">The document.</param>
/// <param name="Payload">The document's whole SimHash in SimHash rows (to confirm the distance), else 0.</param>
[GenerateSerializer, Immutable, Alias("NearDup.KeyEntry")]
public readonly record struct KeyEntry([property: Id(0)] uint Table, [property: Id(1)] ulong Value, [property: Id(2)] string Id,
    [property: Id(3)] ulong Payload);
