namespace NearDup.Distributed.Partitions;

/// <summary>
/// A run of a key partition: the documents holding one key (<see cref="Table"/>, <see cref="Value"/>), in ordinal order of
/// their ids, which is the order a clustering run numbers documents in.
/// </summary>
/// <param name="Table">The band or SimHash block.</param>
/// <param name="Value">The band key or block bits.</param>
/// <param name="Ids">The documents, ordinal order.</param>
/// <param name="Payloads">Their rows' payloads (the whole SimHash, in SimHash runs), parallel to <paramref name="Ids"/>.</param>
[GenerateSerializer, Immutable, Alias("NearDup.KeyRun")]
public sealed record KeyRun([property: Id(0)] uint Table, [property: Id(1)] ulong Value, [property: Id(2)] string[] Ids,
    [property: Id(3)] ulong[] Payloads);
